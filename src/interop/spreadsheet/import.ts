import { findKind, KINDS } from '../../domain/kinds/index.js';
import type { AttributeField, KindDefinition } from '../../domain/kind.js';
import type { ElementDraft, ImportDrafts, ImportIssue } from '../../services/import-engine.js';
import { coreColumns, columnLetter, unneutralise, type Column, type CoreField } from './columns.js';
import type { RawCell, RawSheet } from './parse.js';

const CORE_BY_CODE = new Map(coreColumns(true).map((c) => [c.code, c]));

function normHeader(s: string): string {
  return s
    .replace(/\s*\*\s*$/, '')
    .replace(/\s*\[[^\]]*\]\s*$/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

/**
 * What a header cell names: a core field, an attribute key, or an attribute
 * label (resolved per row, since kinds share labels with different keys).
 */
interface Target {
  core?: CoreField;
  attribute?: string;
  label?: string;
}

function targetOfCode(code: string): Target | null {
  const c = code.trim();
  if (CORE_BY_CODE.has(c)) return { core: CORE_BY_CODE.get(c)!.core };
  const key = c.startsWith('attributes.') ? c.slice('attributes.'.length) : c;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(key) && KINDS.some((k) => k.attributes.some((a) => a.key === key))) return { attribute: key };
  return null;
}

function targetOfHeader(header: string): Target | null {
  const bracket = /\[([A-Za-z.]+)\]\s*\*?\s*$/.exec(header);
  if (bracket) return targetOfCode(bracket[1]);
  const h = normHeader(header);
  for (const c of CORE_BY_CODE.values()) if (normHeader(c.header) === h || c.code.toLowerCase() === h) return { core: c.core };
  for (const k of KINDS) {
    for (const a of k.attributes) if (a.key.toLowerCase() === h) return { attribute: a.key };
  }
  const unit = h.replace(/\s*\([^)]*\)$/, '');
  for (const k of KINDS) {
    for (const a of k.attributes) {
      if ([h, unit].some((x) => normHeader(a.label.id) === x || normHeader(a.label.en) === x)) return { label: h };
    }
  }
  return null;
}

function fieldFor(kind: KindDefinition, t: Target): AttributeField | undefined {
  if (t.attribute) return kind.attributes.find((a) => a.key === t.attribute);
  if (!t.label) return undefined;
  const unit = t.label.replace(/\s*\([^)]*\)$/, '');
  return kind.attributes.find((a) => [t.label, unit].some((x) => normHeader(a.label.id) === x || normHeader(a.label.en) === x));
}

function str(c: RawCell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  const s = unneutralise(String(c)).trim();
  return s === '' ? null : s;
}

type Decoded = { ok: true; value: unknown } | { ok: false; rule: string; message: string };

function decode(field: AttributeField, c: RawCell): Decoded {
  if (c === null || (typeof c === 'string' && c.trim() === '')) return { ok: true, value: null };
  switch (field.type) {
    case 'integer':
    case 'number': {
      if (typeof c === 'number') return { ok: true, value: c };
      let t = String(c).trim().replace(/\s/g, '').replace(/^Rp\.?/i, '');
      // Indonesian notation: 1.234,56
      if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t) || /^-?\d+,\d+$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
      const n = Number(t);
      return Number.isFinite(n) && t !== '' ? { ok: true, value: n } : { ok: false, rule: 'type', message: `"${c}" is not a number.` };
    }
    case 'boolean': {
      if (typeof c === 'boolean') return { ok: true, value: c };
      const l = String(c).trim().toLowerCase();
      if (['ya', 'y', 'true', 'yes', '1'].includes(l)) return { ok: true, value: true };
      if (['tidak', 't', 'false', 'no', '0'].includes(l)) return { ok: true, value: false };
      return { ok: false, rule: 'type', message: `"${c}" is not Ya or Tidak.` };
    }
    case 'date': {
      if (c instanceof Date) return { ok: true, value: c.toISOString().slice(0, 10) };
      return { ok: true, value: String(c).trim() };
    }
    case 'enum[]':
    case 'string[]':
      return {
        ok: true,
        value: unneutralise(String(c))
          .split(/\s*[;\n]\s*/)
          .map((s) => s.trim())
          .filter(Boolean),
      };
    default:
      return { ok: true, value: unneutralise(String(c)) };
  }
}

/**
 * Rows of a sheet to element drafts. Row 1 is the header; row 2, when it holds
 * field codes, says exactly which field each column is. Matching: by ID, else
 * by (kind, code, OPD). Problems found here are reported with row, column and
 * value; the engine adds the rest.
 */
