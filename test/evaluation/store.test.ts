import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { DATABASES, fixture, type Fixture } from '../helpers.js';
import type { Actor } from '../../src/domain/policy.js';

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-eval-store-'));
process.env.ATLAS_DATA_DIR = dataDir;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(DATABASES)('evaluation storage on %s', (db) => {
  let f: Fixture;
  let admin: Actor;
  let operator: Actor;
  beforeAll(async () => {
    f = await fixture(db);
    const users = f.services.repositories.users;
    const actorOf = async (username: string): Promise<Actor> => {
      const u = (await users.findByUsername(f.store.db, username))!;
      return { instansiId: u.instansiId, user: { id: u.id, username: u.username, role: u.role, orgUnitIds: u.orgUnitIds } };
    };
    admin = await actorOf('admin');
    operator = await actorOf('operator');
  });
  afterAll(async () => f?.close());

  it('creates the tables and enforces one assessment per instansi, framework and year', async () => {
    const tables = (await f.store.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['frameworks', 'assessments', 'assessment_indicators', 'evidence', 'evidence_links']));
    const now = new Date().toISOString();
    const row = { instansiId: f.instansiId, frameworkId: 'x', frameworkVersion: 1, year: 2030, status: 'draft', indexValue: 2.9795, published: null, provenance: null, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null };
    const repo = f.services.repositories.evaluation;
    await repo.insertAssessment(f.store.db, { id: uuidv7(), ...row });
    await expect(repo.insertAssessment(f.store.db, { id: uuidv7(), ...row })).rejects.toThrow();
    const stored = await repo.findAssessmentByYear(f.store.db, f.instansiId, 'x', 2030);
    expect(stored?.indexValue).toBe(2.9795); // double precision, not float4
  });

  it('serialises concurrent changes to one assessment: every level change lands and is audited once', async () => {
    const a = await f.services.evaluation.create(operator, { framework: 'pemdi-8-2026', year: 2027 });
    await Promise.all(Array.from({ length: 20 }, (_, k) => f.services.evaluation.setIndicator(operator, a.id, k + 1, { level: 1 + (k % 5) })));
    const after = await f.services.evaluation.get(operator, a.id);
    expect(after.assessed).toBe(20);
    const stored = await f.services.repositories.evaluation.findAssessment(f.store.db, a.id);
    expect(stored!.indexValue).toBeCloseTo(after.index!, 12);
    const history = await f.services.evaluation.history(operator, a.id);
    expect(history.items.filter((e) => e.action === 'indicator.update')).toHaveLength(20);
    expect((await f.services.audit.verify(f.instansiId)).breaks).toEqual([]);
  });

  it('lets only one of two racing transitions through', async () => {
    const a = await f.services.evaluation.create(operator, { framework: 'pemdi-8-2026', year: 2028 });
    for (let no = 1; no <= 20; no++) await f.services.evaluation.setIndicator(operator, a.id, no, { level: 2 });
    await f.services.evaluation.transition(operator, a.id, 'submitted');
    const results = await Promise.allSettled([f.services.evaluation.transition(admin, a.id, 'verified'), f.services.evaluation.transition(admin, a.id, 'draft')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.status).toBe(409);
  });

  it('removes indicator values and evidence links with their assessment', async () => {
    const a = await f.services.evaluation.create(operator, { framework: 'pemdi-8-2026', year: 2029 });
    const count = async (table: 'assessment_indicators' | 'evidence_links') =>
      Number((await f.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('assessment_id', '=', a.id).executeTakeFirstOrThrow()).n);
    await f.services.evaluation.attachEvidence(operator, a.id, 1, { data: Buffer.from('%PDF-1.4 test'), filename: 'a.pdf' });
    expect(await count('assessment_indicators')).toBe(20);
    expect(await count('evidence_links')).toBe(1);
    await f.store.db.deleteFrom('assessments').where('id', '=', a.id).execute();
    expect(await count('assessment_indicators')).toBe(0);
    expect(await count('evidence_links')).toBe(0);
  });
});
