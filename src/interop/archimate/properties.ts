import type { AttributeField, KindDefinition } from '../../domain/kind.js';

/**
 * Properties Atlas writes on every exported concept. Names are what Archi and
 * other tools show; the ArchiMate property definition identifiers are
 * generated per file, so import reads properties by name.
 */
export const CORE = {
  id: 'atlas:id',
  kind: 'atlas:kind',
  code: 'atlas:code',
  org: 'atlas:org',
  ref: 'atlas:ref',
  lifecycle: 'atlas:lifecycle',
  classification: 'atlas:classification',
  provenance: 'atlas:provenance',
  sourceKey: 'atlas:sourceKey',
  relationType: 'atlas:relationType',
  relationAttributes: 'atlas:attributes',
  orgType: 'atlas:orgType',
  aliases: 'atlas:aliases',
  parent: 'atlas:parent',
  instansi: 'atlas:instansi',
  exportedAt: 'atlas:exportedAt',
  filter: 'atlas:filter',
} as const;

/** The kind value written for an OPD. */
export const ORG_UNIT_KIND = 'org-unit';

export type PropertyDataType = 'string' | 'number' | 'boolean' | 'date';

export function propertyType(field: AttributeField): PropertyDataType {
  switch (field.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return 'string';
  }
}

/** "Tujuan Layanan [purpose]": the label people read, the key import reads. */
export function attributePropertyName(field: AttributeField): string {
  return `${field.label.id} [${field.key}]`;
}

const KEY_SUFFIX = /\[([A-Za-z][A-Za-z0-9]*)\]\s*$/;

/** The attribute of `kind` a property name stands for: "Label [key]", the bare key, or the label (id or en). */
export function attributeForProperty(kind: KindDefinition, name: string): AttributeField | undefined {
  const m = KEY_SUFFIX.exec(name);
  if (m) return kind.attributes.find((a) => a.key === m[1]);
  const n = name.trim().toLowerCase();
  return kind.attributes.find((a) => a.key.toLowerCase() === n || a.label.id.toLowerCase() === n || a.label.en.toLowerCase() === n);
}

/** An attribute value as property text: lists as JSON arrays, the rest as written. */
export function encodeAttribute(field: AttributeField, value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Property text back to a value of the field's type (bad text is passed on for the schema to reject). */
export function decodeAttribute(field: AttributeField, text: string): unknown {
  const t = text.trim();
  switch (field.type) {
    case 'integer':
    case 'number': {
      if (t === '') return null;
      const n = Number(t.replace(/\s/g, ''));
      return Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const l = t.toLowerCase();
      if (['true', 'ya', 'yes', '1'].includes(l)) return true;
      if (['false', 'tidak', 'no', '0'].includes(l)) return false;
      return t === '' ? null : text;
    }
    case 'enum[]':
    case 'string[]': {
      if (t === '') return null;
      if (t.startsWith('[')) {
        try {
          const parsed = JSON.parse(t) as unknown;
          if (Array.isArray(parsed)) return parsed;
        } catch {
          // fall through to a separated list
        }
      }
      return t
        .split(/\s*[;\n]\s*/)
        .map((s) => s.trim())
        .filter(Boolean);
    }
    default:
      return t === '' ? null : text;
  }
}
