import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';
import { bandarLampungHistory, readJson } from './data.js';

// Evidence goes to a scratch data directory; read when the services are created.
const dataDir = mkdtempSync(join(tmpdir(), 'atlas-eval-'));
process.env.ATLAS_DATA_DIR = dataDir;

const history = bandarLampungHistory();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.each(DATABASES)('evaluation API on %s', (db) => {
  let f: Fixture;
  const byYear = new Map<number, string>();
  beforeAll(async () => {
    f = await fixture(db);
    const datasetDir = f.services.datasets.datasetDir('bandar-lampung');
    const report = await f.services.evaluation.seedHistory(f.instansiId, datasetDir);
    expect(report).toMatchObject({ created: 4, skipped: 0, years: [2021, 2022, 2023, 2024], mismatches: {} });
    const list = (await call(f.app, f.tokens.viewer, { method: 'GET', url: '/api/v1/assessments?framework=spbe-59-2020' })).json();
    for (const a of list.items) byYear.set(a.year, a.id);
  });
  afterAll(async () => {
    await f?.close();
  });

  const get = (url: string, token: string | null = f.tokens.viewer) => call(f.app, token, { method: 'GET', url });
  const post = (url: string, payload: unknown, token: string | null = f.tokens.admin) => call(f.app, token, { method: 'POST', url, payload: payload as object });
  const put = (url: string, payload: unknown, token: string | null = f.tokens.admin) => call(f.app, token, { method: 'PUT', url, payload: payload as object });
  const count = async (table: 'frameworks' | 'assessments' | 'evidence' | 'evidence_links' | 'audit_events') =>
    Number((await f.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('answers anonymous visitors 401 everywhere', async () => {
    for (const url of ['/api/v1/frameworks', '/api/v1/assessments', `/api/v1/assessments/${byYear.get(2024)}`, `/api/v1/assessments/${byYear.get(2024)}/crosswalk`]) {
      const r = await get(url, null);
      expect(r.statusCode, url).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await post('/api/v1/assessments', { framework: 'pemdi-8-2026', year: 2026 }, null)).statusCode).toBe(401);
  });

  it('lists the shipped frameworks and the crosswalk', async () => {
    const r = await get('/api/v1/frameworks');
    expect(r.statusCode).toBe(200);
    const items = r.json().items;
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'spbe-59-2020', type: 'framework', version: 1, scope: 'national', latest: true, domains: 4, aspects: 8, indicators: 47, rule: 'weighted-mean-v1' }),
        expect.objectContaining({ id: 'pemdi-8-2026', type: 'framework', version: 1, domains: 0, aspects: 7, indicators: 20 }),
        expect.objectContaining({ id: 'crosswalk-59-2020-to-8-2026', type: 'crosswalk', from: 'spbe-59-2020', to: 'pemdi-8-2026', estimate: true }),
      ]),
    );
    const one = (await get('/api/v1/frameworks/spbe-59-2020')).json();
    expect(one.definition.domains).toHaveLength(4);
    expect((await get('/api/v1/frameworks/nope')).statusCode).toBe(404);
  });

  it('documents every evaluation route in the OpenAPI document', async () => {
    const r = await get('/api/v1/openapi.json', null);
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    for (const p of [
      '/api/v1/frameworks',
      '/api/v1/assessments',
      '/api/v1/assessments/{id}',
      '/api/v1/assessments/{id}/indicators/{no}',
      '/api/v1/assessments/{id}/transition',
      '/api/v1/assessments/{id}/plan',
      '/api/v1/assessments/{id}/crosswalk',
      '/api/v1/assessments/{id}/indicators/{no}/evidence',
      '/api/v1/evidence/{id}',
    ]) {
      expect(paths, p).toContain(p);
    }
  });

  it('loads the 2021–2024 history as final assessments reproducing every value of Tabel 3.2', async () => {
    const list = (await get('/api/v1/assessments?framework=spbe-59-2020')).json().items;
    expect(list.map((a: { year: number; status: string }) => [a.year, a.status])).toEqual([
      [2024, 'final'],
      [2023, 'final'],
      [2022, 'final'],
      [2021, 'final'],
    ]);
    for (const year of [2022, 2023, 2024]) {
      const a = (await get(`/api/v1/assessments/${byYear.get(year)}`)).json();
      expect(a).toMatchObject({ framework: 'spbe-59-2020', frameworkVersion: 1, year, status: 'final', complete: true, consistency: [] });
      for (const row of history.published) {
        const published = row.values[String(year)]?.value;
        if (published === undefined) continue;
        const shown = row.level === 'index' ? a.indexRounded : row.level === 'domain' ? a.domains.find((d: { code: string }) => d.code === String(row.domain)).rounded : a.aspects.find((x: { code: string }) => x.code === String(row.aspect)).rounded;
        expect(shown, `${year} ${row.name}`).toBe(published);
      }
    }
    const a2024 = (await get(`/api/v1/assessments/${byYear.get(2024)}`)).json();
    expect(a2024.index).toBeCloseTo(2.9795, 10);
    expect(a2024.predicate).toEqual({ name: 'Baik', alias: null });
    expect(a2024.indicators).toHaveLength(47);
    expect(a2024.indicators[35]).toMatchObject({ no: 36, name: 'Layanan Kepegawaian', weight: 2.75, level: 5, verifiedLevel: 5, levelName: 'Optimalisasi' });
    expect(a2024.published).toMatchObject({ source: 'Tabel 3.2', index: 2.98 });
    expect(a2024.allowedTransitions).toEqual([]);
    expect(a2024.editStage).toBeNull();
    const a2021 = (await get(`/api/v1/assessments/${byYear.get(2021)}`)).json();
    expect(a2021).toMatchObject({ indexRounded: 1.2, published: null, consistency: null });
    // the stored index is the full-precision value
    const row = await f.store.db.selectFrom('assessments').select('index_value').where('id', '=', byYear.get(2024)!).executeTakeFirstOrThrow();
    expect(Number(row.index_value)).toBeCloseTo(2.9795, 12);
    // loading again adds nothing
    const again = await f.services.evaluation.seedHistory(f.instansiId, f.services.datasets.datasetDir('bandar-lampung'));
    expect(again).toMatchObject({ created: 0, skipped: 4 });
  });

  it('keeps assessments to their instansi', async () => {
    expect((await get(`/api/v1/assessments/${byYear.get(2024)}`, f.tokens.otherAdmin)).statusCode).toBe(404);
    expect((await get('/api/v1/assessments', f.tokens.otherAdmin)).json().items).toEqual([]);
  });

  it('moves an assessment through draft → submitted → verified → final, each step by a permitted role, auditing all', async () => {
    expect((await post('/api/v1/assessments', { framework: 'pemdi-8-2026', year: 2026 }, f.tokens.viewer)).statusCode).toBe(403);
    expect((await post('/api/v1/assessments', { framework: 'pemdi-8-2026', year: 2026 }, f.tokens.reviewer)).statusCode).toBe(403);
    expect((await post('/api/v1/assessments', { framework: 'nope', year: 2026 }, f.tokens.operator)).statusCode).toBe(422);
    const created = await post('/api/v1/assessments', { framework: 'pemdi-8-2026', year: 2026 }, f.tokens.operator);
    expect(created.statusCode).toBe(201);
    const a = created.json();
    expect(a).toMatchObject({ framework: 'pemdi-8-2026', frameworkVersion: 1, status: 'draft', index: null, complete: false, total: 20, assessed: 0, editStage: 'self', allowedTransitions: ['submitted'] });
    expect((await post('/api/v1/assessments', { framework: 'pemdi-8-2026', year: 2026 }, f.tokens.admin)).statusCode).toBe(409);
    const url = `/api/v1/assessments/${a.id}`;

    // self-assessment
    const one = await put(`${url}/indicators/1`, { level: 3, note: 'SK Tim Koordinasi ada' }, f.tokens.operator);
    expect(one.statusCode).toBe(200);
    expect(one.json().indicators[0]).toMatchObject({ no: 1, level: 3, selfLevel: 3, verifiedLevel: null, note: 'SK Tim Koordinasi ada' });
    expect(one.json()).toMatchObject({ index: 3, indexRounded: 3, assessed: 1 });
    expect((await put(`${url}/indicators/1`, { level: 6 }, f.tokens.operator)).json()).toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'level' })] });
    expect((await put(`${url}/indicators/1`, { level: 2.5 }, f.tokens.operator)).statusCode).toBe(422);
    expect((await put(`${url}/indicators/21`, { level: 2 }, f.tokens.operator)).statusCode).toBe(404);
    expect((await put(`${url}/indicators/2`, { level: 2 }, f.tokens.viewer)).statusCode).toBe(403);
    expect((await put(`${url}/indicators/2`, { level: 2 }, f.tokens.reviewer)).statusCode).toBe(403);
    expect((await put(`${url}/indicators/2`, { level: 2 }, f.tokens.auditor)).statusCode).toBe(403);
    expect((await put(`${url}/indicators/2`, { level: 2 }, null)).statusCode).toBe(401);

    // submitting needs every level
    const early = await post(`${url}/transition`, { to: 'submitted' }, f.tokens.operator);
    expect(early.statusCode).toBe(422);
    expect(early.json().errors).toHaveLength(19);
    for (let no = 2; no <= 20; no++) expect((await put(`${url}/indicators/${no}`, { level: 1 + (no % 4) }, f.tokens.operator)).statusCode).toBe(200);
    expect((await post(`${url}/transition`, { to: 'verified' }, f.tokens.admin)).statusCode).toBe(409); // not from draft
    expect((await post(`${url}/transition`, { to: 'submitted' }, f.tokens.viewer)).statusCode).toBe(403);
    expect((await post(`${url}/transition`, { to: 'archived' }, f.tokens.admin)).statusCode).toBe(422);
    const submitted = await post(`${url}/transition`, { to: 'submitted' }, f.tokens.operator);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', complete: true });

    // verification
    expect((await put(`${url}/indicators/3`, { level: 4 }, f.tokens.operator)).statusCode).toBe(403);
    expect((await post(`${url}/transition`, { to: 'verified' }, f.tokens.operator)).statusCode).toBe(403);
    const verifiedOne = await put(`${url}/indicators/3`, { level: 2, note: 'Bukti hanya draf' }, f.tokens.reviewer);
    expect(verifiedOne.statusCode).toBe(200);
    const ind3 = verifiedOne.json().indicators[2];
    expect(ind3).toMatchObject({ level: 2, selfLevel: 4, verifiedLevel: 2, verificationNote: 'Bukti hanya draf', note: null });

    // returned for revision: the verification starts over
    const returned = await post(`${url}/transition`, { to: 'draft' }, f.tokens.admin);
    expect(returned.json()).toMatchObject({ status: 'draft' });
    expect(returned.json().indicators[2]).toMatchObject({ level: 4, selfLevel: 4, verifiedLevel: null });
    expect((await post(`${url}/transition`, { to: 'submitted' }, f.tokens.operator)).statusCode).toBe(200);
    expect((await put(`${url}/indicators/3`, { level: 2 }, f.tokens.admin)).statusCode).toBe(200);

    const verified = await post(`${url}/transition`, { to: 'verified' }, f.tokens.reviewer);
    expect(verified.statusCode).toBe(200);
    const v = verified.json();
    expect(v.status).toBe('verified');
    expect(v.indicators.every((i: { verifiedLevel: number | null; level: number }) => i.verifiedLevel === i.level)).toBe(true);
    expect(v.indicators[2].level).toBe(2);
    expect((await put(`${url}/indicators/4`, { level: 5 }, f.tokens.admin)).statusCode).toBe(409);
    expect((await post(`${url}/transition`, { to: 'final' }, f.tokens.reviewer)).statusCode).toBe(403);
    expect((await post(`${url}/transition`, { to: 'final' }, f.tokens.operator)).statusCode).toBe(403);
    const final = await post(`${url}/transition`, { to: 'final' }, f.tokens.admin);
    expect(final.json()).toMatchObject({ status: 'final', allowedTransitions: [] });
    expect((await post(`${url}/transition`, { to: 'draft' }, f.tokens.admin)).statusCode).toBe(409);
    expect((await put(`${url}/indicators/4`, { level: 5 }, f.tokens.admin)).statusCode).toBe(409);

    // the audit trail of the assessment holds every step, readable by a viewer
    const hist = (await get(`${url}/history`)).json().items as { action: string; entityType: string; username: string; before: any; after: any }[];
    expect(hist.every((e) => e.entityType === 'assessment')).toBe(true);
    const transitions = hist.filter((e) => e.action === 'transition').map((e) => `${e.before.status}>${e.after.status}:${e.username}`).reverse();
    expect(transitions).toEqual(['draft>submitted:operator', 'submitted>draft:admin', 'draft>submitted:operator', 'submitted>verified:reviewer', 'verified>final:admin']);
    expect(hist.filter((e) => e.action === 'indicator.update')).toHaveLength(22);
    expect(hist.at(-1)).toMatchObject({ action: 'create', username: 'operator' });
    const firstEdit = hist.filter((e) => e.action === 'indicator.update').at(-1)!;
    expect(firstEdit.before).toMatchObject({ indicator: 1, level: null });
    expect(firstEdit.after).toMatchObject({ indicator: 1, level: 3, note: 'SK Tim Koordinasi ada' });
  });

  it('plans the smallest set of raises, with what each asks for and the initiatives serving it', async () => {
    // An initiative naming the indicators it serves (attribute evaluationIndicators, "framework:number").
    const now = new Date().toISOString();
    const initiative = {
      id: uuidv7(),
      instansiId: f.instansiId,
      kind: 'initiative',
      domain: 'planning',
      code: 'PR-01',
      name: 'Pengembangan layanan publik sektor',
      description: null,
      orgUnitId: f.org.a,
      refCode: null,
      lifecycle: 'to-be',
      classification: 'terbuka',
      attributes: { status: 'direncanakan', startYear: 2025, endYear: 2026, evaluationIndicators: ['spbe-59-2020:45', 'spbe-59-2020:46'] },
      provenance: null,
      sourceKey: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
      createdBy: null,
      updatedBy: null,
    };
    await f.services.repositories.elements.insert(f.store.db, initiative);
    const url = `/api/v1/assessments/${byYear.get(2024)}/plan`;
    const r = await post(url, { targetIndex: 3.5, maxRaisePerIndicator: 1 }, f.tokens.viewer);
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ feasible: true, alreadyReached: false, steps: 19, currentRounded: 2.98, targetIndex: 3.5, currentPredicate: { name: 'Baik' } });
    expect(p.resultRounded).toBeGreaterThanOrEqual(3.5);
    expect(p.resultPredicate.name).toBe('Sangat Baik');
    const r45 = p.raises.find((x: { no: number }) => x.no === 45);
    expect(r45).toMatchObject({ from: 2, to: 3, steps: 1, weight: 3, asks: [{ level: 3, name: 'Transaksi' }] });
    expect(r45.initiatives).toEqual([expect.objectContaining({ id: initiative.id, code: 'PR-01', status: 'direncanakan', startYear: 2025 })]);
    expect(p.raises.find((x: { no: number }) => x.no === 42).initiatives).toEqual([]);
    const far = (await post(url, { targetIndex: 4.5 }, f.tokens.viewer)).json();
    expect(far).toMatchObject({ feasible: false, raises: [] });
    expect((await post(url, { targetIndex: 6 }, f.tokens.viewer)).statusCode).toBe(422);
    expect((await post(url, { targetIndex: 3.5, maxLevels: { '99': 3 } }, f.tokens.viewer)).statusCode).toBe(422);
    expect((await post(url, { targetIndex: 3.5 }, null)).statusCode).toBe(401);
  });

  it('shows the history in the structure of 8/2026, clearly as an estimate', async () => {
    const r = await get(`/api/v1/assessments/${byYear.get(2024)}/crosswalk`);
    expect(r.statusCode).toBe(200);
    const c = r.json();
    expect(c).toMatchObject({ estimate: true, from: { framework: 'spbe-59-2020' }, to: { framework: 'pemdi-8-2026' }, crosswalk: { id: 'crosswalk-59-2020-to-8-2026', method: 'mean' } });
    expect(c.notice).toMatch(/PERKIRAAN/);
    expect(c.coverage).toBeCloseTo(0.87, 10);
    expect(c.aspects).toHaveLength(7);
    expect(c.indicators.find((i: { no: number }) => i.no === 14)).toMatchObject({ level: 2.75, rounded: 2.75, strength: 'strong' });
    const pemdi = (await get('/api/v1/assessments?framework=pemdi-8-2026')).json().items[0];
    expect((await get(`/api/v1/assessments/${pemdi.id}/crosswalk`)).statusCode).toBe(404);
  });

  describe('loading frameworks', () => {
    const corrected = () => {
      const def = readJson('frameworks', 'spbe-59-2020.json');
      def.version = 2;
      def.domains[0].aspects[0].indicators[0].criteria = { '3': 'Kebijakan internal arsitektur SPBE telah ditetapkan dan berlaku bagi seluruh perangkat daerah.' };
      return def;
    };

    it('rejects a bad file with every reason and changes nothing', async () => {
      const before = { frameworks: await count('frameworks'), audit: await count('audit_events') };
      const bad = corrected();
      bad.domains[3].aspects[0].indicators[0].weight = 3;
      bad.domains[0].aspects[0].indicators[1].no = 1;
      const r = await post('/api/v1/frameworks', bad);
      expect(r.statusCode).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const fields = r.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['domains.3.aspects.0.weight', 'domains.3.weight', 'domains', 'domains.0.aspects.0.indicators.1.no']));
      expect((await post('/api/v1/frameworks', { hello: 'world' })).statusCode).toBe(422);
      const badCrosswalk = readJson('frameworks', 'crosswalk-59-2020-to-8-2026.json');
      badCrosswalk.version = 2;
      badCrosswalk.mappings[0].from = [99];
      expect((await post('/api/v1/frameworks', badCrosswalk)).json().errors).toContainEqual(expect.objectContaining({ field: 'mappings.0.from.0', rule: 'exists' }));
      expect(await count('frameworks')).toBe(before.frameworks);
      expect(await count('audit_events')).toBe(before.audit);
    });

    it('lets only admins load, refuses versions that are not newer, and keeps assessments on their version', async () => {
      expect((await post('/api/v1/frameworks', corrected(), f.tokens.operator)).statusCode).toBe(403);
      expect((await post('/api/v1/frameworks', corrected(), f.tokens.reviewer)).statusCode).toBe(403);
      const same = readJson('frameworks', 'spbe-59-2020.json');
      expect((await post('/api/v1/frameworks', same)).json()).toMatchObject({ status: 409, currentVersion: 1 });
      const r = await post('/api/v1/frameworks', corrected());
      expect(r.statusCode).toBe(201);
      expect(r.json()).toMatchObject({ id: 'spbe-59-2020', version: 2, scope: 'instansi', latest: true });
      const versions = (await get('/api/v1/frameworks')).json().items.filter((x: { id: string }) => x.id === 'spbe-59-2020');
      expect(versions.map((x: { version: number; latest: boolean }) => [x.version, x.latest])).toEqual([
        [2, true],
        [1, false],
      ]);
      // existing assessments keep version 1; a new one takes version 2
      expect((await get(`/api/v1/assessments/${byYear.get(2024)}`)).json().frameworkVersion).toBe(1);
      const next = (await post('/api/v1/assessments', { framework: 'spbe-59-2020', year: 2025 }, f.tokens.operator)).json();
      expect(next.frameworkVersion).toBe(2);
      const plan = (await post(`/api/v1/assessments/${next.id}/plan`, { targetIndex: 1.02 }, f.tokens.viewer)).json();
      expect(plan.unassessed).toHaveLength(47);
      // the other instansi does not see this instansi's correction
      const other = (await get('/api/v1/frameworks', f.tokens.otherAdmin)).json().items.filter((x: { id: string }) => x.id === 'spbe-59-2020');
      expect(other.map((x: { version: number }) => x.version)).toEqual([1]);
      const audit = (await get(`/api/v1/audit?limit=5`, f.tokens.admin)).json().items;
      expect(audit).toContainEqual(expect.objectContaining({ action: 'load', entityType: 'framework' }));
    });
  });
});
