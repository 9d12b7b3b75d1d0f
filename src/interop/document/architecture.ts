import type { Element } from '../../store/repositories/element.repository.js';
import type { Relation } from '../../store/repositories/relation.repository.js';
import type { OrgUnit } from '../../store/repositories/org-unit.repository.js';
import { findKind } from '../../domain/kinds/index.js';
import { INFRASTRUCTURE_KIND_IDS } from '../../domain/kinds/infrastructure.js';
import type { KindDefinition } from '../../domain/kind.js';
import { angka, tanggal, type Block, type DocumentModel } from './model.js';
import { radarPng, radarSvg } from './radar.js';

/**
 * The city's architecture document, rebuilt from the repository in the
 * structure of the seed document (BAB I–VI). Every section is a function of
 * the data below; the numbered tables are the seed's (Tabel 3.2, 3.3,
 * 4.1–4.14, 5.1–5.16) with the same columns.
 */

export interface ReferenceNodeView {
  model: string;
  code: string;
  name: string;
  description: string | null;
  level: number;
  parentCode: string | null;
}

export interface EvaluationYear {
  year: number;
  status: string;
  index: number | null;
  predicate: string | null;
  domains: Record<string, number | null>;
  aspects: Record<string, number | null>;
  indicators: Record<number, number | null>;
}

export interface EvaluationData {
  frameworkId: string;
  frameworkName: string;
  domains: { code: string; name: string }[];
  aspects: { code: string; name: string; domainCode: string | null }[];
  indicators: { no: number; name: string }[];
  years: EvaluationYear[];
}

export interface ArchitectureData {
  instansi: { code: string; name: string };
  version: string;
  /** Repository revision: the number of audit events of the instansi when the document was made. */
  revision: number;
  generatedAt: string;
  period: string;
  elements: Element[];
  relations: Relation[];
  orgUnits: OrgUnit[];
  /** Keyed "MODEL:code". */
  references: Map<string, ReferenceNodeView>;
  /** Null when no assessment exists (or the reader may not see evaluations). */
  evaluation: EvaluationData | null;
}

interface Ctx extends ArchitectureData {
  byId: Map<string, Element>;
  org: Map<string, OrgUnit>;
  out: Map<string, Relation[]>;
  inc: Map<string, Relation[]>;
  of: (kind: string) => Element[];
}

function context(d: ArchitectureData): Ctx {
  const out = new Map<string, Relation[]>();
  const inc = new Map<string, Relation[]>();
  for (const r of d.relations) {
    (out.get(r.sourceId) ?? out.set(r.sourceId, []).get(r.sourceId)!).push(r);
    (inc.get(r.targetId) ?? inc.set(r.targetId, []).get(r.targetId)!).push(r);
  }
  const byKind = new Map<string, Element[]>();
  for (const e of d.elements) (byKind.get(e.kind) ?? byKind.set(e.kind, []).get(e.kind)!).push(e);
  return {
    ...d,
    byId: new Map(d.elements.map((e) => [e.id, e])),
    org: new Map(d.orgUnits.map((o) => [o.id, o])),
    out,
    inc,
    of: (kind) => [...(byKind.get(kind) ?? [])].sort(byCode),
  };
}

