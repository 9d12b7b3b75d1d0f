import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { sql, type Kysely } from 'kysely';
import type { Database, ElementTable, OrgUnitTable, RelationTable } from '../store/schema.js';
import { toRow, type Element } from '../store/repositories/element.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import { findKind } from '../domain/kinds/index.js';
import { attributeSchema, compactAttributes } from '../domain/attributes.js';
import { slug } from './slug.js';
import { DEFAULT_DATASET, readJson, type DatasetLoader, type DatasetService, type ElementRecord, type OrgUnitRecord, type RelationRecord } from './dataset.service.js';

/*
 * Synthetic instansi for load and scale tests (`atlas generate --instansi N --seed S`).
 *
 * Each synthetic instansi is a copy of the *shape* of a shipped city dataset
 * (by default Bandar Lampung): the same OPDs, the same number of elements of
 * every kind and the same relations between the same slots, with the city's
 * name and code prefix replaced, local applications shuffled between their
 * slots (and some renamed), and a small share of elements classified terbatas
 * or rahasia. Everything that is not an id or a timestamp is a pure function of
 * (seed, index), so the same seed gives the same codes and names on every
 * database, and instansi i does not depend on how many are generated.
 *
 * Speed: rows are built in memory and written with multi-row INSERTs, a few
 * instansi per transaction. Synthetic data gets ONE audit event per instansi
 * (action `generate`, with the seed and the counts), not one per element: the
 * audit trail records who changed real architecture data, and ~330k synthetic
 * "create" events would triple the write volume and drown the trail. The
 * generated rows are recognisable by their source key (`gen:…`) and provenance.
 * The dataset's further loaders (its evaluation history) run for each synthetic
 * instansi as they do for the seeded one, with their own audit events (one per
 * assessment), so every instansi has assessments to compute an index from.
 */

