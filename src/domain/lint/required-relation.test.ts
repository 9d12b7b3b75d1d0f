import { describe, expect, it } from 'vitest';
import { RELATION_REQUIREMENTS, requiredRelation } from './required-relation.js';
import { findKind, isRelationAllowed } from '../kinds/index.js';
import type { RelationTypeId } from '../kind.js';
import { el, graph, rel } from './test-graph.js';

describe('required-relation', () => {
  it('declares only requirements the kinds allow', () => {
    for (const req of RELATION_REQUIREMENTS) {
      expect(findKind(req.kind), req.kind).toBeDefined();
      for (const type of req.types) {
        if (req.from.length === 0) continue;
        const ok = req.from.some((other) =>
          req.direction === 'in' ? isRelationAllowed(other, type as RelationTypeId, req.kind) : isRelationAllowed(req.kind, type as RelationTypeId, other),
        );
        expect(ok, `${req.kind} ${type}`).toBe(true);
      }
    }
  });

  it('fires for a loose business process, sub-process and application', () => {
    const g = graph([
      el('business-process', { id: 'bp', code: 'BDL-01', name: 'Akuntabilitas' }),
      el('sub-process', { id: 'sp', code: 'BDL-01.01' }),
      el('application', { id: 'app', name: 'SIMAK' }),
    ]);
    const findings = requiredRelation.check(g);
    expect(findings.map((f) => f.elementIds[0]).sort()).toEqual(['app', 'bp', 'sp']);
    const bp = findings.find((f) => f.elementIds[0] === 'bp')!;
    expect(bp.message).toContain('kelompok proses bisnis');
    expect(bp.messageEn).toContain('process group');
  });

  it('is satisfied by the right relation from the right kind only', () => {
    const g = graph(
      [
        el('process-group', { id: 'pg' }),
        el('business-process', { id: 'bp' }),
        el('sub-process', { id: 'sp' }),
        el('service', { id: 'svc' }),
        el('application', { id: 'app' }),
        el('application', { id: 'app2' }),
        el('application', { id: 'old', lifecycle: 'retired' }),
      ],
      [rel('pg', 'composes', 'bp'), rel('bp', 'composes', 'sp'), rel('app', 'realizes', 'svc'), rel('app2', 'serves', 'sp')],
    );
    expect(requiredRelation.check(g)).toEqual([]);
    // A business process composed by another business process's sibling kind does not count.
    const wrong = graph([el('sub-process', { id: 'x' }), el('business-process', { id: 'bp' })], [rel('x', 'composes', 'bp')]);
    expect(requiredRelation.check(wrong).map((f) => f.elementIds[0]).sort()).toEqual(['bp', 'x']);
  });
});
