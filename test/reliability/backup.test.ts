import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/database.js';
import { createServices } from '../../src/services/container.js';
import { BackupError, EPHEMERAL_TABLES, type BackupManifest } from '../../src/services/backup.service.js';
import { call, DATABASES, fixture, PG_URL, testStore, type DatabaseKind, type Fixture, type TestStore } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const backupPath = (ext = '.jsonl') => join(dir, `b${++n}${ext}`);

/** Every table's rows, sorted, as JSON text: equal dumps mean equal contents. */
async function dump(store: Store): Promise<Record<string, string[]>> {
  const services = createServices(store);
  const out: Record<string, string[]> = {};
  for (const t of await services.backup.tables()) {
    if (EPHEMERAL_TABLES.has(t.name)) continue;
    const rows = await (store.db as Kysely<any>).selectFrom(t.name).selectAll().execute();
    out[t.name] = rows.map((r) => JSON.stringify(t.columns.map((c) => (r[c] === undefined ? null : r[c])))).sort();
  }
  return out;
}

/** A second connection to the same database, as `atlas backup` in its own process would have. */
async function secondConnection(store: TestStore): Promise<Store> {
  if (store.dialect.name === 'sqlite') {
    const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(store.db);
    return openStore({ dataDir: join(r.rows[0].file, '..') });
  }
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(store.db);
  return openStore({ databaseUrl: PG_URL, pgSchema: r.rows[0].s });
}

function readManifest(file: string): BackupManifest {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return JSON.parse(lines[lines.length - 1]).manifest as BackupManifest;
}

/** Rewrites a backup's lines; `fix` may also recompute the manifest like a careful forger would. */
function tamper(file: string, edit: (lines: string[]) => void): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  edit(lines);
  const out = backupPath();
  writeFileSync(out, lines.join('\n') + '\n');
  return out;
}

/** Recomputes one table's checksum in the manifest (the forger's move). */
function reseal(lines: string[], table: string): void {
  let inTable = false;
  const digests: Buffer[] = [];
  for (const l of lines.slice(1, -1)) {
    if (l.startsWith('{')) inTable = JSON.parse(l).table === table;
    else if (inTable) digests.push(createHash('sha256').update(l).digest());
  }
  const h = createHash('sha256');
  for (const d of digests.sort(Buffer.compare)) h.update(d);
  const m = JSON.parse(lines[lines.length - 1]);
  m.manifest.tables.find((t: { name: string }) => t.name === table).sha256 = h.digest('hex');
  lines[lines.length - 1] = JSON.stringify(m);
}

/** Changes one column of the `index`th row of a table in a backup's lines. */
function editRow(lines: string[], table: string, index: number, column: string, change: (v: unknown) => unknown): void {
  const start = lines.findIndex((l) => l.startsWith(`{"table":${JSON.stringify(table)}`));
  const columns: string[] = JSON.parse(lines[start]).columns;
  const row = JSON.parse(lines[start + 1 + index]);
  const i = columns.indexOf(column);
  row[i] = change(row[i]);
  lines[start + 1 + index] = JSON.stringify(row);
}

const app = (name: string, org: string) => ({ kind: 'application', name, orgUnitId: org, attributes: { category: 'khusus', scope: 'lokal' } });