function byCode(a: Element, b: Element): number {
  return (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff', 'id', { numeric: true }) || a.name.localeCompare(b.name, 'id');
}

const orgName = (c: Ctx, e: Element) => (e.orgUnitId ? (c.org.get(e.orgUnitId)?.name ?? '') : '');
const targets = (c: Ctx, e: Element, type: string, kind?: string) =>
  (c.out.get(e.id) ?? [])
    .filter((r) => r.type === type)
    .map((r) => c.byId.get(r.targetId))
    .filter((x): x is Element => !!x && (!kind || x.kind === kind))
    .sort(byCode);
const sources = (c: Ctx, e: Element, type: string, kind?: string) =>
  (c.inc.get(e.id) ?? [])
    .filter((r) => r.type === type)
    .map((r) => c.byId.get(r.sourceId))
    .filter((x): x is Element => !!x && (!kind || x.kind === kind))
    .sort(byCode);
const list = (items: string[]) => (items.length > 1 ? items.map((i) => `• ${i}`).join('\n') : (items[0] ?? ''));
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function refNodes(c: Ctx, model: string, filter: (n: ReferenceNodeView) => boolean = () => true): ReferenceNodeView[] {
  return [...c.references.values()]
    .filter((n) => n.model === model && filter(n))
    .sort((a, b) => a.code.localeCompare(b.code, 'id', { numeric: true }));
}

// ------------------------------------------------------------------ BAB I

function babI(c: Ctx): Block[] {
  const n = c.instansi.name;
  return [
    { type: 'heading', level: 1, text: 'BAB I\nPENDAHULUAN' },
    { type: 'heading', level: 2, text: 'A. Latar Belakang' },
    {
      type: 'paragraph',
      text: `Sesuai amanat Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik (SPBE) dan Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur SPBE Nasional, ${n} menyusun Arsitektur SPBE sebagai kerangka dasar yang mendeskripsikan integrasi proses bisnis, data dan informasi, infrastruktur, aplikasi, keamanan, dan layanan SPBE untuk menghasilkan layanan SPBE yang terintegrasi.`,
    },
    {
      type: 'paragraph',
      text: `Dokumen ini dibangun ulang dari repositori arsitektur ${n} pada ${tanggal(c.generatedAt)} (versi ${c.version}, revisi repositori ${c.revision}). Setiap tabel disusun dari data elemen arsitektur, relasinya, Perangkat Daerah, model referensi, dan hasil evaluasi yang tercatat.`,
    },
    { type: 'heading', level: 2, text: 'B. Maksud dan Tujuan' },
    {
      type: 'bullets',
      items: [
        `Menjadi panduan kerangka dasar bagi ${n} dalam mengimplementasikan SPBE.`,
        'Menjadikan proses implementasi SPBE lebih teratur, terarah, dan terkendali.',
        'Mewujudkan perencanaan SPBE yang terintegrasi antar Perangkat Daerah.',
      ],
    },
    { type: 'heading', level: 2, text: 'C. Dasar Hukum' },
    {
      type: 'bullets',
      numbered: true,
      items: [
        'Undang-Undang Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik, sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 1 Tahun 2024.',
        'Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.',
        'Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.',
        'Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik.',
        'Peraturan Presiden Nomor 132 Tahun 2022 tentang Arsitektur Sistem Pemerintahan Berbasis Elektronik Nasional.',
        ...c
          .of('security-standard')
          .filter((e) => /^Peraturan/i.test(e.name))
          .map((e) => e.name),
      ].filter((v, i, a) => a.indexOf(v) === i),
    },
    { type: 'heading', level: 2, text: 'D. Ruang Lingkup' },
    {
      type: 'bullets',
      items: [
        'BAB I Pendahuluan: latar belakang, maksud dan tujuan, dasar hukum, dan ruang lingkup.',
        `BAB II Arahan Strategis: visi, misi, tujuan, dan sasaran ${n}.`,
        'BAB III Analisis Keselarasan Strategis Teknologi Informasi: kebutuhan TI dan kematangan SPBE.',
        'BAB IV Arsitektur SPBE: proses bisnis, layanan, data dan informasi, infrastruktur, aplikasi, dan keamanan.',
        'BAB V Analisis Kesenjangan SPBE: kondisi saat ini, kondisi target, dan rekomendasi per domain.',
        'BAB VI Penutup.',
      ],
    },
  ];
}

// ------------------------------------------------------------------ BAB II

function babII(c: Ctx): Block[] {
  const visions = c.of('vision');
  const missions = [...c.of('mission')].sort((a, b) => Number(a.attributes.order ?? 0) - Number(b.attributes.order ?? 0) || byCode(a, b));
  const goals = c.of('goal');
  const objectives = c.of('objective');
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'BAB II\nARAHAN STRATEGIS' }, { type: 'heading', level: 2, text: `A. Visi ${c.instansi.name}` }];
  if (visions.length) {
    for (const v of visions) {
      blocks.push({ type: 'paragraph', text: `${v.description ? `${v.description}: ` : ''}${v.name}` });
    }
  } else blocks.push({ type: 'paragraph', text: 'Visi belum dicatat dalam repositori.' });
  blocks.push({ type: 'heading', level: 2, text: `B. Misi ${c.instansi.name}` });
  blocks.push(missions.length ? { type: 'bullets', numbered: true, items: missions.map((m) => m.name) } : { type: 'paragraph', text: 'Misi belum dicatat dalam repositori.' });
  blocks.push({ type: 'heading', level: 2, text: 'C. Tujuan dan Sasaran' });
  blocks.push({ type: 'paragraph', text: 'Tujuan:', bold: true });
  blocks.push(goals.length ? { type: 'bullets', numbered: true, items: goals.map((g) => g.name) } : { type: 'paragraph', text: '-' });
  blocks.push({ type: 'paragraph', text: 'Sasaran:', bold: true });
  blocks.push(objectives.length ? { type: 'bullets', numbered: true, items: objectives.map((g) => g.name) } : { type: 'paragraph', text: '-' });
  return blocks;
}

