import { describe, expect, it } from 'vitest';
import { relationNotAllowed } from './relation-not-allowed.js';
import { el, graph, rel } from './test-graph.js';

describe('relation-not-allowed', () => {
  it('fires for a stored relation its kinds do not allow', () => {
    const g = graph([el('application', { id: 'a', name: 'SIMPEG' }), el('server', { id: 's', name: 'Server 1' })], [rel('a', 'hosts', 's')]);
    const [f] = relationNotAllowed.check(g);
    expect(f.elementIds).toEqual(['a', 's']);
    expect(f.message).toBe('Relasi "menampung" dari Aplikasi "SIMPEG" ke Perangkat Keras Server "Server 1" tidak diizinkan.');
  });

  it('does not fire for allowed relations', () => {
    const g = graph([el('application', { id: 'a' }), el('server', { id: 's' })], [rel('s', 'hosts', 'a')]);
    expect(relationNotAllowed.check(g)).toEqual([]);
  });
});