export interface GenerateOptions {
  /** How many synthetic instansi to have (indices 0 … instansi-1). */
  instansi: number;
  seed?: number;
  /** Dataset whose shape is copied. */
  dataset?: string;
  /** Instansi per transaction. */
  perTransaction?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateReport {
  seed: number;
  created: number;
  /** Instansi whose code was already present (e.g. generated earlier with the same seed). */
  skipped: number;
  orgUnits: number;
  elements: number;
  relations: number;
  ms: number;
}

interface Template {
  cityName: string; // e.g. "Bandar Lampung"
  cityPrefix: string; // e.g. "BDL"
  orgUnits: OrgUnitRecord[];
  elements: ElementRecord[];
  /** Relations as indices into `elements`. */
  relations: { source: number; target: number; type: string }[];
  /** Indices of local (non-national) applications: their contents are shuffled between these slots. */
  localApps: number[];
}

/** One planned synthetic instansi: everything except ids and timestamps. */
export interface PlannedInstansi {
  index: number;
  code: string;
  name: string;
  type: string;
  prefix: string;
  orgUnits: { code: string; name: string; aliases: string[]; type: string; parent: string | null }[];
  elements: {
    key: string;
    kind: string;
    code: string | null;
    name: string;
    description: string | null;
    org: string | null;
    ref: string | null;
    lifecycle: string;
    classification: string;
    attributes: Record<string, unknown>;
  }[];
  relations: { source: number; target: number; type: string }[];
}

/* ---------- deterministic randomness ---------- */

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    for (let i = 0; i < 4; i++) {
      h ^= (p >>> (i * 8)) & 0xff;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h;
}

function shuffle<T>(items: T[], rnd: () => number): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/* ---------- names ---------- */

/** Real Indonesian regency/city names (without compass suffixes); combined with the suffixes below. */
const PLACES = [
  'Aceh Besar', 'Pidie', 'Bireuen', 'Langsa', 'Lhokseumawe', 'Deli Serdang', 'Langkat', 'Karo', 'Simalungun', 'Asahan',
  'Labuhanbatu', 'Tapanuli', 'Nias', 'Dairi', 'Samosir', 'Agam', 'Pasaman', 'Solok', 'Tanah Datar', 'Padang Pariaman',
  'Pesisir', 'Kampar', 'Bengkalis', 'Indragiri', 'Siak', 'Rokan', 'Pelalawan', 'Kerinci', 'Merangin', 'Sarolangun',
  'Batanghari', 'Muaro Jambi', 'Tebo', 'Bungo', 'Ogan Komering', 'Muara Enim', 'Lahat', 'Musi Rawas', 'Banyuasin', 'Empat Lawang',
  'Rejang Lebong', 'Kaur', 'Seluma', 'Mukomuko', 'Kepahiang', 'Lampung', 'Tanggamus', 'Tulang Bawang', 'Way Kanan', 'Pesawaran',
  'Pringsewu', 'Mesuji', 'Metro', 'Bangka', 'Belitung', 'Karimun', 'Natuna', 'Lingga', 'Bogor', 'Sukabumi',
  'Cianjur', 'Bandung', 'Garut', 'Tasikmalaya', 'Ciamis', 'Kuningan', 'Cirebon', 'Majalengka', 'Sumedang', 'Indramayu',
  'Subang', 'Purwakarta', 'Karawang', 'Bekasi', 'Cilacap', 'Banyumas', 'Purbalingga', 'Banjarnegara', 'Kebumen', 'Purworejo',
  'Wonosobo', 'Magelang', 'Boyolali', 'Klaten', 'Sukoharjo', 'Wonogiri', 'Karanganyar', 'Sragen', 'Grobogan', 'Blora',
  'Rembang', 'Pati', 'Kudus', 'Jepara', 'Demak', 'Semarang', 'Temanggung', 'Kendal', 'Batang', 'Pekalongan',
  'Pemalang', 'Tegal', 'Brebes', 'Sleman', 'Bantul', 'Gunungkidul', 'Kulon Progo', 'Pacitan', 'Ponorogo', 'Trenggalek',
  'Tulungagung', 'Blitar', 'Kediri', 'Malang', 'Lumajang', 'Jember', 'Banyuwangi', 'Bondowoso', 'Situbondo', 'Probolinggo',
  'Pasuruan', 'Sidoarjo', 'Mojokerto', 'Jombang', 'Nganjuk', 'Madiun', 'Magetan', 'Ngawi', 'Bojonegoro', 'Tuban',
  'Lamongan', 'Gresik', 'Bangkalan', 'Sampang', 'Pamekasan', 'Sumenep', 'Pandeglang', 'Lebak', 'Tangerang', 'Serang',
  'Jembrana', 'Tabanan', 'Badung', 'Gianyar', 'Klungkung', 'Bangli', 'Karangasem', 'Buleleng', 'Lombok', 'Sumbawa',
  'Dompu', 'Bima', 'Kupang', 'Belu', 'Alor', 'Flores', 'Sikka', 'Ende', 'Ngada', 'Manggarai',
  'Sambas', 'Bengkayang', 'Landak', 'Mempawah', 'Sanggau', 'Ketapang', 'Sintang', 'Kapuas', 'Kotawaringin', 'Barito',
  'Katingan', 'Seruyan', 'Tanah Laut', 'Kotabaru', 'Banjar', 'Tapin', 'Tabalong', 'Balangan', 'Paser', 'Kutai',
  'Berau', 'Bulungan', 'Malinau', 'Nunukan', 'Bolaang Mongondow', 'Minahasa', 'Sangihe', 'Banggai', 'Poso', 'Donggala',
  'Tolitoli', 'Buol', 'Parigi Moutong', 'Bantaeng', 'Jeneponto', 'Takalar', 'Gowa', 'Sinjai', 'Maros', 'Barru',
  'Bone', 'Soppeng', 'Wajo', 'Sidenreng Rappang', 'Pinrang', 'Enrekang', 'Luwu', 'Toraja', 'Buton', 'Muna',
  'Konawe', 'Kolaka', 'Wakatobi', 'Boalemo', 'Gorontalo', 'Pohuwato', 'Majene', 'Polewali Mandar', 'Mamasa', 'Mamuju',
  'Maluku', 'Buru', 'Seram', 'Halmahera', 'Sula', 'Morotai', 'Fakfak', 'Kaimana', 'Sorong', 'Manokwari',
  'Merauke', 'Jayawijaya', 'Jayapura', 'Nabire', 'Mimika', 'Biak Numfor', 'Yapen', 'Asmat', 'Mappi', 'Boven Digoel',
];
const SUFFIXES = ['', ' Utara', ' Selatan', ' Barat', ' Timur', ' Tengah'];

const APP_PREFIXES = ['Sistem Informasi', 'Aplikasi', 'Portal', 'Layanan Daring', 'Dasbor'];
const APP_TOPICS = [
  'Kepegawaian', 'Perizinan Terpadu', 'Pengaduan Masyarakat', 'Keuangan Daerah', 'Aset Daerah', 'Perencanaan Pembangunan', 'Kinerja Pegawai',
  'Arsip Dinamis', 'Persuratan Elektronik', 'Data Terpadu Kesejahteraan Sosial', 'Rekam Medis', 'Antrean Puskesmas', 'Tata Ruang', 'Jalan dan Jembatan',
  'Penerimaan Peserta Didik', 'Beasiswa Daerah', 'Pajak Daerah', 'Retribusi Pasar', 'Harga Pangan', 'Perpustakaan Digital', 'Pariwisata', 'UMKM',
  'Ketenagakerjaan', 'Kependudukan', 'Bencana Daerah', 'Lingkungan Hidup', 'Transportasi', 'Parkir', 'Pemantauan Proyek', 'Satu Data',
  'Produk Hukum Daerah', 'Monitoring Evaluasi', 'Absensi Pegawai', 'Layanan Kesehatan Ibu dan Anak', 'Gizi Balita', 'Perikanan', 'Pertanian', 'Koperasi',
];

/** A three-letter code prefix like the seed's "BDL": initials, padded with consonants of the first word. */
function codePrefix(place: string): string {
  const words = place.toUpperCase().replace(/[^A-Z ]/g, '').split(/\s+/).filter(Boolean);
  let p = words.map((w) => w[0]).join('');
  const consonants = words[0].slice(1).replace(/[AEIOU]/g, '');
  for (const c of consonants) {
    if (p.length >= 3) break;
    if (!p.includes(c)) p = p[0] + c + p.slice(1);
  }
  return (p + 'XXX').slice(0, 3);
}

/** The i-th synthetic instansi name for a seed: a permutation of places × suffixes, then "… II", "… III". */
function instansiName(seed: number, index: number): { place: string; type: 'kabupaten' | 'kota' } {
  const combos = PLACES.flatMap((p) => SUFFIXES.map((s) => p + s));
  const order = shuffle(
    combos.map((_, i) => i),
    prng(mix(seed, 0x5eed)),
  );
  const round = Math.floor(index / combos.length);
  const place = combos[order[index % combos.length]] + (round ? ` ${['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][round - 1] ?? round + 1}` : '');
  const type = prng(mix(seed, index, 0x7e))() < 0.2 ? 'kota' : 'kabupaten';
  return { place, type };
}

/* ---------- the template ---------- */

export function loadTemplate(dir: string): Template {
  const info = readJson<{ name: string }>(join(dir, 'instansi.json'));
  const cityName = info.name.replace(/^(Pemerintah\s+)?(Kota|Kabupaten)\s+/i, '');
  const elementsDir = join(dir, 'elements');
  const files = existsSync(elementsDir) ? readdirSync(elementsDir).filter((f) => f.endsWith('.json')).sort() : [];
  const elements = files.flatMap((f) => readJson<ElementRecord[]>(join(elementsDir, f)));
  const indexOf = new Map(elements.map((e, i) => [e.key, i]));
  const relationsFile = join(dir, 'relations.json');
  const relations = (existsSync(relationsFile) ? readJson<RelationRecord[]>(relationsFile) : []).map((r) => {
    const source = indexOf.get(r.source);
    const target = indexOf.get(r.target);
    if (source === undefined || target === undefined) throw new Error(`relations.json: unknown endpoint ${source === undefined ? r.source : r.target}`);
    return { source, target, type: r.type };
  });
  // The seed's codes start with the city's prefix (BDL-01.01): take the most common one.
  const prefixes = new Map<string, number>();
  for (const e of elements) {
    const m = /^([A-Z]{2,5})-\d/.exec(e.code ?? '');
    if (m) prefixes.set(m[1], (prefixes.get(m[1]) ?? 0) + 1);
  }
  const cityPrefix = [...prefixes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const localApps = elements.flatMap((e, i) => (e.kind === 'application' && e.attributes?.scope !== 'nasional' ? [i] : []));
  return { cityName, cityPrefix, orgUnits: readJson<OrgUnitRecord[]>(join(dir, 'org-units.json')), elements, relations, localApps };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pure: the synthetic instansi number `index` of `seed`, shaped like `t`. */
export function planInstansi(t: Template, seed: number, index: number): PlannedInstansi {
  const { place, type } = instansiName(seed, index);
  const rnd = prng(mix(seed, index, 0xe1e));
  const prefix = codePrefix(place);
  const fullName = `Pemerintah ${type === 'kota' ? 'Kota' : 'Kabupaten'} ${place}`;
  const cityRe = t.cityName ? new RegExp(escapeRegExp(t.cityName), 'g') : null;
  const prefixRe = t.cityPrefix ? new RegExp(`\\b${escapeRegExp(t.cityPrefix)}\\b`, 'g') : null;
  const localise = (s: string | null | undefined): string | null => {
    if (s === null || s === undefined) return null;
    let out = s;
    if (cityRe) out = out.replace(cityRe, place);
    if (prefixRe) out = out.replace(prefixRe, prefix);
    return out;
  };

  const orgUnits = t.orgUnits.map((o) => ({
    code: o.code,
    name: o.type === 'rsud' ? `Rumah Sakit Umum Daerah ${place}` : (localise(o.name) ?? o.name),
    aliases: o.aliases ?? [],
    type: o.type ?? 'lainnya',
    parent: o.parent ?? null,
  }));

  // Local applications move between the local-application slots (relations stay with the slot).
  const appSource = new Map<number, number>();
  const shuffled = shuffle(t.localApps, rnd);
  t.localApps.forEach((slot, i) => appSource.set(slot, shuffled[i]));

  const elements = t.elements.map((slot, i) => {
    const src = t.elements[appSource.get(i) ?? i];
    const kind = findKind(src.kind);
    if (!kind) throw new Error(`template ${src.key}: unknown kind ${src.kind}`);
    let name = localise(src.name) ?? src.name;
    if (appSource.has(i) && rnd() < 0.3) {
      name = `${APP_PREFIXES[Math.floor(rnd() * APP_PREFIXES.length)]} ${APP_TOPICS[Math.floor(rnd() * APP_TOPICS.length)]} ${place}`;
    }
    let classification = src.classification ?? kind.defaultClassification;
    const r = rnd();
    const org = src.org ?? null;
    if (classification === 'terbuka' && r < 0.1) classification = 'terbatas';
    else if (classification !== 'rahasia' && org && r > 0.97) classification = 'rahasia';
    const lifecycle = src.lifecycle ?? 'as-is';
    return {
      key: `gen:${slot.key}`,
      kind: kind.id,
      code: localise(src.code),
      name,
      description: localise(src.description),
      org,
      ref: src.ref ? `${src.ref.model}:${src.ref.code}` : null,
      lifecycle: lifecycle === 'as-is' && kind.id === 'application' && rnd() < 0.1 ? 'to-be' : lifecycle,
      classification,
      attributes: src.attributes ?? {},
    };
  });
  return { index, code: `${type === 'kota' ? 'kota' : 'kab'}-${slug(place)}`, name: fullName, type, prefix, orgUnits, elements, relations: t.relations };
}

/* ---------- the service ---------- */

export class GeneratorService {
  private templates = new Map<string, Template>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: Pick<Repositories, 'instansi' | 'audit'>,
    private readonly datasets: DatasetService,
    private readonly dialectName: 'sqlite' | 'postgres',
    /** The dataset's further shipped data (e.g. its evaluation history), loaded for every synthetic instansi too. */
    private readonly extraLoaders: DatasetLoader[] = [],
  ) {}

  template(dataset = DEFAULT_DATASET): Template {
    let t = this.templates.get(dataset);
    if (!t) {
      t = loadTemplate(this.datasets.datasetDir(dataset));
      // Validate the template's attributes once, so generated rows are as valid as seeded ones.
      for (const e of t.elements) {
        const kind = findKind(e.kind);
        if (!kind) throw new Error(`${e.key}: unknown kind ${e.kind}`);
        const parsed = attributeSchema(kind).safeParse(e.attributes ?? {});
        if (!parsed.success) throw new Error(`${e.key}: ${parsed.error.message}`);
        e.attributes = compactAttributes(parsed.data as Record<string, unknown>);
      }
      this.templates.set(dataset, t);
    }
    return t;
  }

  plan(count: number, seed = 1, dataset = DEFAULT_DATASET): PlannedInstansi[] {
    const t = this.template(dataset);
    return Array.from({ length: count }, (_, i) => planInstansi(t, seed, i));
  }

  async generate(options: GenerateOptions): Promise<GenerateReport> {
    const started = Date.now();
    const seed = options.seed ?? 1;
    const t = this.template(options.dataset);
    await this.datasets.ensureReferenceModels();
    const existing = new Set((await this.repos.instansi.list(this.db)).map((i) => i.code));
    const report: GenerateReport = { seed, created: 0, skipped: 0, orgUnits: 0, elements: 0, relations: 0, ms: 0 };
    // Codes are unique within one seed; a collision with an existing instansi means "already generated".
    const todo: PlannedInstansi[] = [];
    for (let i = 0; i < options.instansi; i++) {
      const p = planInstansi(t, seed, i);
      if (existing.has(p.code)) report.skipped++;
      else todo.push(p);
      existing.add(p.code);
    }
    const perTx = Math.max(1, options.perTransaction ?? 4);
    for (let i = 0; i < todo.length; i += perTx) {
      const group = todo.slice(i, i + perTx);
      await this.db.transaction().execute(async (trx) => {
        for (const p of group) {
          const counts = await this.write(trx, p, seed);
          for (const load of this.extraLoaders) await load(trx, counts.instansiId, this.datasets.datasetDir(options.dataset ?? DEFAULT_DATASET));
          report.orgUnits += counts.orgUnits;
          report.elements += counts.elements;
          report.relations += counts.relations;
          report.created++;
        }
      });
      options.onProgress?.(report.created + report.skipped, options.instansi);
    }
    // Fresh statistics, so the planner sees the new row counts right away (and on PostgreSQL
    // a vacuum sets the visibility map, which index-only counts depend on).
    if (report.created > 0) await this.analyze();
    report.ms = Date.now() - started;
    return report;
  }

  private async analyze(): Promise<void> {
    if (this.dialectName === 'postgres') {
      for (const table of ['instansi', 'org_units', 'elements', 'relations']) await sql`vacuum analyze ${sql.id(table)}`.execute(this.db);
    } else {
      await sql`analyze`.execute(this.db);
    }
  }

  /** Rows per INSERT, within each database's limit on bound parameters. */
  private batchRows(columns: number): number {
    const maxParams = this.dialectName === 'postgres' ? 65000 : 32000;
    return Math.max(1, Math.floor(maxParams / columns));
  }

  private async insertMany<T extends 'elements' | 'relations' | 'org_units'>(trx: Kysely<Database>, table: T, rows: Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const size = this.batchRows(Object.keys(rows[0]).length);
    for (let i = 0; i < rows.length; i += size) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + size) as never)
        .execute();
    }
  }

  private async write(trx: Kysely<Database>, p: PlannedInstansi, seed: number) {
    const now = new Date().toISOString();
    const instansiId = uuidv7();
    await this.repos.instansi.insert(trx, { id: instansiId, code: p.code, name: p.name, type: p.type, createdAt: now });
    const provenance = `Data sintetis (atlas generate --seed ${seed}, instansi ke-${p.index + 1})`;

    const orgIds = new Map<string, string>();
    for (const o of p.orgUnits) orgIds.set(o.code, uuidv7());
    const orgRows: OrgUnitTable[] = p.orgUnits.map((o) => ({
      id: orgIds.get(o.code)!,
      instansi_id: instansiId,
      code: o.code,
      name: o.name,
      aliases: JSON.stringify(o.aliases),
      type: o.type,
      parent_id: o.parent ? (orgIds.get(o.parent) ?? null) : null,
      provenance,
    }));
    await this.insertMany(trx, 'org_units', orgRows as never);

    const ids = p.elements.map(() => uuidv7());
    const elementRows: ElementTable[] = p.elements.map((e, i) => {
      const element: Element = {
        id: ids[i],
        instansiId,
        kind: e.kind,
        domain: findKind(e.kind)!.domain,
        code: e.code,
        name: e.name,
        description: e.description,
        orgUnitId: e.org ? (orgIds.get(e.org) ?? null) : null,
        refCode: e.ref,
        lifecycle: e.lifecycle,
        classification: e.classification,
        attributes: e.attributes,
        provenance,
        sourceKey: e.key,
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: null,
        updatedBy: null,
      };
      return toRow(element);
    });
    await this.insertMany(trx, 'elements', elementRows as never);

    const relationRows: RelationTable[] = p.relations.map((r) => ({
      id: uuidv7(),
      instansi_id: instansiId,
      type: r.type,
      source_id: ids[r.source],
      target_id: ids[r.target],
      attributes: '{}',
      provenance,
      created_at: now,
      created_by: null,
    }));
    await this.insertMany(trx, 'relations', relationRows as never);

    const counts = { orgUnits: orgRows.length, elements: elementRows.length, relations: relationRows.length };
    await this.repos.audit.append(trx, {
      instansiId,
      userId: null,
      username: 'atlas generate',
      action: 'generate',
      entityType: 'instansi',
      entityId: instansiId,
      before: null,
      after: { code: p.code, name: p.name, seed, index: p.index, synthetic: true, ...counts },
      at: now,
    });
    return { instansiId, ...counts };
  }
}