// ------------------------------------------------------------------ BAB III

export function table32(ev: EvaluationData, instansi: string): Extract<Block, { type: 'table' }> {
  const years = ev.years.map((y) => y.year);
  const rows: string[][] = [['SPBE', ...ev.years.map((y) => angka(y.index))]];
  for (const d of ev.domains) {
    rows.push([`Domain ${d.name}`, ...ev.years.map((y) => angka(y.domains[d.code]))]);
    for (const a of ev.aspects.filter((x) => x.domainCode === d.code)) rows.push([a.name, ...ev.years.map((y) => angka(y.aspects[a.code]))]);
  }
  rows.push(['Predikat', ...ev.years.map((y) => y.predicate ?? '-')]);
  return {
    type: 'table',
    id: '3.2',
    caption: `Tabel 3.2 Nilai Indeks Kematangan SPBE ${instansi} Tahun ${years[0]}-${years[years.length - 1]}`,
    headers: ['Nama Indeks', ...years.map((y) => `Nilai ${y}`)],
    rows,
    widths: [4, ...years.map(() => 1)],
  };
}

export function table33(ev: EvaluationData): Extract<Block, { type: 'table' }> {
  return {
    type: 'table',
    id: '3.3',
    caption: 'Tabel 3.3 Perolehan Nilai Tingkat Kematangan Indikator',
    headers: ['No', 'Indikator', ...ev.years.map((y) => `Nilai Tingkat Kematangan ${y.year}`)],
    rows: ev.indicators.map((i) => [String(i.no), `Tingkat Kematangan ${i.name}`, ...ev.years.map((y) => str(y.indicators[i.no] ?? '-'))]),
    widths: [0.6, 5, ...ev.years.map(() => 1.3)],
  };
}

