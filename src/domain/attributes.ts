import { z } from 'zod';
import type { AttributeField, KindDefinition } from './kind.js';

function fieldSchema(field: AttributeField): z.ZodType {
  switch (field.type) {
    case 'string':
    case 'text': {
      let s = z.string().trim();
      if (field.required) s = s.min(1);
      return s.max(field.type === 'string' ? 500 : 20000);
    }
    case 'integer':
    case 'number': {
      let n = field.type === 'integer' ? z.number().int() : z.number();
      if (field.min !== undefined) n = n.min(field.min);
      if (field.max !== undefined) n = n.max(field.max);
      return n;
    }
    case 'boolean':
      return z.boolean();
    case 'date':
      return z.iso.date();
    case 'url':
      return z.url({ protocol: /^https?$/ });
    case 'enum':
      return z.enum(enumValues(field));
    case 'enum[]':
      return z.array(z.enum(enumValues(field)));
    case 'string[]':
      return z.array(z.string().trim().min(1).max(500));
  }
}

function enumValues(field: AttributeField): [string, ...string[]] {
  const values = (field.options ?? []).map((o) => o.value);
  if (values.length === 0) throw new Error(`attribute ${field.key} is an enum without options`);
  return values as [string, ...string[]];
}

const cache = new WeakMap<KindDefinition, z.ZodObject>();

/**
 * The Zod schema of a kind's attributes: strict (unknown attributes are errors),
 * required fields required, optional ones nullable so a PATCH can clear them.
 */
export function attributeSchema(kind: KindDefinition): z.ZodObject {
  let schema = cache.get(kind);
  if (!schema) {
    const shape: Record<string, z.ZodType> = {};
    for (const field of kind.attributes) {
      const s = fieldSchema(field).meta({ title: field.label.id, description: field.label.en });
      shape[field.key] = field.required ? s : s.nullable().optional();
    }
    schema = z.strictObject(shape);
    cache.set(kind, schema);
  }
  return schema;
}

export function attributeJsonSchema(kind: KindDefinition): unknown {
  return z.toJSONSchema(attributeSchema(kind), { unrepresentable: 'any' });
}

/** Drop null/undefined values so stored attributes hold only what was said. */
export function compactAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== null && v !== undefined));
}
