import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../common/exceljs.js';
import type { Element } from '../../store/repositories/element.repository.js';
import type { OrgUnit } from '../../store/repositories/org-unit.repository.js';
import type { RelationWithEnds } from '../../store/repositories/relation.repository.js';
import { findKind } from '../../domain/kinds/index.js';
import type { AttributeField, KindDefinition } from '../../domain/kind.js';
import { neutralise } from '../spreadsheet/columns.js';

/**
 * SIA-SPBE export: one workbook per domain, one sheet per national object
 * type, with the national field set (reference/sia-spbe-metadata.md). The
 * kinds were declared from those field lists, so each sheet is: the core
 * fields SIA-SPBE names (ID, nama, uraian, model referensi, Perangkat
 * Daerah), then the kind's attributes in their declared order with their
 * Indonesian labels, values written for people (enum labels, Ya/Tidak,
 * lists separated by "; ").
 */
export const SIA_DOMAINS = ['business', 'service', 'data', 'application', 'infrastructure', 'security'] as const;
export type SiaDomain = (typeof SIA_DOMAINS)[number];

export interface SiaSheet {
  title: string;
  kinds: string[];
  /** Narrows a kind to one national object type (platform software: OS / database / utility). */
  where?: (e: Element) => boolean;
  /** Header for the element name column. */
  nameHeader: string;
}

const softwareType = (t: string) => (e: Element) => e.attributes.softwareType === t;

export const SIA_SHEETS: Record<SiaDomain, SiaSheet[]> = {
  business: [
    { title: 'Kelompok Proses Bisnis', kinds: ['process-group'], nameHeader: 'Nama Kelompok Proses Bisnis' },
    { title: 'Proses Bisnis', kinds: ['business-process'], nameHeader: 'Nama Proses Bisnis' },
    { title: 'Sub Proses Bisnis', kinds: ['sub-process'], nameHeader: 'Nama Sub Proses Bisnis' },
  ],
  service: [{ title: 'Layanan', kinds: ['service'], nameHeader: 'Nama Layanan' }],
  data: [{ title: 'Data dan Informasi', kinds: ['data'], nameHeader: 'Nama Data dan Informasi' }],
  application: [
    { title: 'Aplikasi', kinds: ['application'], nameHeader: 'Nama Aplikasi' },
    { title: 'Antarmuka Aplikasi', kinds: ['application-interface'], nameHeader: 'Nama Antarmuka' },
  ],
  infrastructure: [
    { title: 'Komputasi Awan', kinds: ['cloud'], nameHeader: 'Nama Komputasi Awan' },
    { title: 'Server', kinds: ['server'], nameHeader: 'Nama Server' },
    { title: 'Periferal', kinds: ['peripheral'], nameHeader: 'Nama Periferal' },
    { title: 'Media Penyimpanan', kinds: ['storage'], nameHeader: 'Nama Media Penyimpanan' },
    { title: 'Perangkat Jaringan', kinds: ['network-device'], nameHeader: 'Nama Perangkat Jaringan' },
    { title: 'Perangkat Keamanan', kinds: ['security-device', 'security-hardware'], nameHeader: 'Nama Security Device' },
    { title: 'Sistem Operasi', kinds: ['platform-software'], where: softwareType('sistem operasi'), nameHeader: 'Nama Sistem Operasi' },
    { title: 'Sistem Database', kinds: ['platform-software'], where: softwareType('sistem database'), nameHeader: 'Nama Sistem Database' },
    { title: 'Sistem Utilitas', kinds: ['platform-software'], where: softwareType('sistem utilitas'), nameHeader: 'Nama Sistem Utilitas' },
    { title: 'Jaringan Intra', kinds: ['intranet'], nameHeader: 'Nama Jaringan Intra' },
    { title: 'Sistem Penghubung Layanan', kinds: ['service-bus'], nameHeader: 'Nama Sistem Penghubung Layanan' },
    { title: 'Fasilitas Komputasi', kinds: ['facility'], nameHeader: 'Nama Fasilitas Komputasi' },
  ],
  security: [
    { title: 'Standar dan Prosedur', kinds: ['security-standard'], nameHeader: 'Nama Standar Keamanan' },
    { title: 'Edukasi Kesadaran', kinds: ['security-awareness'], nameHeader: 'Nama Kegiatan Edukasi' },
    { title: 'Identifikasi Kerentanan', kinds: ['vulnerability'], nameHeader: 'Nama Kegiatan Identifikasi' },
    { title: 'Peningkatan Keamanan', kinds: ['security-improvement'], nameHeader: 'Nama Kegiatan Peningkatan' },
    { title: 'Penanganan Insiden', kinds: ['incident'], nameHeader: 'Nama Kegiatan Penanganan Insiden' },
    { title: 'Audit Keamanan', kinds: ['security-audit'], nameHeader: 'Nama Kegiatan Audit' },
    { title: 'Kelaikan Keamanan', kinds: ['security-assessment'], nameHeader: 'Nama Kegiatan Kelaikan' },
  ],
};