export function rowsToDrafts(sheet: RawSheet, kindParam?: string): { drafts: ImportDrafts; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const drafts: ImportDrafts = { orgUnits: [], elements: [], relations: [] };
  const [headerRow, maybeCodes, ...rest] = sheet.rows;
  if (!headerRow) {
    issues.push({ ref: 'baris 1', row: 1, field: 'header', rule: 'required', message: 'The sheet is empty: row 1 must hold the column headers.' });
    return { drafts, issues };
  }
  // Row 2 is the code row when every non-empty cell is a field code.
  // Row 2 is the code row when most of its cells are field codes (an unknown code in it is then reported).
  const codeCells = maybeCodes?.cells.filter((c) => c !== null) ?? [];
  const known = codeCells.filter((c) => typeof c === 'string' && targetOfCode(c)).length;
  const hasCodes = !!maybeCodes && maybeCodes.row === headerRow.row + 1 && known > 0 && known * 2 >= codeCells.length;
  const source = hasCodes ? maybeCodes! : headerRow;
  const dataRows = hasCodes ? rest : [maybeCodes, ...rest].filter((r): r is NonNullable<typeof r> => !!r);

  const targets: (Target | null)[] = [];
  const headers: string[] = [];
  source.cells.forEach((cell, i) => {
    const header = headerRow.cells[i] === null || headerRow.cells[i] === undefined ? '' : String(headerRow.cells[i]);
    headers[i] = header;
    if (cell === null || (typeof cell === 'string' && !cell.trim())) {
      targets[i] = null;
      return;
    }
    const t = hasCodes ? targetOfCode(String(cell)) : targetOfHeader(String(cell));
    if (!t) {
      issues.push({
        ref: `baris ${source.row}`,
        row: source.row,
        column: columnLetter(i),
        value: cell,
        field: 'header',
        rule: 'unknown-column',
        message: `Column ${columnLetter(i)} "${String(cell)}" is not a field Atlas knows.`,
      });
    }
    targets[i] = t;
  });
  const seen = new Map<string, number>();
  targets.forEach((t, i) => {
    if (!t) return;
    const k = t.core ?? (t.attribute ? `attributes.${t.attribute}` : `label:${t.label}`);
    if (seen.has(k)) {
      issues.push({ ref: `baris ${source.row}`, row: source.row, column: columnLetter(i), field: k, rule: 'duplicate-column', message: `Field ${k} is given in two columns (${columnLetter(seen.get(k)!)} and ${columnLetter(i)}).` });
    } else seen.set(k, i);
  });
  if (issues.length) return { drafts, issues };

  const defaultKind = kindParam ?? sheet.kind;
  for (const { row, cells } of dataRows) {
    const ref = `baris ${row}`;
    let kindOfRow: KindDefinition | undefined;
    const at = (field: string) => {
      return targets.findIndex((t) => t && (t.core === field || (field.startsWith('attributes.') && (t.attribute === field.slice(11) || (t.label !== undefined && !!kindOfRow && fieldFor(kindOfRow, t)?.key === field.slice(11))))));
    };
    const rowIssue = (i: number, field: string, rule: string, message: string) =>
      issues.push({ ref, row, field, rule, message, ...(i >= 0 ? { column: columnLetter(i), value: cells[i] ?? null } : {}) });

    const kindIdx = at('kind');
    const kindCell = kindIdx >= 0 ? str(cells[kindIdx] ?? null) : null;
    const kindId = kindCell ?? defaultKind;
    if (!kindId) {
      rowIssue(kindIdx, 'kind', 'required', 'Say the kind: fill the Jenis column or import with ?kind=.');
      continue;
    }
    if (kindCell && kindParam && kindCell !== kindParam) {
      rowIssue(kindIdx, 'kind', 'enum', `This import is for kind ${kindParam}, the row says ${kindCell}.`);
      continue;
    }
    const kind = findKind(kindId);
    if (!kind) {
      rowIssue(kindIdx, 'kind', 'unknown-kind', `Unknown kind "${kindId}".`);
      continue;
    }
    kindOfRow = kind;

    const values: ElementDraft['values'] = {};
    const attributes: Record<string, unknown> = {};
    let id: string | null = null;
    let bad = false;
    targets.forEach((t, i) => {
      if (!t || t.core === 'kind') return;
      const c = cells[i] ?? null;
      if (t.core) {
        const s = str(c);
        if (t.core === 'id') id = s;
        else if (t.core === 'name') values.name = s ?? '';
        else (values as Record<string, unknown>)[t.core] = s;
        return;
      }
      const field = fieldFor(kind, t);
      if (!field) {
        if (str(c) !== null) {
          bad = true;
          const name = t.attribute ?? headers[i] ?? columnLetter(i);
          rowIssue(i, t.attribute ? `attributes.${t.attribute}` : `column ${columnLetter(i)}`, 'unknown-attribute', `A ${kind.id} has no attribute "${name}".`);
        }
        return;
      }
      const d = decode(field, c);
      if (!d.ok) {
        bad = true;
        rowIssue(i, `attributes.${field.key}`, d.rule, `${field.label.id}: ${d.message}`);
        return;
      }
      attributes[field.key] = d.value;
    });
    if (bad) continue;
    drafts.elements.push({
      ref,
      row,
      key: ref,
      id,
      naturalMatch: true,
      kind: kind.id,
      values,
      attributes,
      attributeMode: 'merge',
      origin: (field) => {
        const name = field === 'orgUnitId' ? 'org' : field.startsWith('attributes.') ? `attributes.${field.split('.')[1]}` : field;
        const i = at(name);
        return i >= 0 ? { column: columnLetter(i), value: cells[i] ?? null } : undefined;
      },
    });
  }
  return { drafts, issues };
}

export type { Column };
