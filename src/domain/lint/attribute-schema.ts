import { findKind } from '../kinds/index.js';
import { attributeSchema } from '../attributes.js';
import { label } from '../graph/model.js';
import { defineRule, type RuleFinding } from './rule.js';

/**
 * Stored attributes were valid when written, against the kind as it was then.
 * When a kind changes (an option list shrinks, a field is renamed or becomes
 * required) old records silently stop fitting. This re-validates every stored
 * record against the kind's current schema: enum values outside their lists,
 * unknown attributes, wrong types, missing required fields, unknown kinds.
 * Retired elements are checked too: they are still exported.
 */
export const attributeSchemaRule = defineRule({
  id: 'attribute-schema',
  severity: 'error',
  title: { id: 'Atribut tidak sesuai skema jenisnya', en: 'Attributes do not fit their kind’s schema' },
  explain: {
    id: 'Atribut yang tersimpan diperiksa ulang terhadap skema jenis yang berlaku sekarang: nilai pilihan di luar daftar, atribut yang tidak dikenal, tipe yang salah, atribut wajib yang kosong. Biasanya terjadi setelah definisi jenis berubah. Ubah elemennya agar sesuai daftar pilihan yang berlaku.',
    en: 'Stored attributes are re-validated against the kind’s current schema: enum values outside their lists, unknown attributes, wrong types, missing required fields. This usually follows a change to the kind. Edit the element to fit the current lists.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const e of graph.elements) {
      const kind = findKind(e.kind);
      if (!kind) {
        findings.push({
          message: `"${label(e)}" berjenis "${e.kind}" yang tidak lagi dikenal.`,
          messageEn: `"${label(e)}" has kind "${e.kind}", which is no longer known.`,
          elementIds: [e.id],
        });
        continue;
      }
      const parsed = attributeSchema(kind).safeParse(e.attributes);
      if (parsed.success) continue;
      const problems: { id: string; en: string }[] = [];
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) problems.push({ id: `atribut "${key}" tidak dikenal`, en: `unknown attribute "${key}"` });
          continue;
        }
        const key = issue.path.map(String).join('.');
        const field = kind.attributes.find((f) => f.key === issue.path[0]);
        const name = field ? `${field.label.id} (${key})` : key;
        const nameEn = field ? `${field.label.en} (${key})` : key;
        const value = issue.path.reduce<unknown>((v, p) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined), e.attributes);
        if (issue.code === 'invalid_value' && field?.options) {
          const allowed = field.options.map((o) => o.value).join(', ');
          problems.push({
            id: `${name}: "${String(value)}" tidak ada dalam daftar (${allowed})`,
            en: `${nameEn}: "${String(value)}" is not in the list (${allowed})`,
          });
        } else if (issue.code === 'invalid_type' && value === undefined) {
          problems.push({ id: `${name} wajib diisi`, en: `${nameEn} is required` });
        } else {
          problems.push({ id: `${name}: ${issue.message}`, en: `${nameEn}: ${issue.message}` });
        }
      }
      findings.push({
        message: `Atribut ${kind.label.id} "${label(e)}" tidak sesuai skema: ${problems.map((p) => p.id).join('; ')}.`,
        messageEn: `Attributes of ${kind.label.en} "${label(e)}" do not fit the schema: ${problems.map((p) => p.en).join('; ')}.`,
        elementIds: [e.id],
      });
    }
    return findings;
  },
});
