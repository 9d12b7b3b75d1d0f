import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import type { Repositories } from '../store/repositories/index.js';
import type { ChainBreak } from '../store/repositories/audit.repository.js';

/**
 * Online, consistent, portable backups.
 *
 * One format for both databases: JSON lines (gzip when the file name ends in
 * `.gz`). A header line, then per table a `{"table":…,"columns":…}` line and
 * one JSON array per row, then the files the rows refer to (evidence), and
 * last the manifest: migration names (the schema version), per table its row
 * count and a sha256 over its rows, per file its size and sha256, and
 * optionally an HMAC over the manifest (ATLAS_BACKUP_KEY).
 *
 * Every table is read inside one transaction — REPEATABLE READ on PostgreSQL,
 * a read transaction on SQLite (WAL gives it a snapshot) — so the file is one
 * consistent state even while the server keeps writing. A row checksum does
 * not depend on row order or on the database, so a SQLite backup restores into
 * PostgreSQL and back, and the restored tables are checked against it.
 */

export const BACKUP_FORMAT = 1;
/** Sessions and login throttling state are not data: a restore makes everyone log in again. */
export const EPHEMERAL_TABLES = new Set(['sessions', 'login_failures']);
/** Columns naming a file under the data directory that belongs in the backup. */
const FILE_COLUMNS: Record<string, string> = { evidence: 'storage_path' };
const PAGE = 1000;
const INSERT_BATCH = 100;
const FILE_CHUNK = 512 * 1024;

export interface TableManifest {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}
export interface FileManifest {
  path: string;
  size: number;
  sha256: string;
  /** The row names a file the source data directory did not have. */
  missing?: boolean;
}
export interface BackupManifest {
  format: number;
  createdAt: string;
  source: { dialect: string };
  /** Applied migrations, in order: the schema version. */
  migrations: string[];
  tables: TableManifest[];
  files: FileManifest[];
  /** HMAC-SHA256 of the manifest without this field, when a backup key was set. */
  hmac?: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** sha256 of the whole file, to record apart from it. */
  sha256: string;
  manifest: BackupManifest;
}

export interface RestoreOptions {
  /** Replace a database that already holds data (in the same transaction). */
  force?: boolean;
  /** Required when the manifest carries an HMAC; when given, the manifest must carry a matching one. */
  key?: string;
  /** Data directory to restore files (evidence) into. */
  dataDir?: string;
  /** Restore even when an instansi's audit chain does not verify (it is reported either way). */
  acceptAuditBreaks?: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: { name: string; rows: number }[];
  files: number;
  audit: { instansiId: string; code: string; events: number; breaks: ChainBreak[] }[];
  replaced: boolean;
}

export class BackupError extends Error {}

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Single-column references to other rows of the same table (parent before child). */
  selfRefs: { column: string; references: string }[];
}

type Row = Record<string, unknown>;

/* ---------- the two databases' catalogues: the only dialect-specific part ---------- */

interface Catalogue {
  tables(db: Kysely<any>): Promise<string[]>;
  columns(db: Kysely<any>, table: string): Promise<{ name: string; pk: number }[]>;
  foreignKeys(db: Kysely<any>, table: string): Promise<{ column: string; refTable: string; refColumn: string }[]>;
}