function babIII(c: Ctx): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: 'BAB III\nANALISIS KESELARASAN STRATEGIS TEKNOLOGI INFORMASI' },
    { type: 'heading', level: 2, text: 'A. Analisis Kebutuhan TI' },
    {
      type: 'table',
      id: '3.1',
      caption: 'Tabel 3.1 Komponen dan Deskripsi Pembangunan SPBE',
      headers: ['No', 'Komponen', 'Deskripsi'],
      widths: [0.5, 2, 5],
      rows: [
        ['1', 'Kebijakan dan Aturan', 'Menyediakan landasan hukum untuk semua aktivitas dan transaksi menggunakan SPBE'],
        ['2', 'Sumber Daya Manusia', 'Menyediakan sumber daya yang dapat memahami prosedur dan penggunaan SPBE'],
        ['3', 'Arsitektur Antarmuka', 'Menyiapkan antarmuka (interface) sebagai sarana interaksi setiap pengguna dengan SPBE'],
        ['4', 'Arsitektur Aplikasi', 'Sebagai kebutuhan aplikasi beserta konfigurasinya untuk mewujudkan fungsi dan tujuan dari SPBE'],
        ['5', 'Arsitektur Data', 'Sebagai penampung dan pengintegrasi seluruh data yang mendukung SPBE'],
        ['6', 'Arsitektur Infrastruktur Pendukung', 'Terdiri atas sekumpulan perangkat keras termasuk server, komputer, serta perangkat jaringan dan jalur telekomunikasi'],
      ],
    },
    { type: 'heading', level: 2, text: 'B. Analisis Kematangan Sistem Pemerintahan Berbasis Elektronik (SPBE)' },
  ];
  const ev = c.evaluation;
  if (!ev || !ev.years.length) {
    blocks.push({ type: 'paragraph', text: 'Belum ada hasil evaluasi SPBE yang tercatat dalam repositori; Tabel 3.2, Gambar 3.1 dan Tabel 3.3 akan terisi setelah penilaian dicatat.' });
    blocks.push({ type: 'table', id: '3.2', caption: `Tabel 3.2 Nilai Indeks Kematangan SPBE ${c.instansi.name}`, headers: ['Nama Indeks', 'Nilai'], rows: [], empty: 'Belum ada penilaian.' });
    blocks.push({ type: 'table', id: '3.3', caption: 'Tabel 3.3 Perolehan Nilai Tingkat Kematangan Indikator', headers: ['No', 'Indikator', 'Nilai'], rows: [], empty: 'Belum ada penilaian.' });
    return blocks;
  }
  const first = ev.years[0];
  const last = ev.years[ev.years.length - 1];
  blocks.push({
    type: 'paragraph',
    text: `Evaluasi menggunakan ${ev.frameworkName}. Indeks SPBE ${c.instansi.name} bergerak dari ${angka(first.index)} (${first.year}) menjadi ${angka(last.index)} (${last.year})${last.predicate ? ` dengan predikat ${last.predicate}` : ''}. Nilai di bawah ini dihitung dari tingkat kematangan setiap indikator yang tercatat.`,
  });
  blocks.push(table32(ev, c.instansi.name));
  const axes = ev.domains.map((d) => ({ name: d.name, max: 5 }));
  const series = ev.years.map((y) => ({ name: String(y.year), values: ev.domains.map((d) => y.domains[d.code] ?? null) }));
  // A radar needs three axes; a framework without domains (e.g. Pemdi 8/2026) gets no figure.
  if (axes.length >= 3) {
    blocks.push({ type: 'paragraph', text: 'Berdasarkan nilai setiap domain di atas, dibentuk grafik jejaring (radar) pada Gambar 3.1.' });
    blocks.push({ type: 'figure', id: '3.1', caption: 'Gambar 3.1 Tingkat Kematangan SPBE', svg: radarSvg(axes, series), png: radarPng(axes, series), width: 560, height: 385 });
  } else {
    blocks.push({ type: 'paragraph', text: 'Kerangka evaluasi ini tidak membagi indikator ke dalam domain, sehingga Gambar 3.1 (radar domain) tidak dibuat.' });
  }
  blocks.push({ type: 'paragraph', text: 'Berikut perolehan nilai tingkat kematangan setiap indikator (nilai maksimal 5).' });
  blocks.push(table33(ev));
  return blocks;
}

// ------------------------------------------------------------------ BAB IV

export function metadataTable(id: string, kind: KindDefinition): Extract<Block, { type: 'table' }> {
  const what = kind.label.id;
  return {
    type: 'table',
    id,
    caption: `Tabel ${id} Atribut Metadata ${what}`,
    headers: ['No', 'Nama Atribut', 'Keterangan'],
    widths: [0.5, 2.5, 5],
    rows: [
      ['1', 'ID', 'Merupakan nomor unik sebagai identitas metadata'],
      ['2', `Nama ${what}`, `Nama dari ${what} yang digunakan`],
      ['3', `Deskripsi ${what}`, `Penjelasan dari ${what} yang digunakan`],
      ...kind.attributes.map((a, i) => [String(i + 4), a.label.id, a.help?.id ?? (a.options ? `Pilihan: ${a.options.map((o) => o.label?.id ?? o.value).join('; ')}` : a.label.id)]),
    ],
  };
}

