import { describe, expect, it } from 'vitest';
import { tobeWithoutInitiative } from './tobe-without-initiative.js';
import { el, graph, rel } from './test-graph.js';

describe('tobe-without-initiative', () => {
  it('fires for a to-be element nobody delivers, or only a cancelled initiative', () => {
    const g = graph(
      [
        el('application', { id: 'a', name: 'Website profil sekolah', lifecycle: 'to-be' }),
        el('server', { id: 's', lifecycle: 'to-be' }),
        el('initiative', { id: 'i', attributes: { status: 'dibatalkan' } }),
      ],
      [rel('i', 'delivers', 's')],
    );
    const findings = tobeWithoutInitiative.check(g);
    expect(findings.map((f) => f.elementIds[0])).toEqual(['a', 's']);
    expect(findings[0].message).toBe('Aplikasi target "Website profil sekolah" belum diwujudkan oleh inisiatif Peta Rencana mana pun.');
  });

  it('does not fire for delivered targets, as-is elements or planning elements', () => {
    const g = graph(
      [
        el('application', { id: 'a', lifecycle: 'to-be' }),
        el('application', { id: 'b' }),
        el('initiative', { id: 'i', attributes: { status: 'berjalan' } }),
        el('initiative', { id: 'j', lifecycle: 'to-be' }),
        el('gap', { id: 'g', lifecycle: 'to-be' }),
      ],
      [rel('i', 'delivers', 'a')],
    );
    expect(tobeWithoutInitiative.check(g)).toEqual([]);
  });
});