const sqliteCatalogue: Catalogue = {
  async tables(db) {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    return r.rows.map((x) => x.name);
  },
  async columns(db, table) {
    const r = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) order by cid`.execute(db);
    return r.rows.map((x) => ({ name: x.name, pk: Number(x.pk) }));
  },
  async foreignKeys(db, table) {
    const r = await sql<{ table: string; from: string; to: string | null }>`select "table", "from", "to" from pragma_foreign_key_list(${table})`.execute(db);
    return r.rows.map((x) => ({ column: x.from, refTable: x.table, refColumn: x.to ?? 'id' }));
  },
};

const postgresCatalogue: Catalogue = {
  async tables(db) {
    const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
    return r.rows.map((x) => x.name);
  },
  async columns(db, table) {
    const r = await sql<{ name: string; pk: number | null }>`
      select c.column_name as name,
        (select k.ordinal_position from information_schema.table_constraints t
           join information_schema.key_column_usage k on k.constraint_schema = t.constraint_schema and k.constraint_name = t.constraint_name and k.table_name = t.table_name
          where t.table_schema = c.table_schema and t.table_name = c.table_name and t.constraint_type = 'PRIMARY KEY' and k.column_name = c.column_name) as pk
      from information_schema.columns c
      where c.table_schema = current_schema() and c.table_name = ${table}
      order by c.ordinal_position`.execute(db);
    return r.rows.map((x) => ({ name: x.name, pk: x.pk === null ? 0 : Number(x.pk) }));
  },
  async foreignKeys(db, table) {
    const r = await sql<{ column: string; refTable: string; refColumn: string }>`
      select a.attname as "column", rc.relname as "refTable", ra.attname as "refColumn"
      from pg_constraint c
      join pg_class tc on tc.oid = c.conrelid
      join pg_namespace n on n.oid = tc.relnamespace
      join pg_class rc on rc.oid = c.confrelid
      cross join lateral unnest(c.conkey, c.confkey) as k(attnum, refnum)
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      join pg_attribute ra on ra.attrelid = c.confrelid and ra.attnum = k.refnum
      where c.contype = 'f' and n.nspname = current_schema() and tc.relname = ${table}`.execute(db);
    return r.rows;
  },
};

/* ---------- values, rows, checksums ---------- */

/** A database value as JSON: the same text whichever database it came from. */
function portable(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $base64: Buffer.from(v).toString('base64') };
  return v;
}

function fromPortable(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { $base64?: unknown }).$base64 === 'string') {
    return Buffer.from((v as { $base64: string }).$base64, 'base64');
  }
  return v;
}

function rowLine(columns: string[], row: Row): string {
  return JSON.stringify(columns.map((c) => portable(row[c])));
}

/** Order-independent checksum of a table: sha256 over the sorted sha256 of each row line. */
class TableDigest {
  private readonly digests: Buffer[] = [];
  add(line: string): void {
    this.digests.push(createHash('sha256').update(line).digest());
  }
  get rows(): number {
    return this.digests.length;
  }
  hex(): string {
    const h = createHash('sha256');
    for (const d of [...this.digests].sort(Buffer.compare)) h.update(d);
    return h.digest('hex');
  }
}

function manifestHmac(m: BackupManifest, key: string): string {
  const { hmac: _ignored, ...rest } = m;
  return createHmac('sha256', key).update(JSON.stringify(rest)).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A file path from a backup, kept inside the data directory. */
function safeRelative(p: string): string {
  const n = normalize(p);
  if (!p || isAbsolute(p) || n.startsWith('..') || n.split(sep).includes('..') || n.includes('\0')) {
    throw new BackupError(`the backup names an unsafe file path: ${JSON.stringify(p)}`);
  }
  return n;
}

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export async function fileDigest(file: string): Promise<{ size: number; sha256: string }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: h.digest('hex') };
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/* ---------- the service ---------- */

export class BackupService {
  constructor(
    private readonly store: Store,
    private readonly repositories: Repositories,
  ) {}

  private get catalogue(): Catalogue {
    return this.store.dialect.name === 'postgres' ? postgresCatalogue : sqliteCatalogue;
  }

  private async migrations(db: Kysely<any>): Promise<string[]> {
    const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return r.rows.map((x) => x.name);
  }

  /** Atlas's tables, parents before children (by their foreign keys). */
  async tables(db: Kysely<any> = this.store.db): Promise<TableInfo[]> {
    const names = (await this.catalogue.tables(db)).filter((t) => !t.startsWith('kysely_')).sort();
    const info = new Map<string, TableInfo>();
    const deps = new Map<string, Set<string>>();
    for (const name of names) {
      const cols = await this.catalogue.columns(db, name);
      const fks = await this.catalogue.foreignKeys(db, name);
      info.set(name, {
        name,
        columns: cols.map((c) => c.name),
        primaryKey: cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
        selfRefs: fks.filter((f) => f.refTable === name).map((f) => ({ column: f.column, references: f.refColumn })),
      });
      deps.set(name, new Set(fks.map((f) => f.refTable).filter((t) => t !== name && names.includes(t))));
    }
    const ordered: TableInfo[] = [];
    const done = new Set<string>();
    const visit = (t: string, path: string[]) => {
      if (done.has(t)) return;
      if (path.includes(t)) throw new BackupError(`foreign keys form a cycle: ${[...path, t].join(' → ')}`);
      for (const d of [...deps.get(t)!].sort()) visit(d, [...path, t]);
      done.add(t);
      ordered.push(info.get(t)!);
    };
    for (const n of names) visit(n, []);
    return ordered;
  }

  /** Reads a table page by page in primary-key order (keyset, so the whole transaction sees one snapshot cheaply). */
  private async *readTable(db: Kysely<any>, t: TableInfo): AsyncGenerator<Row> {
    if (t.primaryKey.length === 0) {
      yield* (await db.selectFrom(t.name).selectAll().execute()) as Row[];
      return;
    }
    const key = sql.join(t.primaryKey.map((c) => sql.ref(c)));
    let last: unknown[] | null = null;
    for (;;) {
      let q = db.selectFrom(t.name).selectAll();
      if (last) q = q.where(sql<boolean>`(${key}) > (${sql.join(last.map((v) => sql`${v}`))})`);
      for (const c of t.primaryKey) q = q.orderBy(c);
      const rows = (await q.limit(PAGE).execute()) as Row[];
      yield* rows;
      if (rows.length < PAGE) return;
      const end = rows[rows.length - 1];
      last = t.primaryKey.map((c) => end[c]);
    }
  }

  /** Rows of a table with references to the same table (org_units.parent_id) in parent-first order. */
  private async *readOrdered(db: Kysely<any>, t: TableInfo): AsyncGenerator<Row> {
    if (t.selfRefs.length === 0) {
      yield* this.readTable(db, t);
      return;
    }
    const rows: Row[] = [];
    for await (const r of this.readTable(db, t)) rows.push(r);
    const index = new Map<string, Row>();
    for (const ref of t.selfRefs) for (const r of rows) index.set(`${ref.references}\0${String(r[ref.references])}`, r);
    const emitted = new Set<Row>();
    const visiting = new Set<Row>();
    const out: Row[] = [];
    const visit = (r: Row) => {
      if (emitted.has(r) || visiting.has(r)) return; // a cycle cannot be ordered; the database would refuse it anyway
      visiting.add(r);
      for (const ref of t.selfRefs) {
        const v = r[ref.column];
        const parent = v === null || v === undefined ? undefined : index.get(`${ref.references}\0${String(v)}`);
        if (parent && parent !== r) visit(parent);
      }
      visiting.delete(r);
      emitted.add(r);
      out.push(r);
    };
    for (const r of rows) visit(r);
    yield* out;
  }

  /**
   * Writes a consistent backup of every Atlas table (and the evidence files its
   * rows name) to `file`, atomically: a partial file never carries the name.
   */
  async backup(file: string, options: { key?: string; dataDir?: string } = {}): Promise<BackupResult> {
    const tmp = `${file}.partial-${process.pid}`;
    mkdirSync(dirname(file) || '.', { recursive: true });
    const raw = createWriteStream(tmp);
    const gz = file.endsWith('.gz') ? createGzip() : null;
    const sink: Writable = gz ?? raw;
    if (gz) gz.pipe(raw);
    try {
      const manifest = await this.store.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const m: BackupManifest = {
            format: BACKUP_FORMAT,
            createdAt: new Date().toISOString(),
            source: { dialect: this.store.dialect.name },
            migrations: await this.migrations(trx),
            tables: [],
            files: [],
          };
          await write(sink, JSON.stringify({ atlasBackup: BACKUP_FORMAT }) + '\n');
          const filePaths = new Set<string>();
          for (const t of await this.tables(trx)) {
            if (EPHEMERAL_TABLES.has(t.name)) continue;
            await write(sink, JSON.stringify({ table: t.name, columns: t.columns }) + '\n');
            const digest = new TableDigest();
            const fileColumn = FILE_COLUMNS[t.name];
            for await (const row of this.readOrdered(trx, t)) {
              const line = rowLine(t.columns, row);
              digest.add(line);
              await write(sink, line + '\n');
              if (fileColumn && typeof row[fileColumn] === 'string') filePaths.add(row[fileColumn] as string);
            }
            m.tables.push({ name: t.name, columns: t.columns, rows: digest.rows, sha256: digest.hex() });
          }
          // Files are content-addressed and never rewritten, so reading them after the snapshot is consistent.
          for (const p of [...filePaths].sort()) {
            const rel = safeRelative(p);
            const abs = options.dataDir ? join(options.dataDir, rel) : null;
            if (!abs || !existsSync(abs)) {
              m.files.push({ path: rel, size: 0, sha256: '', missing: true });
              continue;
            }
            const content = readFileSync(abs);
            const entry = { path: rel, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
            await write(sink, JSON.stringify({ file: rel, size: entry.size }) + '\n');
            for (let i = 0; i < content.length; i += FILE_CHUNK) {
              await write(sink, JSON.stringify({ chunk: content.subarray(i, i + FILE_CHUNK).toString('base64') }) + '\n');
            }
            m.files.push(entry);
          }
          return m;
        });
      if (options.key) manifest.hmac = manifestHmac(manifest, options.key);
      await write(sink, JSON.stringify({ manifest }) + '\n');
      sink.end();
      await finished(raw);
      const fd = openSync(tmp, 'r+');
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, file);
      const { size, sha256 } = await fileDigest(file);
      return { file, bytes: size, sha256, manifest };
    } catch (e) {
      sink.destroy();
      raw.destroy();
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Reads a backup and checks it against its own manifest: every table's row
   * count and checksum, every file's size and checksum, the HMAC when a key is
   * given. `onTable`/`onRow`/`onFile` see the content as it streams by.
   */
  private async scan(
    file: string,
    handlers: { onTable?: (name: string, columns: string[]) => Promise<void>; onRow?: (values: unknown[]) => Promise<void>; onFile?: (path: string, content: Buffer) => Promise<void> } = {},
  ): Promise<{ manifest: BackupManifest; seen: Map<string, { columns: string[]; digest: TableDigest }> }> {
    if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`no backup file ${file}`);
    let input: NodeJS.ReadableStream = createReadStream(file);
    if (isGzip(file)) input = input.pipe(createGunzip());
    const lines = createInterface({ input, crlfDelay: Infinity });
    const seen = new Map<string, { columns: string[]; digest: TableDigest }>();
    const files = new Map<string, { size: number; sha256: string }>();
    let manifest: BackupManifest | null = null;
    let current: { columns: string[]; digest: TableDigest } | null = null;
    let currentFile: { path: string; size: number; chunks: Buffer[] } | null = null;
    let lineNo = 0;
    const finishFile = async () => {
      if (!currentFile) return;
      const content = Buffer.concat(currentFile.chunks);
      files.set(currentFile.path, { size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
      if (handlers.onFile) await handlers.onFile(currentFile.path, content);
      currentFile = null;
    };
    const bad = (why: string) => new BackupError(`not a valid Atlas backup (line ${lineNo}): ${why}`);
    try {
      for await (const line of lines) {
        lineNo++;
        if (manifest) throw bad('content after the manifest');
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          throw bad('a line is not JSON');
        }
        if (lineNo === 1) {
          if (!value || (value as { atlasBackup?: unknown }).atlasBackup !== BACKUP_FORMAT) throw bad(`unknown header; expected format ${BACKUP_FORMAT}`);
          continue;
        }
        if (Array.isArray(value)) {
          if (!current) throw bad('a row outside any table');
          if (value.length !== current.columns.length) throw bad('a row with the wrong number of values');
          current.digest.add(line);
          if (handlers.onRow) await handlers.onRow(value);
          continue;
        }
        const o = value as Record<string, unknown>;
        if (typeof o.table === 'string' && Array.isArray(o.columns)) {
          if (seen.has(o.table)) throw bad(`table ${o.table} appears twice`);
          current = { columns: o.columns.map(String), digest: new TableDigest() };
          seen.set(o.table, current);
          if (handlers.onTable) await handlers.onTable(o.table, current.columns);
        } else if (typeof o.file === 'string') {
          await finishFile();
          current = null;
          currentFile = { path: safeRelative(o.file), size: Number(o.size), chunks: [] };
        } else if (typeof o.chunk === 'string') {
          if (!currentFile) throw bad('file content outside a file');
          currentFile.chunks.push(Buffer.from(o.chunk, 'base64'));
        } else if (o.manifest && typeof o.manifest === 'object') {
          await finishFile();
          manifest = o.manifest as BackupManifest;
        } else throw bad('unknown line');
      }
    } catch (e) {
      if (e instanceof BackupError) throw e;
      throw new BackupError(`cannot read the backup: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!manifest) throw new BackupError('the backup has no manifest: it is incomplete or truncated');
    const problems: string[] = [];
    if (manifest.format !== BACKUP_FORMAT) problems.push(`format ${String(manifest.format)}`);
    if (!Array.isArray(manifest.tables) || !Array.isArray(manifest.migrations) || !Array.isArray(manifest.files)) throw new BackupError('the manifest is malformed');
    const listed = new Set(manifest.tables.map((t) => t.name));
    for (const name of seen.keys()) if (!listed.has(name)) problems.push(`table ${name} is not in the manifest`);
    for (const t of manifest.tables) {
      const s = seen.get(t.name);
      if (!s) problems.push(`table ${t.name} is missing`);
      else {
        if (JSON.stringify(s.columns) !== JSON.stringify(t.columns)) problems.push(`table ${t.name}: columns differ from the manifest`);
        if (s.digest.rows !== t.rows) problems.push(`table ${t.name}: ${s.digest.rows} rows, the manifest says ${t.rows}`);
        else if (s.digest.hex() !== t.sha256) problems.push(`table ${t.name}: checksum mismatch`);
      }
    }
    for (const f of manifest.files) {
      if (f.missing) continue;
      const got = files.get(f.path);
      if (!got) problems.push(`file ${f.path} is missing`);
      else if (got.size !== f.size || got.sha256 !== f.sha256) problems.push(`file ${f.path}: checksum mismatch`);
    }
    if (files.size !== manifest.files.filter((f) => !f.missing).length) problems.push('files not listed in the manifest');
    if (problems.length) throw new BackupError(`the backup does not match its manifest: ${problems.join('; ')}`);
    return { manifest, seen };
  }

  /** Checks a backup file without touching any database. */
  async verifyFile(file: string, options: { key?: string } = {}): Promise<BackupManifest> {
    const { manifest } = await this.scan(file);
    this.checkHmac(manifest, options.key);
    return manifest;
  }

  private checkHmac(manifest: BackupManifest, key: string | undefined): void {
    if (key) {
      if (!manifest.hmac) throw new BackupError('the backup carries no HMAC, but a backup key was given: it was not made with this key');
      if (!sameHex(manifest.hmac, manifestHmac(manifest, key))) throw new BackupError('the backup’s HMAC does not match: it was altered or made with another key');
    }
  }

  private async rowCount(db: Kysely<any>, table: string): Promise<number> {
    const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Tables that hold rows now. */
  async nonEmptyTables(db: Kysely<any> = this.store.db): Promise<string[]> {
    const out: string[] = [];
    for (const t of await this.tables(db)) if ((await this.rowCount(db, t.name)) > 0) out.push(t.name);
    return out;
  }

  /**
   * Restores a backup into this database in one transaction: all of it or
   * nothing. The file is checked before anything is written, checked again
   * while it is written (so a file changed in between cannot slip through),
   * and the restored tables and every instansi's audit chain are verified
   * before the transaction commits.
   */
  async restore(file: string, options: RestoreOptions = {}): Promise<RestoreReport> {
    const { manifest } = await this.scan(file);
    this.checkHmac(manifest, options.key);
    const db = this.store.db as Kysely<any>;
    const migrations = await this.migrations(db);
    if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations)) {
      throw new BackupError(
        `schema versions differ: the backup has migrations [${manifest.migrations.join(', ')}], this database [${migrations.join(', ')}]; restore with the Atlas version that made the backup, then upgrade`,
      );
    }
    const tables = await this.tables(db);
    const byName = new Map(tables.map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      const target = byName.get(t.name);
      if (!target) throw new BackupError(`this database has no table ${t.name}`);
      const missing = t.columns.filter((c) => !target.columns.includes(c));
      if (missing.length) throw new BackupError(`table ${t.name} has no column(s) ${missing.join(', ')} here`);
    }
    const occupied = await this.nonEmptyTables(db);
    if (occupied.length && !options.force) {
      throw new BackupError(`the database is not empty (${occupied.join(', ')} hold rows); restore into an empty database, or pass --force to replace everything in it`);
    }

    // Files first: they are content-addressed, so writing one that is not used is harmless.
    let fileCount = 0;
    const writeFiles = async (path: string, content: Buffer) => {
      if (!options.dataDir) return;
      const abs = join(options.dataDir, safeRelative(path));
      mkdirSync(dirname(abs), { recursive: true });
      const tmp = `${abs}.restore-${process.pid}`;
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, abs);
      fileCount++;
    };

    const report = await db.transaction().execute(async (trx) => {
      if (occupied.length) {
        for (const t of [...tables].reverse()) await trx.deleteFrom(t.name).execute();
      }
      let table: string | null = null;
      let columns: string[] = [];
      let batch: Row[] = [];
      const flush = async () => {
        if (table && batch.length) await trx.insertInto(table).values(batch).execute();
        batch = [];
      };
      // The second read: what is inserted is checked against the manifest again before commit.
      await this.scan(file, {
        onTable: async (name, cols) => {
          await flush();
          table = name;
          columns = cols;
        },
        onRow: async (values) => {
          const row: Row = {};
          columns.forEach((c, i) => (row[c] = fromPortable(values[i])));
          batch.push(row);
          if (batch.length >= INSERT_BATCH) await flush();
        },
        onFile: writeFiles,
      });
      await flush();

      // Verify what the database now holds, read back through it.
      const problems: string[] = [];
      for (const t of manifest.tables) {
        const info = { ...byName.get(t.name)!, columns: t.columns };
        const digest = new TableDigest();
        for await (const row of this.readTable(trx, info)) digest.add(rowLine(t.columns, row));
        if (digest.rows !== t.rows) problems.push(`${t.name}: ${digest.rows} rows restored, ${t.rows} expected`);
        else if (digest.hex() !== t.sha256) problems.push(`${t.name}: restored rows differ from the backup`);
      }
      if (problems.length) throw new BackupError(`verification failed, nothing was restored: ${problems.join('; ')}`);
      const audit: RestoreReport['audit'] = [];
      const typed = trx as unknown as Kysely<Database>;
      for (const i of await this.repositories.instansi.list(typed)) {
        const v = await this.repositories.audit.verify(typed, i.id);
        audit.push({ instansiId: i.id, code: i.code, ...v });
      }
      const broken = audit.filter((a) => a.breaks.length);
      if (broken.length && !options.acceptAuditBreaks) {
        throw new BackupError(
          `the audit trail in the backup does not verify (${broken.map((a) => `${a.code}: ${a.breaks.length} break(s), first at seq ${a.breaks[0].seq}`).join('; ')}); nothing was restored`,
        );
      }
      return { manifest, tables: manifest.tables.map((t) => ({ name: t.name, rows: t.rows })), files: 0, audit, replaced: occupied.length > 0 };
    });
    report.files = fileCount;
    return report;
  }
}