function babIV(c: Ctx): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: `BAB IV\nARSITEKTUR SPBE ${c.instansi.name.toUpperCase()}` }];

  // A. Proses bisnis
  blocks.push({ type: 'heading', level: 2, text: 'A. Arsitektur Proses Bisnis' });
  const bp = [...c.of('business-process'), ...c.of('sub-process'), ...c.of('process-group')];
  const sectors = new Set(bp.map((e) => e.refCode).filter((r): r is string => !!r && r.startsWith('RAB:')).map((r) => r.slice(4).split('.')[0]));
  if (!sectors.size) sectors.add('09');
  const rab = refNodes(c, 'RAB', (n) => sectors.has(n.code.split('.')[0]) && n.level === 2);
  const sectorNames = [...sectors].map((s) => `${c.references.get(`RAB:${s}`)?.name ?? s} (${s})`).join(', ');
  blocks.push({
    type: 'table',
    id: '4.1',
    caption: `Tabel 4.1 Referensi Proses Bisnis (RB) Tingkat Nasional ${sectorNames}`,
    headers: ['Kode', 'Referensi Arsitektur', 'Deskripsi Referensi Arsitektur'],
    widths: [1, 2, 5],
    rows: rab.map((n) => [n.code, n.name, n.description ?? '']),
  });
  const rows42: string[][] = [];
  const groups = [...c.of('process-group')].sort((a, b) => Number(a.attributes.order ?? 0) - Number(b.attributes.order ?? 0) || byCode(a, b));
  const placed = new Set<string>();
  const processRows = (p: Element) => {
    placed.add(p.id);
    const subs = targets(c, p, 'composes', 'sub-process');
    if (!subs.length) rows42.push([p.code ?? '', p.name, '', '']);
    subs.forEach((s, i) => {
      placed.add(s.id);
      rows42.push(i === 0 ? [p.code ?? '', p.name, s.code ?? '', s.name] : ['', '', s.code ?? '', s.name]);
    });
  };
  for (const g of groups) {
    rows42.push([g.name.toUpperCase(), '', '', '']);
    for (const p of targets(c, g, 'composes', 'business-process')) processRows(p);
  }
  for (const p of c.of('business-process').filter((p) => !placed.has(p.id))) processRows(p);
  blocks.push({ type: 'paragraph', text: `Proses bisnis ${c.instansi.name} terdiri atas ${c.of('business-process').length} proses bisnis dan ${c.of('sub-process').length} sub proses bisnis dalam ${groups.length} kelompok, sebagaimana Tabel 4.2.` });
  blocks.push({ type: 'table', id: '4.2', caption: `Tabel 4.2 Proses Bisnis dan Sub Proses Bisnis ${c.instansi.name}`, headers: ['Kode', 'Peta Proses Bisnis', 'Kode', 'Peta Sub Proses'], widths: [1, 3, 1.2, 3], rows: rows42 });

  // B. Layanan
  blocks.push({ type: 'heading', level: 2, text: 'B. Arsitektur Layanan' });
  const services = c.of('service');
  const byRef = new Map<string, Element[]>();
  for (const s of services) {
    const k = s.refCode ?? `:${s.code ?? s.id}`;
    (byRef.get(k) ?? byRef.set(k, []).get(k)!).push(s);
  }
  const rows43 = [...byRef.entries()]
    .sort((a, b) => a[0].localeCompare(b[0], 'id', { numeric: true }))
    .map(([ref, ss]) => {
      const node = c.references.get(ref);
      return [ref.startsWith(':') ? (ss[0].code ?? '') : ref.split(':')[1], node?.name ?? ss[0].name, ss[0].description ?? node?.description ?? '', [...new Set(ss.map((s) => orgName(c, s)).filter(Boolean))].join('\n')];
    });
  blocks.push({ type: 'paragraph', text: `Referensi Arsitektur Layanan (RAL) yang diselenggarakan Perangkat Daerah ${c.instansi.name} diuraikan pada Tabel 4.3 (${services.length} layanan).` });
  blocks.push({ type: 'table', id: '4.3', caption: 'Tabel 4.3 Referensi Arsitektur Layanan (RAL) SPBE', headers: ['Kode', 'Referensi Arsitektur', 'Deskripsi Referensi Arsitektur Layanan SPBE', 'Perangkat Daerah'], widths: [1, 2, 4, 3], rows: rows43 });

  // C. Data
  blocks.push({ type: 'heading', level: 2, text: 'C. Arsitektur Data dan Informasi' });
  const rows44: string[][] = [];
  for (const p of c.of('business-process')) {
    const subs = targets(c, p, 'composes', 'sub-process');
    const produced = targets(c, p, 'produces', 'data').map((d) => d.name);
    if (!subs.length) {
      rows44.push([p.code ?? '', p.name, '', '', list(produced)]);
      continue;
    }
    subs.forEach((s, i) => {
      const data = [...targets(c, s, 'accesses', 'data'), ...targets(c, s, 'produces', 'data')].map((d) => d.name);
      const shown = i === 0 ? [...new Set([...data, ...produced])] : data.filter((d) => !produced.includes(d));
      rows44.push([i === 0 ? (p.code ?? '') : '', i === 0 ? p.name : '', s.code ?? '', s.name, list([...new Set(shown)])]);
    });
  }
  blocks.push({ type: 'paragraph', text: `Data dan informasi yang dihasilkan dan digunakan proses bisnis (${c.of('data').length} jenis data) diuraikan pada Tabel 4.4.` });
  blocks.push({ type: 'table', id: '4.4', caption: `Tabel 4.4 Jenis Data dan Informasi Target ${c.instansi.name}`, headers: ['Kode', 'Proses', 'Kode', 'Sub Proses', 'Deskripsi Data & Informasi'], widths: [1, 2.5, 1.2, 2.5, 3.5], rows: rows44 });

  // D. Infrastruktur
  blocks.push({ type: 'heading', level: 2, text: 'D. Arsitektur Infrastruktur dan Teknologi' });
  const infra = INFRASTRUCTURE_KIND_IDS.map((k) => ({ kind: findKind(k)!, n: c.of(k).length })).filter((x) => x.n);
  blocks.push({
    type: 'paragraph',
    text: infra.length
      ? `Repositori mencatat ${infra.map((x) => `${x.n} ${x.kind.label.id.toLowerCase()}`).join(', ')}. Kondisinya diuraikan pada Tabel 5.4 dan atribut metadatanya pada Tabel 5.6 sampai Tabel 5.15.`
      : 'Belum ada elemen infrastruktur yang tercatat.',
  });

  // E. Aplikasi
  blocks.push({ type: 'heading', level: 2, text: 'E. Arsitektur Aplikasi' });
  const apps = c.of('application');
  const rows45 = [...byRef.entries()]
    .sort((a, b) => a[0].localeCompare(b[0], 'id', { numeric: true }))
    .flatMap(([ref, ss]) =>
      ss.map((s, i) => {
        const node = c.references.get(ref);
        const realizing = sources(c, s, 'realizes', 'application').filter((a) => a.lifecycle === 'as-is').map((a) => a.name);
        return [i === 0 ? (ref.startsWith(':') ? (s.code ?? '') : ref.split(':')[1]) : '', i === 0 ? (node?.name ?? s.name) : '', i === 0 ? (s.description ?? node?.description ?? '') : '', orgName(c, s), list(realizing)];
      }),
    );
  blocks.push({
    type: 'paragraph',
    text: `Repositori mencatat ${apps.length} aplikasi: ${apps.filter((a) => a.lifecycle === 'as-is').length} telah diterapkan dan ${apps.filter((a) => a.lifecycle === 'to-be').length} direncanakan; ${apps.filter((a) => a.attributes.category === 'umum').length} di antaranya aplikasi umum.`,
  });
  blocks.push({ type: 'table', id: '4.5', caption: 'Tabel 4.5 Aplikasi yang telah diterapkan Pemerintahan Kota', headers: ['Kode', 'Referensi Arsitektur', 'Deskripsi Referensi Arsitektur Layanan SPBE', 'Perangkat Daerah', 'Aplikasi'], widths: [0.9, 1.8, 3, 2.3, 3], rows: rows45 });

  // F. Keamanan
  blocks.push({ type: 'heading', level: 2, text: 'F. Arsitektur Keamanan' });
  blocks.push({
    type: 'table',
    id: '4.6',
    caption: 'Tabel 4.6 Referensi Arsitektur Keamanan SPBE',
    headers: ['Kode', 'Referensi Arsitektur', 'Deskripsi Referensi Arsitektur'],
    widths: [1, 2.5, 5],
    rows: refNodes(c, 'RAK').map((n) => [n.code, n.level === 1 ? n.name.toUpperCase() : n.name, n.description ?? '']),
  });
  const securityKinds = ['security-hardware', 'security-standard', 'security-awareness', 'vulnerability', 'security-improvement', 'incident', 'security-audit', 'security-assessment'];
  securityKinds.forEach((k, i) => blocks.push(metadataTable(`4.${7 + i}`, findKind(k)!)));
  return blocks;
}

