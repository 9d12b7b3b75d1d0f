import { describe, expect, it } from 'vitest';
import { KINDS } from '../../domain/kinds/index.js';
import { RELATION_TYPES } from '../../domain/kind.js';
import { ARCHIMATE_TO_KINDS, KIND_TO_ARCHIMATE, kindForType, mapRelationship, relationshipFor, RELATION_TO_ARCHIMATE, UNMAPPED_ELEMENT_TYPES } from './mapping.js';
import { isValidArchimateRelationship } from './relationship-rules.js';
import { attributeForProperty, attributePropertyName, decodeAttribute, encodeAttribute } from './properties.js';

describe('ArchiMate mapping', () => {
  it('maps every kind to an element type whose reverse list names it', () => {
    for (const k of KINDS) {
      const type = KIND_TO_ARCHIMATE[k.id];
      expect(type, k.id).toBeDefined();
      expect(ARCHIMATE_TO_KINDS[type], k.id).toContain(k.id);
      expect(UNMAPPED_ELEMENT_TYPES).not.toContain(type);
    }
  });

  it('writes every allowed relation as a relationship ArchiMate 3.1 allows between the two types', () => {
    for (const k of KINDS) {
      for (const r of k.relations) {
        for (const t of r.targets) {
          const s = KIND_TO_ARCHIMATE[k.id];
          const d = KIND_TO_ARCHIMATE[t];
          const m = relationshipFor(r.type, s, d);
          const [from, to] = m.reversed ? [d, s] : [s, d];
          expect(isValidArchimateRelationship(m.type, from, to), `${k.id} ${r.type} ${t} as ${m.type}`).toBe(true);
        }
      }
    }
    expect(Object.keys(RELATION_TO_ARCHIMATE).sort()).toEqual(Object.keys(RELATION_TYPES).sort());
  });

  it('uses the specific relationship when valid and falls back to a directed association', () => {
    expect(relationshipFor('hosts', 'Node', 'SystemSoftware')).toEqual({ type: 'Assignment', reversed: false });
    expect(relationshipFor('hosts', 'Node', 'ApplicationComponent')).toEqual({ type: 'Realization', reversed: false });
    expect(relationshipFor('uses', 'ApplicationComponent', 'SystemSoftware')).toEqual({ type: 'Serving', reversed: true });
    expect(relationshipFor('produces', 'BusinessProcess', 'DataObject')).toEqual({ type: 'Access', reversed: false, accessType: 'Write' });
    expect(relationshipFor('protects', 'Device', 'ApplicationComponent')).toEqual({ type: 'Association', reversed: false, directed: true });
    expect(relationshipFor('supports', 'Assessment', 'Goal').type).toBe('Influence');
  });

  it('reads relationships of other tools by type and the kinds of the two ends', () => {
    expect(mapRelationship('Serving', undefined, 'platform-software', 'application', false)).toEqual({ type: 'serves', reversed: false });
    expect(mapRelationship('Serving', undefined, 'application-interface', 'application', false)).toEqual({ type: 'uses', reversed: true });
    expect(mapRelationship('Association', undefined, 'application', 'intranet', true)).toEqual({ type: 'connects', reversed: true });
    expect(mapRelationship('Triggering', undefined, 'business-process', 'business-process', false)).toBeNull();
    expect(kindForType('BusinessProcess', 'BDL-04.06')).toBe('sub-process');
    expect(kindForType('BusinessProcess', 'BDL-04')).toBe('business-process');
    expect(kindForType('Goal', 'M3')).toBe('mission');
    expect(kindForType('Location', null)).toBeNull();
  });

  it('carries attributes as "Label [key]" properties that decode to the same value', () => {
    for (const k of KINDS) {
      for (const f of k.attributes) {
        expect(attributeForProperty(k, attributePropertyName(f))?.key).toBe(f.key);
        expect(attributeForProperty(k, f.key)?.key).toBe(f.key);
      }
    }
    const server = KINDS.find((k) => k.id === 'server')!;
    const usage = server.attributes.find((a) => a.key === 'serverUsage')!;
    expect(decodeAttribute(usage, encodeAttribute(usage, ['database', 'aplikasi']))).toEqual(['database', 'aplikasi']);
    expect(decodeAttribute(usage, 'database; aplikasi')).toEqual(['database', 'aplikasi']);
    const mem = server.attributes.find((a) => a.key === 'memoryCapacity')!;
    expect(decodeAttribute(mem, '64')).toBe(64);
    expect(decodeAttribute(mem, 'banyak')).toBe('banyak');
  });
});
