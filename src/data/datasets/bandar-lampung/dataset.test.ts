import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attributeSchema } from '../../../domain/attributes.js';
import { findKind, isRelationAllowed } from '../../../domain/kinds/index.js';

/**
 * The Bandar Lampung dataset (issue 3): a transcription of the city's
 * Arsitektur SPBE 2025–2030. Expected numbers and strings below are copied
 * from the document (see docs/dataset.md), not from the JSON.
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const read = <T>(...p: string[]): T => JSON.parse(readFileSync(join(here, ...p), 'utf8')) as T;

interface Ref {
  model: string;
  code: string;
}
interface Element {
  key: string;
  kind: string;
  code: string | null;
  name: string;
  description: string | null;
  org: string | null;
  ref: Ref | null;
  lifecycle: 'as-is' | 'to-be';
  classification: string | null;
  attributes: Record<string, unknown>;
  provenance: string;
}
interface Relation {
  source: string;
  target: string;
  type: string;
  provenance: string;
}
interface OrgUnit {
  code: string;
  name: string;
  aliases: string[];
  type: string;
  provenance: string[];
}
interface RefNode {
  code: string;
  name: string;
  description: string | null;
  level: number;
  parent: string | null;
  provenance: string;
}
interface RefModel {
  model: string;
  name: string;
  source: string;
  nodes: RefNode[];
}
interface ValuePrinted {
  value: number;
  printed: string;
}
interface Evaluation {
  published: { row: number; level: string; domain: number | null; aspect: number | null; name: string; values: Record<string, ValuePrinted> }[];
  predicates: { year: number; printed: string | null; derived: string }[];
  indicators: { number: number; domain: number; aspect: number; name: string; levels: Record<string, number>; provenance: string }[];
}

const DOMAINS = ['strategy', 'business', 'service', 'data', 'application', 'infrastructure', 'security', 'planning'];
const elementFiles = readdirSync(join(here, 'elements')).filter((f) => f.endsWith('.json'));
const byDomain = Object.fromEntries(DOMAINS.map((d) => [d, read<Element[]>('elements', `${d}.json`)]));
const elements: Element[] = DOMAINS.flatMap((d) => byDomain[d]);
const relations = read<Relation[]>('relations.json');
const orgUnits = read<OrgUnit[]>('org-units.json');
const instansi = read<Record<string, string>>('instansi.json');
const evaluation = read<Evaluation>('evaluation', 'indeks-spbe-history.json');
const MODELS = ['RAB', 'RAL', 'RAD', 'RAA', 'RAI', 'RAK'];
const refModels = Object.fromEntries(MODELS.map((m) => [m, read<RefModel>('..', '..', 'reference-models', `${m}.json`)]));

const byKey = new Map(elements.map((e) => [e.key, e]));
const el = (key: string): Element => {
  const e = byKey.get(key);
  if (!e) throw new Error(`no element ${key}`);
  return e;
};
const ofKind = (kind: string) => elements.filter((e) => e.kind === kind);
const apps = (lifecycle: 'as-is' | 'to-be') => ofKind('application').filter((e) => e.lifecycle === lifecycle);
const appNamed = (org: string, name: string, lifecycle: 'as-is' | 'to-be' = 'as-is') => {
  const found = apps(lifecycle).filter((a) => a.org === org && a.name === name);
  expect(found, `${lifecycle} application "${name}" of ${org}`).toHaveLength(1);
  return found[0];
};
const has = (source: string, type: string, target: string) =>
  relations.some((r) => r.source === source && r.type === type && r.target === target);
const countBy = <T>(xs: T[], f: (x: T) => string) =>
  xs.reduce<Record<string, number>>((acc, x) => ((acc[f(x)] = (acc[f(x)] ?? 0) + 1), acc), {});

describe('Bandar Lampung dataset: files and integrity', () => {
  it('has one element file per domain and the instansi', () => {
    expect(elementFiles.sort()).toEqual(DOMAINS.map((d) => `${d}.json`).sort());
    expect(instansi).toEqual({
      code: 'kota-bandar-lampung',
      name: 'Pemerintah Kota Bandar Lampung',
      type: 'kota',
      province: 'Lampung',
      source: 'Keputusan Wali Kota 350/III.14/HK/2025',
    });
  });

  it('keys are unique, every element has provenance and a known kind in its domain file', () => {
    expect(new Set(elements.map((e) => e.key)).size).toBe(elements.length);
    for (const d of DOMAINS) {
      for (const e of byDomain[d]) {
        expect(e.provenance, e.key).toMatch(/\S/);
        const kind = findKind(e.kind);
        expect(kind, `kind ${e.kind} of ${e.key}`).toBeDefined();
        expect(kind?.domain, e.key).toBe(d);
        expect(['as-is', 'to-be']).toContain(e.lifecycle);
        expect(e.classification).toBeNull();
        expect(e.name.trim(), e.key).toBe(e.name);
      }
    }
  });

  it('every attributes object is valid for its kind', () => {
    for (const e of elements) {
      const kind = findKind(e.kind);
      if (!kind) throw new Error(`unknown kind ${e.kind}`);
      const parsed = attributeSchema(kind).safeParse(e.attributes);
      expect(parsed.success, `${e.key}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues)}`).toBe(true);
    }
  });

  it('org units: unique codes, names and aliases; every org reference exists', () => {
    const codes = orgUnits.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of orgUnits) {
      expect(o.code).toMatch(/^[A-Z0-9-]+$/);
      expect(o.provenance.length, o.code).toBeGreaterThan(0);
      expect(['dinas', 'badan', 'sekretariat', 'inspektorat', 'satuan', 'kecamatan', 'kelurahan', 'rsud', 'lainnya']).toContain(o.type);
    }
    const names = orgUnits.flatMap((o) => [o.name, ...o.aliases].map((n) => n.toLowerCase()));
    expect(new Set(names).size).toBe(names.length);
    const known = new Set(codes);
    for (const e of elements) if (e.org !== null) expect(known.has(e.org), `${e.key} org ${e.org}`).toBe(true);
  });

  it('every element from a table that names an OPD (4.3, 4.5, 5.3) has an org', () => {
    const withOpd = elements.filter((e) => /Tabel (4\.3|4\.5|5\.3)/.test(e.provenance));
    expect(withOpd.length).toBe(44 + 64 + 103 + 29); // services, as-is and to-be applications, Tabel 5.3 gaps
    for (const e of withOpd) expect(e.org, e.key).not.toBeNull();
  });

  it('every relation endpoint exists, has provenance and is allowed by the kinds', () => {
    const seen = new Set<string>();
    for (const r of relations) {
      const s = byKey.get(r.source);
      const t = byKey.get(r.target);
      expect(s, `source ${r.source}`).toBeDefined();
      expect(t, `target ${r.target}`).toBeDefined();
      expect(r.provenance).toMatch(/\S/);
      if (!s || !t) continue;
      expect(
        isRelationAllowed(s.kind, r.type as Parameters<typeof isRelationAllowed>[1], t.kind),
        `${s.kind} -${r.type}-> ${t.kind} (${r.source} -> ${r.target})`,
      ).toBe(true);
      const id = `${r.source}|${r.type}|${r.target}`;
      expect(seen.has(id), id).toBe(false);
      seen.add(id);
    }
  });

  it('every reference points at an existing node of the national models', () => {
    for (const e of elements) {
      if (!e.ref) continue;
      const m = refModels[e.ref.model];
      expect(m, e.key).toBeDefined();
      expect(m.nodes.some((n) => n.code === e.ref?.code), `${e.key} -> ${e.ref.model} ${e.ref.code}`).toBe(true);
    }
  });
});

describe('reference models', () => {
  it('are well-formed trees with provenance', () => {
    for (const m of MODELS) {
      const model = refModels[m];
      expect(model.model).toBe(m);
      const codes = model.nodes.map((n) => n.code);
      expect(new Set(codes).size, m).toBe(codes.length);
      for (const n of model.nodes) {
        expect(n.code).toMatch(/^\d\d(\.\d\d)?$/);
        expect(n.level).toBe(n.code.split('.').length);
        expect(n.parent).toBe(n.level === 1 ? null : n.code.slice(0, 2));
        if (n.parent) expect(codes).toContain(n.parent);
        expect(n.provenance).toMatch(/\S/);
      }
    }
  });

  it('match the document', () => {
    const count = (m: string, level: number) => refModels[m].nodes.filter((n) => n.level === level).length;
    expect([count('RAB', 1), count('RAB', 2)]).toEqual([9, 7]); // Tabel 4.1: 09.01–09.07
    expect([count('RAL', 1), count('RAL', 2)]).toEqual([2, 40]); // Tabel 4.3
    expect([count('RAD', 1), count('RAD', 2)]).toEqual([10, 0]);
    expect([count('RAA', 1), count('RAA', 2)]).toEqual([2, 4]);
    expect([count('RAI', 1), count('RAI', 2)]).toEqual([3, 7]); // Tabel 5.5: "3 (tiga) domain ... 7 (tujuh) area"
    expect([count('RAK', 1), count('RAK', 2)]).toEqual([3, 10]); // Tabel 4.6
    const node = (m: string, c: string) => refModels[m].nodes.find((n) => n.code === c);
    expect(node('RAB', '09.05')?.name).toBe('Teknologi Informasi dan Komunikasi (TIK)');
    expect(node('RAB', '09.07')?.name).toBe('Kepegawaian & Sumber Daya Manusia');
    expect(node('RAL', '01.12')?.name).toBe('Administrasi Kependudukan dan Pencatatan Sipil');
    expect(node('RAL', '01.14')?.name).toBe('Pengendalian Pendudukan dan Keluarga Berencana');
    expect(node('RAK', '02.05')?.description).toBe(
      'Bentuk kegiatan di Instansi Pusat dan Pemerintah Daerah untuk mengukur tingkat kesesuaian penerapan standar keamanan SPBE',
    );
    expect(node('RAK', '03')?.name).toBe('Kelaikan Keamanan');
    expect(node('RAI', '02.02')?.name).toBe('Sistem Penghubung Layanan Pemerintah');
    expect(node('RAI', '03.02')?.description).toBe(
      'Lingkungan dengan virtualisasi sebagai layanan platform berdasarkan teknologi cloud untuk lingkungan kerja aplikasi.',
    );
    expect(node('RAD', '10')?.name).toBe('Data Pendukung Umum');
  });
});

describe('counts per kind equal the document', () => {
  it('strategy (BAB II)', () => {
    expect(ofKind('vision')).toHaveLength(1);
    expect(ofKind('mission')).toHaveLength(7);
    expect(ofKind('goal')).toHaveLength(2);
    expect(ofKind('objective')).toHaveLength(2);
    for (let i = 1; i <= 7; i++) expect(has('vision:1', 'composes', `mission:M${i}`)).toBe(true);
  });

  it('Tabel 4.2: 4 TUJUAN, 49 processes, 197 sub-process rows', () => {
    expect(ofKind('process-group')).toHaveLength(4);
    expect(ofKind('business-process')).toHaveLength(49);
    expect(ofKind('sub-process')).toHaveLength(197);
    const procsPerGroup = countBy(
      relations.filter((r) => r.type === 'composes' && r.source.startsWith('pg:')),
      (r) => r.source,
    );
    expect(procsPerGroup).toEqual({ 'pg:TUJUAN-1': 11, 'pg:TUJUAN-2': 7, 'pg:TUJUAN-3': 17, 'pg:TUJUAN-4': 14 });
    const subsPerProc = countBy(
      relations.filter((r) => r.type === 'composes' && r.source.startsWith('bp:')),
      (r) => r.source,
    );
    expect(Object.keys(subsPerProc)).toHaveLength(49);
    expect(subsPerProc['bp:BDL-04']).toBe(14);
    expect(subsPerProc['bp:BDL-20']).toBe(4); // 20.01, 20.01 again, 21.03, 21.04 as laid out
    expect(subsPerProc['bp:BDL-21']).toBe(1);
    expect(subsPerProc['bp:BDL-24']).toBe(18);
    expect(subsPerProc['bp:BDL-27']).toBe(11);
    expect(subsPerProc['bp:BDL-34']).toBe(12);
    expect(subsPerProc['bp:BDL-36']).toBe(10);
    // every sub-process has exactly one parent
    const parents = countBy(
      relations.filter((r) => r.type === 'composes' && r.target.startsWith('sp:')),
      (r) => r.target,
    );
    expect(Object.keys(parents)).toHaveLength(197);
    expect(Object.values(parents).every((n) => n === 1)).toBe(true);
  });

  it('Tabel 4.3: all 40 RAL areas, one service per area and OPD named', () => {
    const services = ofKind('service');
    expect(services).toHaveLength(44);
    const areas = new Set(services.map((s) => s.ref?.code));
    expect(areas.size).toBe(40);
    for (let i = 1; i <= 40; i++) expect(areas.has(`01.${String(i).padStart(2, '0')}`)).toBe(true);
    const perArea = countBy(services, (s) => s.ref?.code ?? '');
    expect(Object.entries(perArea).filter(([, n]) => n > 1).sort()).toEqual([
      ['01.02', 2],
      ['01.05', 2],
      ['01.27', 2],
      ['01.37', 2],
    ]);
    expect(services.every((s) => s.ref?.model === 'RAL' && s.code === s.ref.code)).toBe(true);
  });

  it('Tabel 4.4: 51 data descriptions, each produced by its process', () => {
    const data = ofKind('data');
    expect(data).toHaveLength(51);
    for (const d of data) expect(relations.some((r) => r.type === 'produces' && r.target === d.key)).toBe(true);
    // BDL-21 and BDL-28 have no description of their own
    expect(relations.some((r) => r.type === 'produces' && r.source === 'bp:BDL-21')).toBe(false);
    expect(relations.some((r) => r.type === 'produces' && r.source === 'bp:BDL-28')).toBe(false);
    expect(relations.filter((r) => r.type === 'accesses')).toHaveLength(194);
  });

  it('Tabel 4.5 / 5.3: applications in use, per OPD', () => {
    expect(apps('as-is')).toHaveLength(64);
    expect(countBy(apps('as-is'), (a) => a.org ?? '-')).toEqual({
      DISDIK: 2, // Dapodik; Website resmi Dinas (5.3 only)
      DINKES: 5,
      'RSUD-ADT': 1,
      DPU: 2,
      SATPOLPP: 1,
      BPBD: 1,
      DINSOS: 2,
      DISNAKER: 4,
      DP3AP2KB: 4,
      DISPANGAN: 4,
      DLH: 1,
      DISDUKCAPIL: 1,
      DPM: 5,
      DISHUB: 1,
      DISKOMINFO: 3,
      DISKOPERINDAG: 2,
      DPMPTSP: 3,
      DISPORA: 1,
      DISPAR: 3,
      DISPUSIP: 2,
      DKP: 1,
      DISTAN: 3,
      SETDA: 1,
      SETWAN: 2,
      BAPPERIDA: 2,
      BKAD: 2,
      BKPSDM: 1,
      INSPEKTORAT: 3,
      KESBANGPOL: 1,
    });
    const prov = countBy(apps('as-is'), (a) => a.provenance);
    // only in Tabel 4.5: SATPOLPP, DISKOPERINDAG (2), DISPORA, DISPAR and DKP website, BACA BUKU, SRIKANDI, DISTAN (3), SIASN
    expect(prov).toEqual({ 'Tabel 4.5; Tabel 5.3': 49, 'Tabel 4.5': 12, 'Tabel 5.3': 3 });
    for (const a of apps('as-is')) {
      expect(a.attributes.status, a.key).toBe('aktif');
      expect(relations.some((r) => r.source === a.key && r.type === 'realizes'), a.key).toBe(true);
    }
  });

  it('Tabel 5.3 Target column: to-be applications per OPD', () => {
    const targets = apps('to-be').filter((a) => a.provenance === 'Tabel 5.3');
    expect(targets).toHaveLength(103);
    expect(countBy(targets, (a) => a.org ?? '-')).toEqual({
      DISDIK: 6,
      DINKES: 7,
      DPU: 4,
      SATPOLPP: 5,
      BPBD: 4,
      DINSOS: 6,
      DISNAKER: 2,
      DP3AP2KB: 6,
      DISPANGAN: 4,
      DLH: 5,
      DISDUKCAPIL: 3,
      DPM: 5,
      DISHUB: 3,
      DISKOMINFO: 6,
      DISKOPERINDAG: 5,
      DPMPTSP: 4,
      DISPORA: 4,
      DISPAR: 4,
      DISPUSIP: 3,
      DKP: 4,
      SETDA: 3,
      SETWAN: 3,
      BKAD: 1,
      BKPSDM: 4,
      INSPEKTORAT: 1,
      KESBANGPOL: 1,
    });
    const platform = apps('to-be').filter((a) => a.provenance === 'BAB V.C');
    expect(platform.map((a) => a.name).sort()).toEqual(
      [
        'Bussiness Intelligence',
        'Data analytics',
        'Data warehouse/big data',
        'Executive Information System (EIS)',
        'Government Service Bus (GSB)',
        'Portal layanan',
      ].sort(),
    );
  });

  it('national applications are umum/nasional with an owner; local ones khusus/lokal', () => {
    for (const a of ofKind('application')) {
      if (a.attributes.scope === 'nasional') {
        expect(a.attributes.category, a.key).toBe('umum');
        expect(a.attributes.ownerInstansi, a.key).toMatch(/\S/);
      } else if (a.attributes.scope === 'lokal') {
        expect(a.attributes.category, a.key).toBe('khusus');
        expect(a.attributes.ownerInstansi, a.key).toBeUndefined();
      } else {
        // the one provincial application
        expect(a.name).toBe('E-KPB Provinsi Lampung');
      }
    }
    expect(appNamed('BKPSDM', 'SIASN').attributes.ownerInstansi).toBe('Badan Kepegawaian Negara');
    expect(appNamed('DISPUSIP', 'SRIKANDI').attributes.scope).toBe('nasional');
    expect(appNamed('DPMPTSP', 'OSS').attributes.category).toBe('umum');
    expect(appNamed('DISDIK', 'Dapodik').attributes.scope).toBe('nasional');
    expect(appNamed('KESBANGPOL', 'ABANGPOL').attributes).toEqual({ category: 'khusus', scope: 'lokal', status: 'aktif' });
  });

  it('infrastructure, security and gaps', () => {
    const infra = elements.filter((e) => /^Tabel 5\.4 No\. \d$/.test(e.provenance));
    expect(infra.map((e) => e.kind)).toEqual([
      'cloud',
      'intranet',
      'server',
      'storage',
      'network-device',
      'security-device',
      'peripheral',
      'service-bus',
    ]);
    expect(countBy(ofKind('gap'), (g) => /^Tabel 5\.\d+/.exec(g.provenance)?.[0] ?? g.provenance)).toEqual({
      'Tabel 5.1': 2,
      'Tabel 5.2': 2,
      'Tabel 5.3': 29, // one per OPD row
      'Tabel 5.16': 5,
    });
    for (const g of ofKind('gap')) {
      expect(g.attributes.component).toBe(g.name);
      if (g.provenance.startsWith('Tabel 5.3 ')) continue;
      for (const f of ['currentCondition', 'targetCondition', 'recommendation']) expect(g.attributes[f], g.key).toMatch(/\S/);
    }
    expect(countBy(ofKind('gap'), (g) => String(g.attributes.gapDomain))).toEqual({ 'proses-bisnis': 2, data: 2, aplikasi: 29, keamanan: 5 });
  });

  it('Tabel 5.3 rows as gaps: one per OPD row, linked to the applications of the row', () => {
    const rows = ofKind('gap').filter((g) => g.provenance.startsWith('Tabel 5.3 '));
    // The table has 29 OPD rows (RSUD and KORPRI rows of their own; Dinas Pertanian none; the joint DPU/Perumahan row once).
    expect(rows.map((g) => g.org)).toEqual([
      'DISDIK', 'DINKES', 'RSUD-ADT', 'DPU', 'SATPOLPP', 'BPBD', 'DINSOS', 'DISNAKER', 'DP3AP2KB', 'DISPANGAN', 'DLH', 'DISDUKCAPIL', 'DPM', 'DISHUB',
      'DISKOMINFO', 'DISKOPERINDAG', 'DPMPTSP', 'DISPORA', 'DISPAR', 'DISPUSIP', 'DKP', 'SETDA', 'SETWAN', 'BAPPERIDA', 'BKAD', 'BKPSDM', 'KORPRI',
      'INSPEKTORAT', 'KESBANGPOL',
    ]);
    for (const g of rows) {
      expect(g.key).toBe(`gap:5.3-${g.org}`);
      expect(g.code).toBeNull(); // the table has no row numbers
      expect(g.lifecycle).toBe('as-is');
      expect(g.attributes.recommendation, g.key).toBeNull(); // the table has no recommendation column
      expect(g.description, g.key).toMatch(/^Referensi Arsitektur Layanan SPBE:\n\(01\.\d\d\) /);
    }
    // Empty Implementasi cells (Tabel 4.5 lists applications for these OPDs; the row does not).
    expect(rows.filter((g) => g.attributes.currentCondition === null).map((g) => g.org)).toEqual([
      'SATPOLPP', 'DISKOPERINDAG', 'DISPORA', 'DISPUSIP', 'DKP', 'BKPSDM', 'KORPRI',
    ]);
    expect(rows.filter((g) => g.attributes.targetCondition === null).map((g) => g.org)).toEqual(['KORPRI']);
    // Every Tabel 5.3 target and every application of an Implementasi cell is concerned by its row's gap.
    const concerned = (key: string) => relations.filter((r) => r.source === key && r.type === 'concerns').map((r) => r.target);
    for (const a of ofKind('application').filter((e) => /Tabel 5\.3/.test(e.provenance))) {
      expect(concerned(`gap:5.3-${a.org}`), a.key).toContain(a.key);
    }
    for (const r of relations.filter((x) => x.source.startsWith('gap:5.3-'))) expect(r.provenance).toBe(el(r.source).provenance);
    expect(relations.filter((r) => r.source.startsWith('gap:5.3-'))).toHaveLength(52 + 103 + 7); // + the 7 targets printed on the RSUD row
  });
});

describe('exact text spot checks (copied from the document)', () => {
  it('BAB II strategy', () => {
    expect(el('vision:1').name).toBe(
      'Bandar Lampung sehat, cerdas, beriman, berbudaya, nyaman, unggul berdaya saing berbasis ekonomi untuk kemakmuran rakyat',
    );
    expect(el('mission:M3').name).toBe(
      'Meningkatkan daya Dukung Infrastruktur dalam skala mantap untuk mendukung pengembangan Ekonomi dan Pelayanan Sosial.',
    );
    expect(el('goal:T1').name).toBe(
      'Mendorong terwujudnya penyelenggaraan pemerintahan Kota Bandar Lampung yang terbuka, partisipatif, inovatif, dan akuntabel.',
    );
  });

  it('Tabel 4.2 processes and sub-processes, including the irregular rows', () => {
    expect(el('pg:TUJUAN-4').name).toBe('TATA KELOLA PENGEMBANGAN PEREKONOMIAN DAERAH');
    expect(el('bp:BDL-04').name).toBe('Meningkatnya kualitas pelayanan publik');
    expect(el('bp:BDL-09').name).toBe('Meningkatnya kematangan domain sistem pemerintahan berbasis elektronik');
    expect(el('bp:BDL-26').name).toBe('Terkendalnya pertumbuhan penduduk');
    expect(el('bp:BDL-35').name).toBe(el('bp:BDL-36').name);
    expect(el('sp:BDL-04.06').name).toBe('Pendaftaran penduduk');
    expect(el('sp:BDL-04.08').name).toBe('Pengendalian kesehatan hewan dan kesehatan masyarakat veteriner');
    expect(el('sp:BDL-20.01').name).toBe('Pengelolaan pendidikan');
    expect(el('sp:BDL-20.01#2').name).toBe('Pendidikan dan Tenaga Pendidik');
    expect(el('sp:BDL-47.01#2').name).toBe('Pengelolaan dan pengembangan sistem drainase');
    expect(el('sp:WK.22.06').name).toBe('Pemerintahan dan kesejahteraan rakyat');
    expect(el('sp:BDL-45.02').name).toBe('Pelatihan dan prdouktivitas tenaga kerja');
    expect(el('sp:BDL-34.08').name).toBe(
      'Redistribusi tanah, serta ganti kerugian tanah kelebihan maksimum dan tanah absentee',
    );
    expect(has('bp:BDL-20', 'composes', 'sp:BDL-21.03')).toBe(true);
    expect(has('bp:BDL-20', 'composes', 'sp:BDL-21.04')).toBe(true);
    expect(has('bp:BDL-22', 'composes', 'sp:WK.22.06')).toBe(true);
  });

  it('Tabel 4.4 data', () => {
    expect(el('data:BDL-09.01').name).toBe('Data yang merepresentasikan tatakelola, implementasi, dan audit SPBE');
    expect(el('data:BDL-49.01').name).toBe(
      'Data merepresentasikan pemetaan harga komoditas hingga ketersediaan bahan pokok.',
    );
    expect(el('data:BDL-19.04').name).toBe(
      'Data merepresentasikan kondisi ketersediaan farmasi, alat kesehatan maupun makan minum',
    );
    expect(has('bp:BDL-24', 'produces', 'data:BDL-24.08')).toBe(true);
    expect(has('sp:BDL-24.18', 'accesses', 'data:BDL-24.08')).toBe(true);
    expect(has('sp:BDL-24.07', 'accesses', 'data:BDL-24.01')).toBe(true);
  });

  it('Tabel 4.3 services', () => {
    const s16 = el('svc:01.16');
    expect(s16.name).toBe('Komunikasi dan Informatika');
    expect(s16.description).toBe(
      'Kegiatan pelayanan informasi publik dalam bidang persandian, komunikasi publik maupun ketersediaan prasarana dan sarana TIK.',
    );
    expect(s16.org).toBe('DISKOMINFO');
    expect(el('svc:01.02#2').org).toBe('RSUD-ADT');
    expect(el('svc:01.32').name).toBe('Transmigrasi');
    expect(el('svc:01.32').org).toBe('DISNAKER');
    expect(el('svc:01.40').description).toBe(
      'Kegiatan pengawasan terhadap ideologi pancasila, karakter kebangsaan hingga pengembangan etika serta budaya politik melalui pendidikan politik',
    );
  });

  it('Tabel 4.5 and 5.3 applications', () => {
    const siak = appNamed('DISDUKCAPIL', 'Aplikasi SIAK Kemendagri');
    expect(siak.attributes.ownerInstansi).toBe('Kementerian Dalam Negeri');
    expect(has(siak.key, 'realizes', 'svc:01.12')).toBe(true);
    expect(appNamed('DPMPTSP', 'SIMBG PUPR').provenance).toBe('Tabel 4.5; Tabel 5.3');
    expect(appNamed('BKAD', 'Dashboard Monitoring Tapping Box').provenance).toBe('Tabel 5.3');
    expect(appNamed('DISPUSIP', 'BACA BUKU').provenance).toBe('Tabel 4.5');
    expect(appNamed('DISTAN', 'SIPASBUN Kementrian Pertanian').attributes.ownerInstansi).toBe('Kementerian Pertanian');
    const tte = appNamed('DISKOMINFO', 'Aplikasi TTE');
    for (const s of ['svc:01.16', 'svc:01.20', 'svc:01.21']) expect(has(tte.key, 'realizes', s)).toBe(true);
    expect(appNamed('DISPANGAN', 'E-RDCK Kementerian Pertanian').description).toContain('E-RDKK Kementerian Pertanian');
    expect(appNamed('DISKOMINFO', 'Aplikasi Repositori SPBE Kota Bandar Lampung', 'to-be').description).toBe(
      'Arah pengembangan sistem informasi dapat mewujudkan atau meningkatkan tata kelola dan kualitas dibidang keterbukaan informasi publik Kota Bandar Lampung',
    );
    appNamed('INSPEKTORAT', 'Whistleblowing System', 'to-be');
    appNamed('KESBANGPOL', 'Layanan pendataan ormas, aktivitas ormas dan penerbitan surat keterangan ormas', 'to-be');
    appNamed('DISDIK', 'Sistem informasi manajemen layan terpadu bidang pendidikan (BOS, Mutasi, Izin, PPDB dll)', 'to-be');
    expect(
      has('app-tobe:platform/government-service-bus', 'integrates', appNamed('DPMPTSP', 'OSS').key),
    ).toBe(true);
    expect(has('app-tobe:platform/executive-information-system', 'integrates', 'app-tobe:platform/business-intelligence')).toBe(true);
  });

  it('Tabel 5.4 and BAB IV.D infrastructure', () => {
    expect(el('infra:perangkat-keras-server').description).toMatch(
      /^Perangkat keras server di Pemerintah Kota Bandar Lampung telah menggunakan teknologi clustering/,
    );
    expect(el('infra:firewall-sophos').name).toBe('Firewall Sophos');
    expect(has('infra:firewall-sophos', 'protects', 'infra:perangkat-keras-server')).toBe(true);
    expect(el('infra:pusat-data-nasional').ref).toEqual({ model: 'RAI', code: '01.01' });
  });

  it('Tabel 5.1, 5.2 and 5.16 gaps', () => {
    expect(el('gap:5.1-2').attributes.component).toBe('Kebijakan Integrasi Proses Bisnis');
    expect(el('gap:5.2-1').attributes.currentCondition).toBe(
      'Peta proses bisnis terintegrasi yang menjadi dasar penyusunan arsitektur Data Kota Bandar Lampung masih dalam tahap penyusunan.',
    );
    expect(el('gap:5.16-5').attributes.recommendation).toBe(
      'Penerapan server anti-malware sebagai layanan antivirus untuk desktop dan server, dilengkapi dengan mekanisme pembaruan otomatis.',
    );
    expect(el('gap:5.16-1').attributes.targetCondition).toBe(
      'Proteksi pada aplikasi berbasis web yang penting berupa web application firewall',
    );
  });

  it('Tabel 5.3 gaps', () => {
    const disdik = el('gap:5.3-DISDIK');
    expect(disdik.name).toBe('Aplikasi Dinas Pendidikan');
    expect(disdik.provenance).toBe('Tabel 5.3 Dinas Pendidikan');
    expect(disdik.attributes).toEqual({
      component: 'Aplikasi Dinas Pendidikan',
      currentCondition: '• Website resmi Dinas\n• Dapodik',
      targetCondition:
        'Arah pengembangan sistem informasi dapat mewujudkan atau meningkatkan tata kelola dan kualitas dibidang pendidikan\n' +
        '1. Website profil sekolah\n2. Sistem informasi tenaga pendidik\n3. Sistem informasi akses pendidikan dasar\n' +
        '4. Sistem informasi pengelolaan aset sekolah\n5. Sistem informasi manajemen layan terpadu bidang pendidikan (BOS, Mutasi, Izin, PPDB dll)\n' +
        '6. Sistem informasi data terintegrasi bidang pendidikan Kota Bandar Lampung',
      recommendation: null,
      gapDomain: 'aplikasi',
    });
    expect(disdik.description).toBe('Referensi Arsitektur Layanan SPBE:\n(01.01) Kegiatan pelayanan dalam bidang pendidikan');
    const linked = (key: string) =>
      relations
        .filter((r) => r.source === key && r.type === 'concerns')
        .map((r) => el(r.target).name)
        .sort();
    expect(linked('gap:5.3-DISDIK')).toEqual(
      [
        'Website resmi Dinas',
        'Dapodik',
        'Website profil sekolah',
        'Sistem informasi tenaga pendidik',
        'Sistem informasi akses pendidikan dasar',
        'Sistem informasi pengelolaan aset sekolah',
        'Sistem informasi manajemen layan terpadu bidang pendidikan (BOS, Mutasi, Izin, PPDB dll)',
        'Sistem informasi data terintegrasi bidang pendidikan Kota Bandar Lampung',
      ].sort(),
    );

    // The joint row, kept as printed; its applications are DPU's.
    const dpu = el('gap:5.3-DPU');
    expect(dpu.name).toBe('Aplikasi Dinas Pekerjaan Umum dan Dinas Perumahan dan Permukiman');
    expect(dpu.org).toBe('DPU');
    expect(dpu.description?.split('\n').slice(1).map((l) => l.slice(0, 7))).toEqual(['(01.03)', '(01.04)', '(01.11)']);
    expect(dpu.attributes.targetCondition).toMatch(/\n4\. Sistem informasi pengaduan kerusakan infrastruktur$/);
    expect(linked('gap:5.3-DPU')).toEqual(
      [
        'Website profil',
        'Sistem Informasi Jalan dan Jembatan',
        'Layanan informasi tata ruang',
        'Layanan monitoring pembangunan infrastruktur',
        'Sistem informasi data jalan dan jembatan',
        'Sistem informasi pengaduan kerusakan infrastruktur',
      ].sort(),
    );

    // Dinas Kesehatan's Target cell is only its heading; the list is printed on the RSUD row.
    const dinkes = el('gap:5.3-DINKES');
    const rsud = el('gap:5.3-RSUD-ADT');
    expect(dinkes.attributes.currentCondition).toBe('SISMAL (Pelaporan Malaria), SITB (Pelaporan TB), Erenggar, OMSPAN, Krisna');
    expect(dinkes.attributes.targetCondition).toBe(
      'Arah pengembangan sistem informasi dapat mewujudkan atau meningkatkan tata kelola dan kualitas dibidang kesehatan.',
    );
    expect(rsud.attributes.currentCondition).toBe('Aplikasi sarana, prasarana, dan alat kesehatan');
    expect(rsud.attributes.targetCondition).toMatch(/^1\. Website Profil dinas & RSUD\n2\. Website profil puskesmas\n.*\n7\. Satu data kesehatan$/s);
    const dinkesTargets = apps('to-be').filter((a) => a.org === 'DINKES').map((a) => a.name).sort();
    expect(linked('gap:5.3-RSUD-ADT')).toEqual(['Aplikasi sarana, prasarana, dan alat kesehatan', ...dinkesTargets].sort());
    expect(linked('gap:5.3-DINKES')).toEqual(
      ['SISMAL (Pelaporan Malaria)', 'SITB (Pelaporan TB)', 'Erenggar', 'OMSPAN', 'Krisna', ...dinkesTargets].sort(),
    );

    // Empty Implementasi: null, and no link to the Tabel 4.5 applications of the OPD.
    const satpol = el('gap:5.3-SATPOLPP');
    expect(satpol.attributes.currentCondition).toBeNull();
    expect(linked('gap:5.3-SATPOLPP')).toHaveLength(5);
    expect(el('gap:5.3-KORPRI').attributes).toMatchObject({ currentCondition: null, targetCondition: null });
    expect(linked('gap:5.3-KORPRI')).toEqual([]);
    // The Dinas Pemberdayaan Masyarakat list as printed (owners as separate bullets), linked to the five applications.
    expect(el('gap:5.3-DPM').attributes.currentCondition).toBe(
      '• SIKEUDES\n• SIPADES\n• Kemendagri\n• Prodeskel\n• Kemendagri\n• EPDESSEL\n• Kemendagri\n• EHDW\n• Kemenkes',
    );
    expect(linked('gap:5.3-DPM').filter((n) => /Kemendagri|Kemenkes|SIKEUDES/.test(n))).toEqual(
      ['EHDW Kemenkes', 'EPDESKEL Kemendagri', 'Prodeskel Kemendagri', 'SIKEUDES', 'SIPADES Kemendagri'],
    );
  });

  it('org unit variants', () => {
    const find = (name: string) => orgUnits.find((o) => o.name === name || o.aliases.includes(name))?.code;
    expect(find('Badan Pengelola Keuangan Daerah')).toBe('BKAD');
    expect(find('Badan Keuangan dan Aset Daerah')).toBe('BKAD');
    expect(find('Dinas Kepemudaan dan Olah Raga')).toBe('DISPORA');
    expect(find('Dinas Pemuda dan Olah raga')).toBe('DISPORA');
    expect(find('Dinas Perikanan dan Kelautan')).toBe('DKP');
    expect(find('Badan Perencanaan Pembangunan, Penelitian dan Pengembangan')).toBe('BAPPERIDA');
    expect(find('Diskominfo')).toBe('DISKOMINFO');
    expect(orgUnits).toHaveLength(31);
  });
});

describe('evaluation history (Tabel 3.2, 3.3)', () => {
  const WEIGHTS: [number, number, number][] = [
    // aspect, first indicator, weight
    [1, 1, 1.3],
    [2, 11, 2.5],
    [3, 15, 2.5],
    [4, 19, 2.5],
    [5, 21, 1.5],
    [6, 29, 1.5],
    [7, 32, 2.75],
    [8, 42, 3],
  ];
  const weight = (n: number) => [...WEIGHTS].reverse().find(([, first]) => n >= first)?.[2] ?? 0;
  const round2 = (x: number) => Math.round(x * 100 + 1e-9) / 100;

  it('transcribes Tabel 3.2 and 3.3 as printed', () => {
    expect(evaluation.published).toHaveLength(13);
    expect(evaluation.published[0].values['2022']).toEqual({ value: 1.5, printed: '1,5' });
    const audit = evaluation.published.find((p) => p.name === 'Audit TIK');
    expect(audit?.values['2024']).toEqual({ value: 2.67, printed: '2,67' });
    expect(evaluation.indicators).toHaveLength(47);
    expect(evaluation.indicators.map((i) => i.number)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    const i36 = evaluation.indicators[35];
    expect(i36.name).toBe('Tingkat Kematangan Layanan Kepegawaian');
    expect(Object.values(i36.levels)).toEqual([3, 2, 4, 5]);
    expect(evaluation.indicators[6].name).toBe('Tingkat Kematangan Kebijakan Internal Penggunaan Sistem');
    for (const i of evaluation.indicators) expect(i.provenance).toBe('Tabel 3.3');
    expect(evaluation.predicates.every((p) => p.printed === null)).toBe(true);
  });

  it('Tabel 3.2 equals the weighted values computed from Tabel 3.3 (PermenPANRB 59/2020)', () => {
    for (const year of ['2022', '2023', '2024']) {
      const inds = evaluation.indicators;
      const value = (filter: (i: (typeof inds)[number]) => boolean) => {
        const sel = inds.filter(filter);
        const num = sel.reduce((s, i) => s + i.levels[year] * weight(i.number), 0);
        const den = sel.reduce((s, i) => s + weight(i.number), 0);
        return round2(num / den);
      };
      for (const row of evaluation.published) {
        const computed =
          row.level === 'index' ? value(() => true) : row.level === 'domain' ? value((i) => i.domain === row.domain) : value((i) => i.aspect === row.aspect);
        expect(computed, `${year} ${row.name}`).toBe(row.values[year].value);
      }
    }
  });
});