// ------------------------------------------------------------------ BAB V

function gapTable(c: Ctx, id: string, caption: string, domain: string): Extract<Block, { type: 'table' }> {
  const gaps = c.of('gap').filter((g) => g.attributes.gapDomain === domain);
  gaps.sort((a, b) => Number(a.code ?? 0) - Number(b.code ?? 0) || byCode(a, b));
  return {
    type: 'table',
    id,
    caption: `Tabel ${id} ${caption}`,
    headers: ['No', 'Komponen', 'Kondisi Saat Ini', 'Kondisi Target', 'Rekomendasi Tindak Lanjut'],
    widths: [0.5, 1.6, 3, 3, 3],
    rows: gaps.map((g, i) => [String(i + 1), str(g.attributes.component) || g.name, str(g.attributes.currentCondition), str(g.attributes.targetCondition), str(g.attributes.recommendation)]),
    empty: 'Belum ada kesenjangan yang tercatat.',
  };
}

function babV(c: Ctx): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 1, text: `BAB V\nANALISIS KESENJANGAN SPBE ${c.instansi.name.toUpperCase()}` }];
  blocks.push({ type: 'heading', level: 2, text: 'A. Arsitektur Proses Bisnis' }, gapTable(c, '5.1', 'Arsitektur proses bisnis', 'proses-bisnis'));
  blocks.push({ type: 'heading', level: 2, text: 'B. Arsitektur Data' }, gapTable(c, '5.2', 'Arsitektur Data SPBE', 'data'));

  blocks.push({ type: 'heading', level: 2, text: 'C. Arsitektur Aplikasi' });
  const apps = c.of('application');
  const orgs = [...new Set([...c.of('service'), ...apps].map((e) => e.orgUnitId).filter((x): x is string => !!x))]
    .map((id) => c.org.get(id))
    .filter((o): o is OrgUnit => !!o)
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const rows53 = orgs.map((o) => {
    const svc = c.of('service').filter((s) => s.orgUnitId === o.id);
    const own = apps.filter((a) => a.orgUnitId === o.id);
    return [
      o.name,
      svc.map((s) => `(${s.refCode ? s.refCode.split(':')[1] : (s.code ?? '')}) ${s.description ?? s.name}`).join('\n'),
      list(own.filter((a) => a.lifecycle === 'as-is').map((a) => a.name)),
      list(own.filter((a) => a.lifecycle === 'to-be').map((a) => a.name)),
    ];
  });
  blocks.push({ type: 'table', id: '5.3', caption: 'Tabel 5.3 Daftar Aplikasi SPBE yang Digunakan', headers: ['Perangkat Daerah', 'Referensi Arsitektur Layanan SPBE', 'Implementasi', 'Target'], widths: [2, 3, 2.5, 3], rows: rows53 });

  blocks.push({ type: 'heading', level: 2, text: 'D. Arsitektur Infrastruktur' });
  const infra = INFRASTRUCTURE_KIND_IDS.flatMap((k) => c.of(k)).filter((e) => e.lifecycle !== 'retired');
  const rows54 = infra.map((e, i) => {
    const [current, facility] = (e.description ?? '').split(/\n\s*\nDeskripsi fasilitas:\s*/);
    const gaps = sources(c, e, 'concerns', 'gap').map((g) => str(g.attributes.currentCondition)).filter(Boolean);
    return [String(i + 1), e.name, facility ?? findKind(e.kind)!.description?.id ?? findKind(e.kind)!.label.id, [current, ...gaps].filter(Boolean).join('\n')];
  });
  blocks.push({ type: 'table', id: '5.4', caption: 'Tabel 5.4 Kondisi Arsitektur Infrastruktur SPBE', headers: ['No.', 'Nama Metadata', 'Deskripsi Fasilitas', 'Kondisi Saat Ini'], widths: [0.5, 1.8, 4, 4], rows: rows54 });
  blocks.push({
    type: 'table',
    id: '5.5',
    caption: 'Tabel 5.5 Referensi Arsitektur Infrastruktur SPBE (RAI)',
    headers: ['Kode', 'Referensi Arsitektur', 'Deskripsi Referensi Arsitektur SPBE'],
    widths: [1, 2.5, 5],
    rows: refNodes(c, 'RAI').map((n) => [n.code, n.level === 1 ? n.name.toUpperCase() : n.name, n.description ?? '']),
  });
  INFRASTRUCTURE_KIND_IDS.forEach((k, i) => blocks.push(metadataTable(`5.${6 + i}`, findKind(k)!)));

  blocks.push({ type: 'heading', level: 2, text: 'E. Arsitektur Keamanan' }, gapTable(c, '5.16', 'Arsitektur Keamanan', 'keamanan'));

  const initiatives = c.of('initiative');
  if (initiatives.length) {
    blocks.push({ type: 'heading', level: 2, text: 'F. Peta Rencana SPBE' });
    blocks.push({
      type: 'table',
      id: '5.17',
      caption: 'Tabel 5.17 Peta Rencana SPBE',
      headers: ['No', 'Inisiatif', 'Perangkat Daerah', 'Tahun', 'Anggaran (Rp)', 'Status'],
      widths: [0.5, 4, 2.5, 1.2, 1.8, 1.2],
      rows: initiatives.map((e, i) => [
        String(i + 1),
        e.name,
        orgName(c, e),
        [e.attributes.startYear, e.attributes.endYear].filter(Boolean).join('–'),
        typeof e.attributes.budget === 'number' ? angka(e.attributes.budget, 0) : '',
        str(e.attributes.status),
      ]),
    });
  }
  return blocks;
}