describe.each(DATABASES)('backup and restore on %s', (kind) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(kind);
  });
  afterAll(async () => f?.close());

  it('takes a consistent backup while writers create, relate and delete elements', async () => {
    const second = await secondConnection(f.store);
    const backup = createServices(second).backup;
    let stop = false;
    let writes = 0;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const a = (await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: app(`W${w}-${i}-a`, f.org.a) })).json();
        const b = (await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: app(`W${w}-${i}-b`, f.org.a) })).json();
        const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/relations', payload: { type: 'integrates', sourceId: a.id, targetId: b.id } });
        expect(r.statusCode).toBe(201);
        // deleting cascades to the relation: a backup without a snapshot would keep a dangling relation
        if (i % 2 === 1) expect((await call(f.app, f.tokens.admin, { method: 'DELETE', url: `/api/v1/elements/${b.id}`, headers: { 'if-match': '1' } })).statusCode).toBe(204);
        writes++;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    try {
      while (writes < 10) await new Promise((r) => setTimeout(r, 20));
      const files: string[] = [];
      for (let i = 0; i < 3; i++) {
        const file = backupPath();
        const result = await backup.backup(file);
        files.push(file);
        expect(result.manifest.tables.find((t) => t.name === 'elements')!.rows).toBeGreaterThan(0);
      }
      stop = true;
      await Promise.all(writers);
      expect(writes).toBeGreaterThan(10);

      for (const file of files) {
        const manifest = readManifest(file);
        // counts in the file match the manifest (verifyFile also checks every checksum)
        expect(await backup.verifyFile(file)).toEqual(manifest);
        // every reference in the file resolves inside the file
        const lines = readFileSync(file, 'utf8').trim().split('\n');
        const tables: Record<string, Record<string, unknown>[]> = {};
        let cols: string[] = [];
        let current = '';
        for (const l of lines.slice(1, -1)) {
          const v = JSON.parse(l);
          if (Array.isArray(v)) tables[current].push(Object.fromEntries(cols.map((c, i) => [c, v[i]])));
          else ((current = v.table), (cols = v.columns), (tables[current] = []));
        }
        for (const t of manifest.tables) expect(tables[t.name].length, t.name).toBe(t.rows);
        const ids = (t: string) => new Set(tables[t].map((r) => r.id));
        const elements = ids('elements');
        for (const r of tables.relations) {
          expect(elements.has(r.source_id), 'relation source').toBe(true);
          expect(elements.has(r.target_id), 'relation target').toBe(true);
        }
        const orgs = ids('org_units');
        for (const e of tables.elements) if (e.org_unit_id) expect(orgs.has(e.org_unit_id)).toBe(true);
        // the audit chain in the file is complete: the head matches the last event of each instansi
        for (const h of tables.audit_heads) {
          const events = tables.audit_events.filter((e) => e.instansi_id === h.instansi_id);
          expect(events.length).toBe(Number(h.seq));
          expect(events.find((e) => Number(e.seq) === Number(h.seq))!.hash).toBe(h.hash);
        }
        // every element in the file has its create event in the file
        const created = new Set(tables.audit_events.filter((e) => e.action === 'create' && e.entity_type === 'element').map((e) => e.entity_id));
        for (const e of tables.elements) expect(created.has(e.id)).toBe(true);

        // and it restores (foreign keys, checksums and audit chains are checked by the database and the restore)
        const target = await testStore(kind);
        try {
          const report = await createServices(target).backup.restore(file);
          expect(report.audit.every((a) => a.breaks.length === 0)).toBe(true);
        } finally {
          await target.cleanup();
        }
      }
    } finally {
      stop = true;
      await Promise.allSettled(writers);
      await second.close();
    }
  });

  it('round-trips: the restored database equals the source, table by table, on every database', async () => {
    // a child OPD whose id sorts before its parent's: the file must still list the parent first
    const orgs = f.services.repositories.orgUnits;
    await orgs.insert(f.store.db, { id: `zz-induk-${kind}`, instansiId: f.instansiId, code: 'SETDA', name: 'Sekretariat Daerah', aliases: [], type: 'setda', parentId: null, provenance: null });
    await orgs.insert(f.store.db, { id: `aa-anak-${kind}`, instansiId: f.instansiId, code: 'BAG-TI', name: 'Bagian TI', aliases: [], type: 'bagian', parentId: `zz-induk-${kind}`, provenance: null });
    const file = backupPath('.jsonl.gz');
    const { manifest } = await f.services.backup.backup(file);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(manifest.migrations.length).toBeGreaterThan(0);
    expect(manifest.tables.map((t) => t.name)).not.toContain('sessions');
    const source = await dump(f.store);
    for (const targetKind of DATABASES) {
      const target = await testStore(targetKind);
      try {
        const report = await createServices(target).backup.restore(file);
        expect(report.replaced).toBe(false);
        expect(report.audit.length).toBe(2);
        expect(report.audit.every((a) => a.breaks.length === 0)).toBe(true);
        expect(await dump(target), `${kind} → ${targetKind}`).toEqual(source);
        // a restored copy backs up to the same checksums
        const again = await createServices(target).backup.backup(backupPath());
        expect(again.manifest.tables).toEqual(manifest.tables);
        // and works: the tokens log in, the chain keeps growing
        const services = createServices(target);
        const found = await services.auth.fromToken(f.tokens.admin);
        expect(found?.user.username).toBe('admin');
      } finally {
        await target.cleanup();
      }
    }
  });

  it('refuses a database that is not empty unless forced, and then replaces all of it in one transaction', async () => {
    const file = backupPath();
    await f.services.backup.backup(file);
    const target = await testStore(kind);
    try {
      const services = createServices(target);
      await services.datasets.createInstansi('lain', 'Instansi Lain');
      const before = await dump(target);
      await expect(services.backup.restore(file)).rejects.toThrow(/not empty/);
      expect(await dump(target)).toEqual(before);
      const report = await services.backup.restore(file, { force: true });
      expect(report.replaced).toBe(true);
      expect(await dump(target)).toEqual(await dump(f.store));
    } finally {
      await target.cleanup();
    }
  });

  it('rejects a tampered, truncated or foreign backup and leaves the target unchanged', async () => {
    const file = backupPath();
    await f.services.backup.backup(file, { key: 'rahasia-cadangan' });
    const target = await testStore(kind);
    try {
      const services = createServices(target);
      await services.datasets.createInstansi('tetap', 'Instansi Tetap');
      const before = await dump(target);
      const elementLine = (lines: string[]) => lines.findIndex((l) => l.startsWith('{"table":"elements"')) + 1;
      const rename = (l: string[]) => editRow(l, 'elements', 0, 'name', (v) => `${String(v)} (dipalsukan)`);
      const cases: [string, string, RegExp, { force?: boolean; key?: string }?][] = [
        ['an edited row', tamper(file, rename), /elements: checksum mismatch/],
        ['a removed row', tamper(file, (l) => l.splice(elementLine(l), 1)), /elements: \d+ rows, the manifest says/],
        ['an added row', tamper(file, (l) => l.splice(elementLine(l), 0, l[elementLine(l)].replace(/"[0-9a-f-]{36}"/, '"00000000-0000-7000-8000-000000000000"'))), /elements: \d+ rows/],
        ['a truncated file', tamper(file, (l) => l.splice(l.length - 3)), /no manifest/],
        ['not a backup', tamper(file, (l) => (l[0] = '{"hello":1}')), /unknown header/],
        // a forger who also fixes the checksum is stopped by the HMAC …
        ['a resealed edit', tamper(file, (l) => (rename(l), reseal(l, 'elements'))), /HMAC does not match/, { force: true, key: 'rahasia-cadangan' }],
        ['the wrong key', file, /HMAC does not match/, { force: true, key: 'kunci-lain' }],
        // … and without a key, an edited audit trail still fails the chain check inside the transaction
        [
          'a resealed audit edit',
          tamper(file, (l) => {
            editRow(l, 'audit_events', 2, 'action', () => 'tampered');
            reseal(l, 'audit_events');
            const m = JSON.parse(l[l.length - 1]);
            delete m.manifest.hmac;
            l[l.length - 1] = JSON.stringify(m);
          }),
          /audit trail in the backup does not verify/,
          { force: true },
        ],
      ];
      for (const [what, bad, message, opts] of cases) {
        const err = await services.backup.restore(bad, opts ?? { force: true }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err, what).toBeInstanceOf(BackupError);
        expect((err as Error).message, what).toMatch(message);
        expect(await dump(target), what).toEqual(before);
      }
      // the untouched file with its key restores
      await services.backup.restore(file, { force: true, key: 'rahasia-cadangan' });
      expect(await dump(target)).toEqual(await dump(f.store));
    } finally {
      await target.cleanup();
    }
  });

  it('carries the evidence files the database names, and refuses unsafe paths', async () => {
    const srcDir = mkdtempSync(join(tmpdir(), 'atlas-evidence-src-'));
    const dstDir = mkdtempSync(join(tmpdir(), 'atlas-evidence-dst-'));
    const content = Buffer.from('%PDF-1.4 bukti dukung ' + 'x'.repeat(700_000));
    const sha = createHash('sha256').update(content).digest('hex');
    const rel = join('evidence', sha.slice(0, 2), sha);
    mkdirSync(join(srcDir, 'evidence', sha.slice(0, 2)), { recursive: true });
    writeFileSync(join(srcDir, rel), content);
    const evidence = { id: `ev-${sha.slice(0, 8)}-${kind}`, instansi_id: f.instansiId, sha256: sha, media_type: 'application/pdf', size: content.length, original_name: 'bukti.pdf', storage_path: rel, created_at: new Date().toISOString(), created_by: null };
    await f.store.db.insertInto('evidence').values(evidence).execute();
    const target = await testStore(kind);
    try {
      const file = backupPath();
      const { manifest } = await f.services.backup.backup(file, { dataDir: srcDir });
      expect(manifest.files).toEqual([{ path: rel, size: content.length, sha256: sha }]);
      await createServices(target).backup.restore(file, { dataDir: dstDir });
      expect(readFileSync(join(dstDir, rel))).toEqual(content);

      const evil = tamper(file, (l) => {
        const i = l.findIndex((x) => x.startsWith('{"file":'));
        l[i] = JSON.stringify({ file: '../../etc/evil', size: 1 });
      });
      await expect(createServices(target).backup.restore(evil, { force: true, dataDir: dstDir })).rejects.toThrow(/unsafe file path/);
      expect(existsSync(join(dstDir, '..', '..', 'etc', 'evil'))).toBe(false);
    } finally {
      await f.store.db.deleteFrom('evidence').where('id', '=', evidence.id).execute();
      await target.cleanup();
      rmSync(srcDir, { recursive: true, force: true });
      rmSync(dstDir, { recursive: true, force: true });
    }
  });
});

describe('restore across schema versions', () => {
  it('refuses a backup whose migrations differ from the database', async () => {
    const kind: DatabaseKind = DATABASES[0];
    const source = await testStore(kind);
    const target = await testStore(kind);
    try {
      const file = backupPath();
      await createServices(source).backup.backup(file);
      const bad = tamper(file, (l) => {
        const m = JSON.parse(l[l.length - 1]);
        m.manifest.migrations.push('999_from_the_future');
        l[l.length - 1] = JSON.stringify(m);
      });
      await expect(createServices(target).backup.restore(bad)).rejects.toThrow(/schema versions differ/);
    } finally {
      await source.cleanup();
      await target.cleanup();
    }
  });
});
