import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { findKind } from '../../domain/kinds/index.js';
import { RELATION_TYPES, type RelationTypeId } from '../../domain/kind.js';
import { Problem } from '../../services/problem.js';
import type { ElementDraft, ImportDrafts, OrgUnitDraft, RelationDraft } from '../../services/import-engine.js';
import { ARCHIMATE_NS } from './export.js';
import { kindForType, mapRelationship, RELATION_TO_ARCHIMATE } from './mapping.js';
import { attributeForProperty, CORE, decodeAttribute, ORG_UNIT_KIND } from './properties.js';

/** How one concept of the file maps to Atlas. */
export interface MappingItem {
  ref: string;
  name: string | null;
  archimateType: string;
  /** An Atlas kind, "org-unit", or an Atlas relation type. */
  mapsTo: string;
  /** atlas:kind / atlas:relationType property, the ArchiMate type, type and code pattern, the two kinds, or the OPD. */
  mappedBy: 'property' | 'type' | 'code-pattern' | 'endpoints' | 'owner';
}

export interface UnmappedItem {
  ref: string;
  name: string | null;
  archimateType: string | null;
  reason: string;
}

export interface ParsedExchange {
  modelName: string | null;
  drafts: ImportDrafts;
  mapped: MappingItem[];
  unmapped: UnmappedItem[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['element', 'relationship', 'property', 'propertyDefinition', 'name', 'documentation', 'value', 'item', 'view', 'label', 'node', 'connection']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

/** Text as stored: NUL cannot be stored (PostgreSQL refuses it), so it is dropped. */
function text(n: unknown): string {
  return rawText(n).replace(/\u0000/g, '');
}

function rawText(n: unknown): string {
  if (n === undefined || n === null) return '';
  if (typeof n === 'string') return n;
  if (typeof n === 'object') {
    const t = (n as Node)['#text'];
    return typeof t === 'string' ? t : t === undefined ? '' : String(t);
  }
  return String(n);
}

/** The first of several language strings, preferring Indonesian, then one without a language. */
function langText(list: unknown): string | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  const pick = list.find((n) => typeof n === 'object' && n && (n as Node)['@_lang'] === 'id') ?? list.find((n) => typeof n === 'string' || !(n as Node)['@_lang']) ?? list[0];
  return text(pick);
}

function attr(n: Node, name: string): string | undefined {
  const v = n[`@_${name}`];
  return v === undefined ? undefined : String(v);
}

function asArray(v: unknown): Node[] {
  return Array.isArray(v) ? (v as Node[]) : v && typeof v === 'object' ? [v as Node] : [];
}

/** Reads an ArchiMate exchange file into import drafts and a report of what maps to what. */
export function readExchangeFile(xml: string): ParsedExchange {
  if (/<!DOCTYPE/i.test(xml)) {
    throw Problem.validation([{ field: 'body', rule: 'xml:doctype', message: 'Exchange files do not use a DOCTYPE; files with one are refused.' }]);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw Problem.validation([{ field: 'body', rule: 'xml', message: `Not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` }]);
  }
  const doc = parser.parse(xml) as Node;
  const model = doc.model as Node | undefined;
  if (!model || typeof model !== 'object') {
    throw Problem.validation([{ field: 'body', rule: 'archimate:model', message: 'The root element must be an ArchiMate <model>.' }]);
  }
  if (!xml.includes(ARCHIMATE_NS)) {
    throw Problem.validation([{ field: 'body', rule: 'archimate:namespace', message: `The model is not in the ArchiMate 3.x exchange namespace ${ARCHIMATE_NS}.` }]);
  }

  const propNames = new Map<string, string>();
  for (const d of asArray((model.propertyDefinitions as Node | undefined)?.propertyDefinition)) {
    const id = attr(d, 'identifier');
    const name = langText(d.name);
    if (id && name !== null) propNames.set(id, name.trim());
  }
  const propsOf = (n: Node): Map<string, string> => {
    const out = new Map<string, string>();
    for (const p of asArray((n.properties as Node | undefined)?.property)) {
      const ref = attr(p, 'propertyDefinitionRef') ?? attr(p, 'identifierref');
      const name = ref ? propNames.get(ref) : undefined;
      if (name !== undefined && !out.has(name)) out.set(name, langText(p.value) ?? '');
    }
    return out;
  };

  const mapped: MappingItem[] = [];
  const unmapped: UnmappedItem[] = [];
  const unknownProps = new Map<string, number>();
  const orgUnits: OrgUnitDraft[] = [];
  const elements: ElementDraft[] = [];
  const relations: RelationDraft[] = [];
  const elementDraftById = new Map<string, ElementDraft>();
  const orgDraftById = new Map<string, OrgUnitDraft>();
  const typeById = new Map<string, string>();
  const nameById = new Map<string, string | null>();
  const ownerSetByProperty = new Set<string>();

  for (const n of asArray((model.elements as Node | undefined)?.element)) {
    const ref = attr(n, 'identifier') ?? '';
    const type = attr(n, 'type') ?? '';
    const name = langText(n.name);
    typeById.set(ref, type);
    nameById.set(ref, name);
    const props = propsOf(n);
    const atlasKind = props.get(CORE.kind);

    if (atlasKind === ORG_UNIT_KIND || (!atlasKind && type === 'BusinessActor')) {
      const code = (props.get(CORE.code) ?? '').trim() || codeFromName(name ?? ref);
      const fromAtlas = atlasKind === ORG_UNIT_KIND;
      let aliases: string[] | undefined = fromAtlas ? [] : undefined;
      if (props.has(CORE.aliases)) {
        try {
          const a = JSON.parse(props.get(CORE.aliases)!) as unknown;
          if (Array.isArray(a)) aliases = a.map(String);
        } catch {
          unknownProps.set(CORE.aliases, (unknownProps.get(CORE.aliases) ?? 0) + 1);
        }
      }
      const draft: OrgUnitDraft = {
        ref,
        id: props.get(CORE.id) ?? null,
        code,
        name: (name ?? code).trim(),
        aliases,
        type: props.get(CORE.orgType) ?? (fromAtlas ? 'lainnya' : undefined),
        parentCode: props.get(CORE.parent)?.trim() || (fromAtlas ? null : undefined),
        provenance: props.get(CORE.provenance) ?? (fromAtlas ? null : undefined),
      };
      orgUnits.push(draft);
      orgDraftById.set(ref, draft);
      mapped.push({ ref, name, archimateType: type, mapsTo: ORG_UNIT_KIND, mappedBy: atlasKind ? 'property' : 'type' });
      continue;
    }

    const code = props.has(CORE.code) ? props.get(CORE.code)! : null;
    let kindId: string | null;
    let mappedBy: MappingItem['mappedBy'];
    if (atlasKind) {
      kindId = findKind(atlasKind) ? atlasKind : null;
      mappedBy = 'property';
      if (!kindId) {
        unmapped.push({ ref, name, archimateType: type, reason: `atlas:kind "${atlasKind}" is not a kind of this Atlas.` });
        continue;
      }
    } else {
      kindId = kindForType(type, code);
      mappedBy = kindId && findKind(kindId)?.codePattern && code && new RegExp(findKind(kindId)!.codePattern!).test(code) ? 'code-pattern' : 'type';
      if (!kindId) {
        unmapped.push({ ref, name, archimateType: type, reason: `Atlas has no kind for the ArchiMate type ${type || '(none)'}.` });
        continue;
      }
    }
    if (!name?.trim()) {
      unmapped.push({ ref, name, archimateType: type, reason: 'It has no name; an Atlas element needs one.' });
      continue;
    }
    const kind = findKind(kindId)!;
    const fromAtlas = !!atlasKind;
    const attributes: Record<string, unknown> = {};
    for (const [pname, value] of props) {
      if (pname.startsWith('atlas:')) continue;
      const field = attributeForProperty(kind, pname);
      if (field) attributes[field.key] = decodeAttribute(field, value);
      else if (/^\[[A-Za-z][A-Za-z0-9]*\]$/.test(pname) && fromAtlas) attributes[pname.slice(1, -1)] = value;
      else unknownProps.set(pname, (unknownProps.get(pname) ?? 0) + 1);
    }
    const description = langText(n.documentation);
    const values: ElementDraft['values'] = { name: name ?? '', description };
    const put = (key: keyof ElementDraft['values'], prop: string) => {
      if (props.has(prop)) (values as Record<string, unknown>)[key] = props.get(prop);
      else if (fromAtlas) (values as Record<string, unknown>)[key] = null;
    };
    put('code', CORE.code);
    put('org', CORE.org);
    put('refCode', CORE.ref);
    put('provenance', CORE.provenance);
    if (props.has(CORE.lifecycle)) values.lifecycle = props.get(CORE.lifecycle);
    else if (fromAtlas) values.lifecycle = 'as-is';
    if (props.has(CORE.classification)) values.classification = props.get(CORE.classification);
    if (props.has(CORE.org)) ownerSetByProperty.add(ref);
    const draft: ElementDraft = {
      ref,
      key: ref,
      id: props.get(CORE.id) ?? null,
      sourceKey: fromAtlas ? (props.get(CORE.sourceKey) ?? null) : `archimate:${ref}`,
      kind: kind.id,
      values,
      attributes,
      attributeMode: fromAtlas ? 'replace' : 'merge',
      origin: (field) => {
        if (field.startsWith('attributes.')) {
          const key = field.slice('attributes.'.length).split('.')[0];
          const f = kind.attributes.find((a) => a.key === key);
          return { column: f ? `${f.label.id} [${f.key}]` : key, value: attributes[key] };
        }
        const prop: Record<string, string> = { code: CORE.code, orgUnitId: CORE.org, refCode: CORE.ref, lifecycle: CORE.lifecycle, classification: CORE.classification, provenance: CORE.provenance, id: CORE.id };
        if (field === 'name') return { column: 'name', value: name };
        return prop[field] ? { column: prop[field], value: props.get(prop[field]) } : undefined;
      },
    };
    elements.push(draft);
    elementDraftById.set(ref, draft);
    mapped.push({ ref, name, archimateType: type, mapsTo: kind.id, mappedBy });
  }

  for (const r of asArray((model.relationships as Node | undefined)?.relationship)) {
    const ref = attr(r, 'identifier') ?? '';
    const type = attr(r, 'type') ?? '';
    const name = langText(r.name);
    const src = attr(r, 'source') ?? '';
    const tgt = attr(r, 'target') ?? '';
    const props = propsOf(r);
    const s = elementDraftById.get(src);
    const t = elementDraftById.get(tgt);

    // An OPD assigned to (or associated with) an element owns it.
    const actor = orgDraftById.get(src) ?? orgDraftById.get(tgt);
    if (actor && (s || t) && !props.has(CORE.relationType)) {
      const owned = (s ?? t)!;
      if (['Assignment', 'Association', 'Composition', 'Aggregation'].includes(type) && orgDraftById.has(src)) {
        if (!ownerSetByProperty.has(owned.ref) && owned.values.org === undefined) owned.values.org = actor.code;
        mapped.push({ ref, name, archimateType: type, mapsTo: 'owner', mappedBy: 'owner' });
      } else {
        unmapped.push({ ref, name, archimateType: type, reason: `A ${type} between an OPD and an element has no Atlas meaning (only an OPD assigned to an element: its owner).` });
      }
      continue;
    }
    if (!s || !t) {
      const what = (id: string) =>
        orgDraftById.has(id) ? 'an OPD' : typeById.has(id) ? `an element that is not imported (${typeById.get(id)})` : 'a relationship or junction';
      const ends = ([['source', src, s], ['target', tgt, t]] as const).filter(([, , d]) => !d);
      const worst = ends.find(([, id]) => !orgDraftById.has(id)) ?? ends[0];
      unmapped.push({ ref, name, archimateType: type, reason: `Its ${worst[0]} is ${what(worst[1])}.` });
      continue;
    }
    const atlasType = props.get(CORE.relationType);
    let relType: RelationTypeId;
    let reversed: boolean;
    let mappedBy: MappingItem['mappedBy'];
    if (atlasType) {
      if (!(atlasType in RELATION_TYPES)) {
        unmapped.push({ ref, name, archimateType: type, reason: `atlas:relationType "${atlasType}" is not a relation type of this Atlas.` });
        continue;
      }
      relType = atlasType as RelationTypeId;
      reversed = !!RELATION_TO_ARCHIMATE[relType].reversed && type !== 'Association';
      mappedBy = 'property';
    } else {
      const m = mapRelationship(type, attr(r, 'accessType'), s.kind, t.kind, type === 'Association' && attr(r, 'isDirected') !== 'true');
      if (!m) {
        unmapped.push({ ref, name, archimateType: type, reason: `Atlas has no relation for a ${type} from a ${s.kind} to a ${t.kind}.` });
        continue;
      }
      relType = m.type;
      reversed = m.reversed;
      mappedBy = 'endpoints';
    }
    let attributes: Record<string, unknown> = {};
    if (props.has(CORE.relationAttributes)) {
      try {
        const a = JSON.parse(props.get(CORE.relationAttributes)!) as unknown;
        if (a && typeof a === 'object' && !Array.isArray(a)) attributes = a as Record<string, unknown>;
      } catch {
        unknownProps.set(CORE.relationAttributes, (unknownProps.get(CORE.relationAttributes) ?? 0) + 1);
      }
    }
    for (const pname of props.keys()) {
      if (![CORE.id, CORE.relationType, CORE.relationAttributes, CORE.provenance].includes(pname as never)) unknownProps.set(pname, (unknownProps.get(pname) ?? 0) + 1);
    }
    relations.push({
      ref,
      id: props.get(CORE.id) ?? null,
      type: relType,
      source: reversed ? tgt : src,
      target: reversed ? src : tgt,
      attributes,
      provenance: props.get(CORE.provenance) ?? null,
    });
    mapped.push({ ref, name, archimateType: type, mapsTo: relType, mappedBy });
  }

  const views = asArray(((model.views as Node | undefined)?.diagrams as Node | undefined)?.view);
  if (views.length) {
    unmapped.push({ ref: 'views', name: null, archimateType: 'Diagram', reason: `${views.length} view(s) are not imported: Atlas draws its own views from the relations.` });
  }
  for (const [pname, count] of unknownProps) {
    unmapped.push({ ref: `property:${pname}`, name: pname, archimateType: null, reason: `Property "${pname}" (on ${count} concept(s)) matches no Atlas field; it is not imported.` });
  }
  return { modelName: langText(model.name), drafts: { orgUnits, elements, relations }, mapped, unmapped };
}

/** An OPD code for a business actor that has none: its name in capitals, e.g. "DINAS-KESEHATAN". */
export function codeFromName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toUpperCase()
      .slice(0, 40) || 'OPD'
  );
}
