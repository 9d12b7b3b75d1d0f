import { canonical } from '../../services/import-engine.js';
import { findKind } from '../../domain/kinds/index.js';
import { RELATION_TYPES, type RelationTypeId } from '../../domain/kind.js';
import { tanggal, type Block, type DocumentModel } from './model.js';

/**
 * What changed in the architecture between two moments, read from the audit
 * trail: per element and relation, its first event in the window tells
 * whether it existed before, its last whether it exists after.
 */

export interface AuditEventLike {
  at: string;
  username: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface ElementChange {
  id: string;
  kind: string;
  code: string | null;
  name: string;
  orgUnitId: string | null;
  at: string;
  by: string | null;
  fields?: FieldChange[];
}

export interface RelationChange {
  id: string;
  type: string;
  source: { id: string; name: string; kind: string | null };
  target: { id: string; name: string; kind: string | null };
  at: string;
  by: string | null;
  fields?: FieldChange[];
}

export interface ChangeReport {
  from: string;
  to: string;
  generatedAt: string;
  summary: { elements: { added: number; changed: number; removed: number }; relations: { added: number; changed: number; removed: number } };
  elements: { added: ElementChange[]; changed: ElementChange[]; removed: ElementChange[] };
  relations: { added: RelationChange[]; changed: RelationChange[]; removed: RelationChange[] };
}

type Snapshot = Record<string, unknown>;

const ELEMENT_FIELDS = ['kind', 'code', 'name', 'description', 'orgUnitId', 'refCode', 'lifecycle', 'classification', 'provenance'];

export function diff(before: Snapshot, after: Snapshot, fields: string[], attributes = true): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) if (canonical(before[f]) !== canonical(after[f])) out.push({ field: f, before: before[f] ?? null, after: after[f] ?? null });
  if (attributes) {
    const a = (before.attributes ?? {}) as Snapshot;
    const b = (after.attributes ?? {}) as Snapshot;
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (canonical(a[k]) !== canonical(b[k])) out.push({ field: `attributes.${k}`, before: a[k] ?? null, after: b[k] ?? null });
    }
  }
  return out;
}

export interface ChangeContext {
  /** May the reader see this element snapshot? */
  canSee: (snapshot: Snapshot) => boolean;
  /** Current or last known element snapshots, for relation ends. */
  element: (id: string) => Snapshot | undefined;
}

/** `events` oldest first, all inside the window. */
export function buildChangeReport(events: AuditEventLike[], window: { from: string; to: string; generatedAt: string }, ctx: ChangeContext): ChangeReport {
  const byEntity = new Map<string, AuditEventLike[]>();
  for (const e of events) {
    if (e.entityType !== 'element' && e.entityType !== 'relation') continue;
    const k = `${e.entityType}:${e.entityId}`;
    (byEntity.get(k) ?? byEntity.set(k, []).get(k)!).push(e);
  }
  const report: ChangeReport = {
    ...window,
    summary: { elements: { added: 0, changed: 0, removed: 0 }, relations: { added: 0, changed: 0, removed: 0 } },
    elements: { added: [], changed: [], removed: [] },
    relations: { added: [], changed: [], removed: [] },
  };
  const end = (id: string) => {
    const s = ctx.element(id);
    return { id, name: s ? String(s.name ?? id) : id, kind: s ? String(s.kind ?? '') || null : null, visible: !!s && ctx.canSee(s) };
  };
  for (const [key, evs] of byEntity) {
    const first = evs[0];
    const last = evs[evs.length - 1];
    const existedBefore = first.action !== 'create';
    const existsAfter = last.action !== 'delete';
    if (!existedBefore && !existsAfter) continue;
    const category = !existedBefore ? 'added' : !existsAfter ? 'removed' : 'changed';
    const before = (first.before ?? {}) as Snapshot;
    const after = (last.after ?? {}) as Snapshot;
    const snap = category === 'removed' ? before : after;
    if (key.startsWith('element:')) {
      if (!ctx.canSee(snap) || (category === 'changed' && !ctx.canSee(before))) continue;
      const fields = category === 'changed' ? diff(before, after, ELEMENT_FIELDS) : undefined;
      if (fields && !fields.length) continue;
      report.elements[category].push({
        id: first.entityId,
        kind: String(snap.kind ?? ''),
        code: (snap.code as string | null) ?? null,
        name: String(snap.name ?? ''),
        orgUnitId: (snap.orgUnitId as string | null) ?? null,
        at: last.at,
        by: last.username,
        ...(fields ? { fields } : {}),
      });
      report.summary.elements[category]++;
    } else {
      const s = end(String(snap.sourceId ?? ''));
      const t = end(String(snap.targetId ?? ''));
      if (!s.visible || !t.visible) continue;
      const fields = category === 'changed' ? diff(before, after, ['provenance'], true) : undefined;
      if (fields && !fields.length) continue;
      report.relations[category].push({
        id: first.entityId,
        type: String(snap.type ?? ''),
        source: { id: s.id, name: s.name, kind: s.kind },
        target: { id: t.id, name: t.name, kind: t.kind },
        at: last.at,
        by: last.username,
        ...(fields ? { fields } : {}),
      });
      report.summary.relations[category]++;
    }
  }
  for (const list of [...Object.values(report.elements), ...Object.values(report.relations)]) list.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return report;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return v.length > 160 ? `${v.slice(0, 157)}...` : v;
  return JSON.stringify(v);
}