/** Platform software whose type is none of the three national ones still appears, on the utility sheet. */
SIA_SHEETS.infrastructure[8].where = (e) => !['sistem operasi', 'sistem database'].includes(String(e.attributes.softwareType ?? ''));

export interface SiaData {
  instansi: { code: string; name: string };
  elements: Element[];
  orgUnits: OrgUnit[];
  references: Map<string, { code: string; name: string; level: number; parentCode: string | null }>;
  relations: RelationWithEnds[];
}

export function humanValue(field: AttributeField, v: unknown): string | number | null {
  if (v === undefined || v === null) return null;
  const label = (x: unknown) => field.options?.find((o) => o.value === x)?.label?.id ?? String(x);
  if (field.type === 'boolean') return v ? 'Ya' : 'Tidak';
  if (Array.isArray(v)) return v.map((x) => (field.type === 'enum[]' ? label(x) : String(x))).join('; ');
  if (field.type === 'enum') return label(v);
  if (typeof v === 'number') return v;
  return String(v);
}

/** "01 Layanan Publik › 01.16 Komunikasi dan Informatika" */
export function referencePath(refCode: string | null, refs: SiaData['references']): string | null {
  if (!refCode) return null;
  const [model] = refCode.split(':');
  const parts: string[] = [];
  let node = refs.get(refCode);
  let guard = 0;
  while (node && guard++ < 10) {
    parts.unshift(`${node.code} ${node.name}`);
    node = node.parentCode ? refs.get(`${model}:${node.parentCode}`) : undefined;
  }
  return parts.length ? parts.join(' › ') : refCode;
}

function attributesOf(kinds: KindDefinition[]): AttributeField[] {
  const out: AttributeField[] = [];
  for (const k of kinds) for (const a of k.attributes) if (!out.some((o) => o.key === a.key)) out.push(a);
  return out;
}

export async function buildSiaWorkbook(domain: SiaDomain, data: SiaData): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Atlas SPBE';
  wb.title = `SIA-SPBE ${domain} — ${data.instansi.name}`;
  const org = new Map(data.orgUnits.map((o) => [o.id, o]));
  // Parent (composes) per element, for hierarchical kinds.
  const parentOf = new Map<string, { code: string | null; name: string }>();
  for (const r of data.relations) if (r.type === 'composes') parentOf.set(r.targetId, { code: r.source.code, name: r.source.name });

  for (const sheet of SIA_SHEETS[domain]) {
    const kinds = sheet.kinds.map((k) => findKind(k)!).filter(Boolean);
    const fields = attributesOf(kinds);
    const model = kinds[0]?.referenceModel;
    const headers = [
      'No',
      'ID',
      sheet.nameHeader,
      'Uraian',
      ...(model ? [`Kode Model Referensi (${model})`, `Model Referensi (${model})`] : []),
      'Perangkat Daerah',
      ...(domain === 'business' || sheet.kinds.includes('data') ? ['Induk'] : []),
      ...fields.map((f) => (f.unit ? `${f.label.id} (${f.unit})` : f.label.id)),
      'Kondisi',
      'ID Atlas',
    ];
    const ws = wb.addWorksheet(sheet.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(headers).font = { bold: true };
    ws.columns = headers.map((h) => ({ width: Math.min(45, Math.max(10, h.length + 4)) }));
    const rows = data.elements
      .filter((e) => sheet.kinds.includes(e.kind) && (!sheet.where || sheet.where(e)))
      .sort((a, b) => (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff', 'id', { numeric: true }) || a.name.localeCompare(b.name, 'id'));
    rows.forEach((e, i) => {
      const parent = parentOf.get(e.id);
      const cells: (string | number | null)[] = [
        i + 1,
        e.code,
        e.name,
        e.description,
        ...(model ? [e.refCode ? e.refCode.split(':')[1] : null, referencePath(e.refCode, data.references)] : []),
        e.orgUnitId ? (org.get(e.orgUnitId)?.name ?? null) : null,
        ...(domain === 'business' || sheet.kinds.includes('data') ? [parent ? [parent.code, parent.name].filter(Boolean).join(' ') : null] : []),
        ...fields.map((f) => humanValue(f, e.attributes[f.key])),
        e.lifecycle === 'to-be' ? 'Target' : e.lifecycle === 'retired' ? 'Tidak dipakai' : 'Saat ini',
        e.id,
      ];
      ws.addRow(cells.map((c) => (typeof c === 'string' ? neutralise(c) : c)));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
