import type { Element } from '../../store/repositories/element.repository.js';
import type { Relation } from '../../store/repositories/relation.repository.js';
import type { OrgUnit } from '../../store/repositories/org-unit.repository.js';
import { findKind, KINDS } from '../../domain/kinds/index.js';
import { DOMAIN_LABELS, DOMAINS, RELATION_TYPES, type RelationTypeId } from '../../domain/kind.js';
import { XmlWriter } from '../common/xml.js';
import { KIND_TO_ARCHIMATE, ORG_UNIT_TYPE, relationshipFor } from './mapping.js';
import { attributePropertyName, CORE, encodeAttribute, ORG_UNIT_KIND, propertyType, type PropertyDataType } from './properties.js';

export const ARCHIMATE_NS = 'http://www.opengroup.org/xsd/archimate/3.0/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const SCHEMA_LOCATION = `${ARCHIMATE_NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd`;
const LANG = 'id';

export interface ExchangeSnapshot {
  instansi: { id: string; code: string; name: string };
  orgUnits: OrgUnit[];
  elements: Element[];
  /** Only relations whose two ends are in `elements`. */
  relations: Relation[];
  exportedAt: string;
  /** Human description of the filter, when the export is a part of the repository. */
  filter?: string | null;
}

/** An ArchiMate identifier (xs:ID, an NCName) for an Atlas id. */
export function identifierOf(id: string): string {
  return `id-${id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

type Props = [name: string, value: string, type: PropertyDataType][];

function elementProps(e: Element, orgCode: Map<string, string>): Props {
  const kind = findKind(e.kind);
  const p: Props = [
    [CORE.id, e.id, 'string'],
    [CORE.kind, e.kind, 'string'],
  ];
  if (e.code !== null) p.push([CORE.code, e.code, 'string']);
  if (e.orgUnitId) p.push([CORE.org, orgCode.get(e.orgUnitId) ?? e.orgUnitId, 'string']);
  if (e.refCode) p.push([CORE.ref, e.refCode, 'string']);
  p.push([CORE.lifecycle, e.lifecycle, 'string'], [CORE.classification, e.classification, 'string']);
  if (e.provenance !== null) p.push([CORE.provenance, e.provenance, 'string']);
  if (e.sourceKey !== null) p.push([CORE.sourceKey, e.sourceKey, 'string']);
  for (const field of kind?.attributes ?? []) {
    const v = e.attributes[field.key];
    if (v === undefined || v === null) continue;
    p.push([attributePropertyName(field), encodeAttribute(field, v), propertyType(field)]);
  }
  // Attributes the kind no longer declares still travel, under their key.
  for (const [key, v] of Object.entries(e.attributes)) {
    if (v === undefined || v === null || kind?.attributes.some((a) => a.key === key)) continue;
    p.push([`[${key}]`, typeof v === 'string' ? v : JSON.stringify(v), 'string']);
  }
  return p;
}

function orgProps(o: OrgUnit, byId: Map<string, OrgUnit>): Props {
  const p: Props = [
    [CORE.id, o.id, 'string'],
    [CORE.kind, ORG_UNIT_KIND, 'string'],
    [CORE.code, o.code, 'string'],
    [CORE.orgType, o.type, 'string'],
  ];
  if (o.aliases.length) p.push([CORE.aliases, JSON.stringify(o.aliases), 'string']);
  if (o.parentId && byId.has(o.parentId)) p.push([CORE.parent, byId.get(o.parentId)!.code, 'string']);
  if (o.provenance !== null) p.push([CORE.provenance, o.provenance, 'string']);
  return p;
}

/** Writes a repository (or part of it) as an ArchiMate 3.1 model exchange file. */
export function writeExchangeFile(s: ExchangeSnapshot): string {
  const orgById = new Map(s.orgUnits.map((o) => [o.id, o]));
  const orgCode = new Map(s.orgUnits.map((o) => [o.id, o.code]));
  const kindOrder = new Map(KINDS.map((k, i) => [k.id, i]));
  const elements = [...s.elements].sort(
    (a, b) => (kindOrder.get(a.kind) ?? 999) - (kindOrder.get(b.kind) ?? 999) || a.name.localeCompare(b.name, 'id') || a.id.localeCompare(b.id),
  );
  const orgUnits = [...s.orgUnits].sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
  const elementType = new Map<string, string>();
  for (const o of orgUnits) elementType.set(o.id, ORG_UNIT_TYPE);
  for (const e of elements) elementType.set(e.id, KIND_TO_ARCHIMATE[e.kind] ?? 'Grouping');
  const relations = [...s.relations].filter((r) => elementType.has(r.sourceId) && elementType.has(r.targetId)).sort((a, b) => a.id.localeCompare(b.id));

  // Property definitions, in order of first use.
  const defs = new Map<string, { id: string; type: PropertyDataType }>();
  const def = (name: string, type: PropertyDataType) => {
    let d = defs.get(name);
    if (!d) defs.set(name, (d = { id: `propid-${defs.size + 1}`, type }));
    return d.id;
  };
  const writeProps = (w: XmlWriter, props: Props) => {
    if (!props.length) return;
    w.open('properties');
    for (const [name, value, type] of props) {
      w.open('property', { propertyDefinitionRef: def(name, type) });
      w.leaf('value', value, { 'xml:lang': LANG });
      w.close('property');
    }
    w.close('properties');
  };

  const w = new XmlWriter();
  w.open('model', { xmlns: ARCHIMATE_NS, 'xmlns:xsi': XSI_NS, 'xsi:schemaLocation': SCHEMA_LOCATION, identifier: identifierOf(s.instansi.id) });
  w.leaf('name', `Arsitektur SPBE ${s.instansi.name}`, { 'xml:lang': LANG });
  w.leaf(
    'documentation',
    `Diekspor dari Atlas SPBE pada ${s.exportedAt}${s.filter ? ` (sebagian: ${s.filter})` : ''}. Jenis elemen, kode, Perangkat Daerah, model referensi, siklus hidup, klasifikasi, asal-usul dan atribut dibawa sebagai properti "atlas:*" dan "Label [kunci]".`,
    { 'xml:lang': LANG },
  );
  const modelProps: Props = [
    [CORE.instansi, s.instansi.code, 'string'],
    [CORE.exportedAt, s.exportedAt, 'date'],
  ];
  if (s.filter) modelProps.push([CORE.filter, s.filter, 'string']);
  writeProps(w, modelProps);

  if (orgUnits.length || elements.length) {
    w.open('elements');
    for (const o of orgUnits) {
      w.open('element', { identifier: identifierOf(o.id), 'xsi:type': ORG_UNIT_TYPE });
      w.leaf('name', o.name, { 'xml:lang': LANG });
      writeProps(w, orgProps(o, orgById));
      w.close('element');
    }
    for (const e of elements) {
      w.open('element', { identifier: identifierOf(e.id), 'xsi:type': elementType.get(e.id)! });
      w.leaf('name', e.name, { 'xml:lang': LANG });
      if (e.description !== null) w.leaf('documentation', e.description, { 'xml:lang': LANG });
      writeProps(w, elementProps(e, orgCode));
      w.close('element');
    }
    w.close('elements');
  }

  if (relations.length) {
    w.open('relationships');
    for (const r of relations) {
      const m = relationshipFor(r.type, elementType.get(r.sourceId)!, elementType.get(r.targetId)!);
      const [from, to] = m.reversed ? [r.targetId, r.sourceId] : [r.sourceId, r.targetId];
      w.open('relationship', {
        identifier: identifierOf(r.id),
        source: identifierOf(from),
        target: identifierOf(to),
        'xsi:type': m.type,
        accessType: m.accessType,
        isDirected: m.directed ? 'true' : undefined,
      });
      w.leaf('name', RELATION_TYPES[r.type as RelationTypeId]?.id ?? r.type, { 'xml:lang': LANG });
      const props: Props = [
        [CORE.id, r.id, 'string'],
        [CORE.relationType, r.type, 'string'],
      ];
      if (Object.keys(r.attributes).length) props.push([CORE.relationAttributes, JSON.stringify(r.attributes), 'string']);
      if (r.provenance !== null) props.push([CORE.provenance, r.provenance, 'string']);
      writeProps(w, props);
      w.close('relationship');
    }
    w.close('relationships');
  }

  // Folders: OPDs, then one per domain with a sub-folder per kind, then relations by type.
  const folders: { label: string; children: { label: string; refs: string[] }[]; refs: string[] }[] = [];
  if (orgUnits.length) folders.push({ label: 'Perangkat Daerah', children: [], refs: orgUnits.map((o) => identifierOf(o.id)) });
  for (const domain of DOMAINS) {
    const children = KINDS.filter((k) => k.domain === domain)
      .map((k) => ({ label: k.label.id, refs: elements.filter((e) => e.kind === k.id).map((e) => identifierOf(e.id)) }))
      .filter((c) => c.refs.length);
    if (children.length) folders.push({ label: DOMAIN_LABELS[domain].id, children, refs: [] });
  }
  const relChildren = (Object.keys(RELATION_TYPES) as RelationTypeId[])
    .map((t) => ({ label: RELATION_TYPES[t].id, refs: relations.filter((r) => r.type === t).map((r) => identifierOf(r.id)) }))
    .filter((c) => c.refs.length);
  if (relChildren.length) folders.push({ label: 'Relasi', children: relChildren, refs: [] });
  if (folders.length) {
    w.open('organizations');
    for (const f of folders) {
      w.open('item');
      w.leaf('label', f.label, { 'xml:lang': LANG });
      for (const c of f.children) {
        w.open('item');
        w.leaf('label', c.label, { 'xml:lang': LANG });
        for (const ref of c.refs) w.empty('item', { identifierRef: ref });
        w.close('item');
      }
      for (const ref of f.refs) w.empty('item', { identifierRef: ref });
      w.close('item');
    }
    w.close('organizations');
  }

  if (defs.size) {
    w.open('propertyDefinitions');
    for (const [name, d] of defs) {
      w.open('propertyDefinition', { identifier: d.id, type: d.type });
      w.leaf('name', name, { 'xml:lang': LANG });
      w.close('propertyDefinition');
    }
    w.close('propertyDefinitions');
  }
  w.close('model');
  return w.toString();
}