const ACTIONS = { added: 'ditambahkan', changed: 'diubah', removed: 'dihapus' } as const;

export function changeReportDocument(r: ChangeReport, instansi: string, orgName: (id: string | null) => string): DocumentModel {
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: 'Ringkasan' },
    {
      type: 'table',
      id: 'ringkasan',
      caption: 'Tabel 1 Ringkasan Perubahan',
      headers: ['', 'Ditambahkan', 'Diubah', 'Dihapus'],
      rows: [
        ['Elemen', String(r.summary.elements.added), String(r.summary.elements.changed), String(r.summary.elements.removed)],
        ['Relasi', String(r.summary.relations.added), String(r.summary.relations.changed), String(r.summary.relations.removed)],
      ],
    },
  ];
  let n = 2;
  for (const cat of ['added', 'changed', 'removed'] as const) {
    blocks.push({ type: 'heading', level: 2, text: `Elemen ${ACTIONS[cat]}` });
    blocks.push({
      type: 'table',
      id: `elemen-${cat}`,
      caption: `Tabel ${n++} Elemen ${ACTIONS[cat]}`,
      headers: cat === 'changed' ? ['Jenis', 'Kode', 'Nama', 'Perangkat Daerah', 'Perubahan', 'Waktu / Oleh'] : ['Jenis', 'Kode', 'Nama', 'Perangkat Daerah', 'Waktu / Oleh'],
      widths: cat === 'changed' ? [1.5, 1, 3, 2, 4, 1.8] : [1.5, 1, 4, 2.5, 1.8],
      rows: r.elements[cat].map((e) => [
        findKind(e.kind)?.label.id ?? e.kind,
        e.code ?? '',
        e.name,
        orgName(e.orgUnitId),
        ...(cat === 'changed' ? [(e.fields ?? []).map((f) => `${f.field}: ${show(f.before)} → ${show(f.after)}`).join('\n')] : []),
        `${tanggal(e.at)}\n${e.by ?? ''}`,
      ]),
      empty: 'Tidak ada.',
    });
  }
  for (const cat of ['added', 'changed', 'removed'] as const) {
    blocks.push({ type: 'heading', level: 2, text: `Relasi ${ACTIONS[cat]}` });
    blocks.push({
      type: 'table',
      id: `relasi-${cat}`,
      caption: `Tabel ${n++} Relasi ${ACTIONS[cat]}`,
      headers: ['Dari', 'Relasi', 'Ke', 'Waktu / Oleh'],
      widths: [3, 1.5, 3, 1.8],
      rows: r.relations[cat].map((x) => [x.source.name, RELATION_TYPES[x.type as RelationTypeId]?.id ?? x.type, x.target.name, `${tanggal(x.at)}\n${x.by ?? ''}`]),
      empty: 'Tidak ada.',
    });
  }
  return {
    title: 'LAPORAN PERUBAHAN ARSITEKTUR SPBE',
    subtitle: instansi.toUpperCase(),
    cover: [`Periode ${tanggal(r.from)} sampai ${tanggal(r.to)}`, `Disusun dari jejak audit pada ${tanggal(r.generatedAt)}`],
    footer: `Laporan Perubahan Arsitektur SPBE ${instansi} · ${tanggal(r.from)} – ${tanggal(r.to)}`,
    blocks,
  };
}
