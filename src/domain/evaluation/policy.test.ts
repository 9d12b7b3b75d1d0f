import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../policy.js';
import { allowedTransitions, createDenial, editDenial, frameworkLoadDenial, readDenial, transitionDenial, ASSESSMENT_STATUSES } from './policy.js';

const actor = (role: Role | null, readOnly = false): Actor => ({
  instansiId: 'i',
  user: role ? { id: role, username: role, role, orgUnitIds: [], readOnly } : null,
});

describe('evaluation policy', () => {
  it('lets every signed-in user read and nobody anonymous', () => {
    expect(readDenial(actor(null))).toBe('unauthenticated');
    for (const r of ['admin', 'operator', 'reviewer', 'auditor', 'viewer'] as const) expect(readDenial(actor(r))).toBeNull();
  });

  it('moves assessments only along the flow, each step by its roles', () => {
    const table: Record<string, Record<string, string[]>> = {};
    for (const from of ASSESSMENT_STATUSES) {
      table[from] = {};
      for (const r of ['admin', 'operator', 'reviewer', 'auditor', 'viewer'] as const) table[from][r] = allowedTransitions(actor(r), from);
    }
    expect(table).toEqual({
      draft: { admin: ['submitted'], operator: ['submitted'], reviewer: [], auditor: [], viewer: [] },
      submitted: { admin: ['draft', 'verified'], operator: [], reviewer: ['draft', 'verified'], auditor: [], viewer: [] },
      verified: { admin: ['final'], operator: [], reviewer: [], auditor: [], viewer: [] },
      final: { admin: [], operator: [], reviewer: [], auditor: [], viewer: [] },
    });
    expect(transitionDenial(actor('admin'), 'draft', 'final')).toBe('invalid-transition');
    expect(transitionDenial(actor('admin'), 'final', 'draft')).toBe('invalid-transition');
    expect(transitionDenial(actor('operator'), 'submitted', 'verified')).toBe('forbidden');
    expect(transitionDenial(actor(null), 'draft', 'submitted')).toBe('unauthenticated');
  });

  it('lets editors change drafts, verifiers change submitted assessments, nobody change verified or final ones', () => {
    expect(editDenial(actor('operator'), 'draft')).toBeNull();
    expect(editDenial(actor('admin'), 'draft')).toBeNull();
    expect(editDenial(actor('viewer'), 'draft')).toBe('forbidden');
    expect(editDenial(actor('operator'), 'submitted')).toBe('forbidden');
    expect(editDenial(actor('admin'), 'submitted')).toBeNull();
    expect(editDenial(actor('reviewer'), 'submitted')).toBeNull();
    expect(editDenial(actor('reviewer'), 'draft')).toBe('forbidden');
    expect(editDenial(actor('auditor'), 'draft')).toBe('forbidden');
    expect(editDenial(actor('admin'), 'verified')).toBe('locked');
    expect(editDenial(actor('admin'), 'final')).toBe('locked');
  });

  it('refuses every write to a read-only token, whatever its role', () => {
    expect(editDenial(actor('admin', true), 'draft')).toBe('forbidden');
    expect(transitionDenial(actor('admin', true), 'verified', 'final')).toBe('forbidden');
    expect(createDenial(actor('admin', true))).toBe('forbidden');
    expect(frameworkLoadDenial(actor('admin', true))).toBe('forbidden');
    expect(readDenial(actor('viewer', true))).toBeNull();
  });

  it('lets only admins load frameworks, and admins and operators start assessments', () => {
    expect(frameworkLoadDenial(actor('admin'))).toBeNull();
    expect(frameworkLoadDenial(actor('operator'))).toBe('forbidden');
    expect(createDenial(actor('operator'))).toBeNull();
    expect(createDenial(actor('viewer'))).toBe('forbidden');
    expect(createDenial(actor('reviewer'))).toBe('forbidden');
    expect(frameworkLoadDenial(actor('reviewer'))).toBe('forbidden');
  });
});