// ------------------------------------------------------------------ BAB VI

function babVI(c: Ctx): Block[] {
  const ev = c.evaluation;
  const last = ev?.years[ev.years.length - 1];
  const first = ev?.years[0];
  const gaps = c.of('gap');
  const count = (k: string) => c.of(k).length;
  return [
    { type: 'heading', level: 1, text: 'BAB VI\nPENUTUP' },
    { type: 'heading', level: 2, text: 'A. Kesimpulan' },
    {
      type: 'paragraph',
      text: `Arsitektur SPBE ${c.instansi.name} merupakan panduan penerapan Peraturan Presiden Nomor 95 Tahun 2018 dan Peraturan Presiden Nomor 132 Tahun 2022. Repositori arsitektur saat ini memuat ${count('business-process')} proses bisnis dengan ${count('sub-process')} sub proses, ${count('service')} layanan, ${count('data')} jenis data dan informasi, ${count('application')} aplikasi, ${INFRASTRUCTURE_KIND_IDS.reduce((n, k) => n + count(k), 0)} elemen infrastruktur, dan ${gaps.length} kesenjangan beserta rekomendasinya, dikelola oleh ${c.orgUnits.length} Perangkat Daerah.`,
    },
    {
      type: 'paragraph',
      text:
        ev && last && first
          ? `Hasil evaluasi ${ev.frameworkName} menunjukkan indeks SPBE ${angka(first.index)} pada ${first.year} dan ${angka(last.index)} pada ${last.year}${last.predicate ? ` (predikat ${last.predicate})` : ''}.`
          : 'Hasil evaluasi SPBE belum tercatat dalam repositori.',
    },
    {
      type: 'paragraph',
      text: `Dokumen ini disusun dari repositori pada ${tanggal(c.generatedAt)} (versi ${c.version}, revisi ${c.revision}) dan dapat dibangun ulang kapan saja ketika data arsitektur berubah, sesuai amanat reviu Arsitektur SPBE.`,
    },
  ];
}

/** The chapters, in order; each is a function of the data. */
export const CHAPTERS: ((c: Ctx) => Block[])[] = [babI, babII, babIII, babIV, babV, babVI];

export function buildArchitectureDocument(data: ArchitectureData): DocumentModel {
  const c = context(data);
  return {
    title: 'ARSITEKTUR SISTEM PEMERINTAHAN BERBASIS ELEKTRONIK',
    subtitle: `${data.instansi.name.toUpperCase()}\n${data.period}`,
    cover: [`Versi ${data.version}`, `Revisi repositori ${data.revision}`, `Dibangun ulang dari repositori Atlas SPBE pada ${tanggal(data.generatedAt)}`],
    footer: `Arsitektur SPBE ${data.instansi.name} · Versi ${data.version} · ${tanggal(data.generatedAt)}`,
    blocks: CHAPTERS.flatMap((ch) => ch(c)),
  };
}
