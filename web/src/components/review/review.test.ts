import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { groupSecret, parseSummary, splitAuditAction } from './api';
import { localiseDetail } from './problems';

/** A stand-in for i18next's t: the key, then its interpolation values (defaultValue is not one). */
const t = ((key: string, options?: Record<string, unknown>) => {
  const { defaultValue: _ignored, ...params } = options ?? {};
  return Object.keys(params).length ? `${key} ${JSON.stringify(params)}` : key;
}) as unknown as TFunction;

describe('review helpers', () => {
  it('groups a TOTP secret in fours', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
    expect(groupSecret('AB CD')).toBe('ABCD');
  });

  it('reads the server summary back', () => {
    expect(parseSummary('update application "SIMPEG"')).toEqual({ kind: 'application', name: 'SIMPEG' });
    expect(parseSummary('create data-set "Data "kutip""')).toEqual({ kind: 'data-set', name: 'Data "kutip"' });
    expect(parseSummary('something else')).toEqual({ kind: '', name: 'something else' });
  });

  it('splits an audit action applied from a change request', () => {
    expect(splitAuditAction('update (change request 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b)')).toEqual({
      action: 'update',
      changeRequestId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    });
    expect(splitAuditAction('delete')).toEqual({ action: 'delete', changeRequestId: null });
  });

  it('says known server refusals again in the UI language, with statuses as words', () => {
    expect(localiseDetail('Nobody reviews their own change request.', t)).toBe('review.problems.ownRequest');
    expect(localiseDetail('The request is approved, not submitted.', t)).toBe(
      'review.problems.wrongStatus {"status":"review.status.approved","expected":"review.status.submitted"}',
    );
    expect(localiseDetail('The element was changed by someone else; its current version is 4.', t)).toBe('review.problems.elementChanged {"version":"4"}');
    expect(localiseDetail('User siti exists already.', t)).toBe('review.problems.usernameTaken {"username":"siti"}');
    expect(localiseDetail('No OPD with code DINKES.', t)).toBe('review.problems.noOrgCode {"code":"DINKES"}');
    expect(localiseDetail('Something new', t)).toBeUndefined();
  });
});
