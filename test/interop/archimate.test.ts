import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/services/container.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { RELATION_TYPES } from '../../src/domain/kind.js';
import { call, DATABASES, fixture, testStore, type Fixture, type TestStore } from '../helpers.js';
import { adminActor, contentOf, countRows, craftRepository, xmllint } from './support.js';

const EVERY_TYPE = readFileSync(join(import.meta.dirname, 'fixtures', 'every-type.xml'), 'utf8');

/** The file without what differs between two exports of the same content: the time and the model identifier. */
function stable(xml: string): string {
  return xml
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'TIME')
    .replace(/(<model [^>]*identifier=")[^"]+"/, '$1MODEL"')
    .replace(/(<model [^>]*>\s*<name xml:lang="id">)[^<]*/, '$1NAME')
    .replace(/<value xml:lang="id">kota-[a-z-]+<\/value>/, '<value xml:lang="id">INSTANSI</value>');
}

describe.each(DATABASES)('ArchiMate exchange on %s', (dbKind) => {
  describe('round trip of the seeded city (DatasetService.seed)', () => {
    let a: TestStore;
    let b: TestStore;
    let sa: Services;
    let sb: Services;
    let instA: string;
    let instB: string;
    let xml: string;

    beforeAll(async () => {
      a = await testStore(dbKind);
      sa = createServices(a);
      instA = (await sa.datasets.seed()).instansi.id;
      b = await testStore(dbKind);
      sb = createServices(b);
      await sb.datasets.ensureReferenceModels();
      instB = (await sb.datasets.createInstansi('kota-salinan', 'Kota Salinan')).id;
      xml = (await sa.interop.exportArchimate(adminActor(instA))).xml;
    }, 120_000);
    afterAll(async () => {
      await a?.cleanup();
      await b?.cleanup();
    });

    it('exports a file that validates against the ArchiMate 3.1 XSD', () => {
      const r = xmllint(xml);
      expect(r.output).toContain('validates');
      expect(r.ok).toBe(true);
    });

    it('imports into an empty repository and reproduces it exactly', async () => {
      const before = await countRows(a.db);
      const preview = await sb.interop.importArchimate(adminActor(instB), xml, 'preview');
      expect(preview.errors).toEqual([]);
      expect(preview.unmapped).toEqual([]);
      expect(preview.committed).toBe(false);
      expect((await countRows(b.db)).elements).toBe(0);

      const report = await sb.interop.importArchimate(adminActor(instB), xml, 'commit');
      expect(report.committed).toBe(true);
      expect(report.summary.elements.create).toBe(before.elements);
      expect(report.summary.relations.create).toBe(before.relations);
      expect(report.summary.orgUnits.create).toBe(before.org_units);

      expect(await contentOf(b.db, instB)).toEqual(await contentOf(a.db, instA));
      // And the copy exports the same file.
      const again = (await sb.interop.exportArchimate(adminActor(instB))).xml;
      expect(stable(again)).toBe(stable(xml));
    }, 120_000);

    it('audits every imported write, and importing the same file again writes nothing', async () => {
      const counts = await countRows(b.db);
      const audited = await b.db.selectFrom('audit_events').select(['entity_type', 'action']).where('instansi_id', '=', instB).execute();
      expect(audited.filter((e) => e.action === 'create').length).toBe(counts.elements + counts.relations + counts.org_units);
      expect(new Set(audited.map((e) => e.entity_type))).toEqual(new Set(['element', 'relation', 'org-unit']));

      const report = await sb.interop.importArchimate(adminActor(instB), xml, 'commit');
      expect(report.summary.elements).toEqual({ create: 0, update: 0, unchanged: counts.elements });
      expect(report.summary.relations).toEqual({ create: 0, update: 0, unchanged: counts.relations });
      expect(await countRows(b.db)).toEqual(counts);
    }, 120_000);

    it('re-importing into the source repository changes nothing', async () => {
      const counts = await countRows(a.db);
      const report = await sa.interop.importArchimate(adminActor(instA), xml, 'commit');
      expect(report.summary.elements.update + report.summary.elements.create).toBe(0);
      expect(await countRows(a.db)).toEqual(counts);
    }, 120_000);
  });

  describe('round trip of a crafted repository using every kind and relation type', () => {
    let f: Fixture;
    let other: TestStore;
    let so: Services;
    let xml: string;
    let crafted: Awaited<ReturnType<typeof craftRepository>>;

    beforeAll(async () => {
      f = await fixture(dbKind);
      crafted = await craftRepository(f.services, f.instansiId, { orgIds: [f.org.a, f.org.b], refs: { RAL: 'RAL:01.16', RAA: 'RAA:02.02' } });
      xml = (await f.services.interop.exportArchimate(adminActor(f.instansiId))).xml;
      other = await testStore(dbKind);
      so = createServices(other);
      for (const [model, code, level, parent] of [
        ['RAL', '01', 1, null],
        ['RAL', '01.16', 2, '01'],
        ['RAA', '02', 1, null],
        ['RAA', '02.02', 2, '02'],
      ] as const) {
        await so.repositories.references.insert(other.db, { id: `${model}-${code}`, scope: 'national', model, code, name: code, description: null, level, parentCode: parent, provenance: null });
      }
    }, 120_000);
    afterAll(async () => {
      await f?.close();
      await other?.cleanup();
    });

    it('uses every kind and every relation type', async () => {
      const kinds = new Set((await f.store.db.selectFrom('elements').select('kind').where('instansi_id', '=', f.instansiId).execute()).map((r) => r.kind));
      expect([...kinds].sort()).toEqual(KINDS.map((k) => k.id).sort());
      const types = new Set((await f.store.db.selectFrom('relations').select('type').where('instansi_id', '=', f.instansiId).execute()).map((r) => r.type));
      // 'aggregates' is declared but no kind may use it yet.
      expect([...types].sort()).toEqual(Object.keys(RELATION_TYPES).filter((t) => t !== 'aggregates').sort());
      expect(crafted.relations).toBeGreaterThan(100);
    });

    it('exports a file that validates against the XSD', () => {
      expect(xmllint(xml).ok).toBe(true);
    });

    it('imports into an empty repository with the same ids and content', async () => {
      const inst = (await so.datasets.createInstansi('kota-uji', 'Kota Uji')).id;
      const report = await so.interop.importArchimate(adminActor(inst), xml, 'commit');
      expect(report.errors).toEqual([]);
      expect(await contentOf(other.db, inst)).toEqual(await contentOf(f.store.db, f.instansiId));
      expect(stable((await so.interop.exportArchimate(adminActor(inst))).xml)).toBe(stable(xml));
    }, 60_000);

    it('imports into another instansi of the same store under new ids, content intact', async () => {
      const report = await f.services.interop.importArchimate(adminActor(f.otherInstansiId), xml, 'commit');
      expect(report.errors).toEqual([]);
      const mine = await contentOf(f.store.db, f.instansiId, { ids: false });
      const theirs = await contentOf(f.store.db, f.otherInstansiId, { ids: false });
      expect(theirs.elements).toEqual(mine.elements);
      expect(theirs.relations).toEqual(mine.relations);
      const ids = new Set((await f.store.db.selectFrom('elements').select('id').where('instansi_id', '=', f.instansiId).execute()).map((r) => r.id));
      const otherIds = (await f.store.db.selectFrom('elements').select('id').where('instansi_id', '=', f.otherInstansiId).execute()).map((r) => r.id);
      expect(otherIds.some((id) => ids.has(id))).toBe(false);
    }, 60_000);
  });

  describe('a hand-written exchange file with every element and relationship type', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await fixture(dbKind);
    });
    afterAll(async () => f?.close());

    it('is a valid exchange file', () => {
      expect(xmllint(EVERY_TYPE).ok).toBe(true);
    });

    it('previews what maps to what and what cannot', async () => {
      const r = await f.services.interop.importArchimate(adminActor(f.instansiId), EVERY_TYPE, 'preview');
      expect(r.errors).toEqual([]);
      const kindOf = (ref: string) => r.items.find((i) => i.ref === ref)?.mapsTo;
      expect(kindOf('id-businessprocess')).toBe('business-process');
      expect(kindOf('id-subprocess')).toBe('sub-process');
      expect(r.items.find((i) => i.ref === 'id-subprocess')?.mappedBy).toBe('code-pattern');
      expect(kindOf('id-businessfunction')).toBe('process-group');
      expect(kindOf('id-businessservice')).toBe('service');
      expect(kindOf('id-dataobject')).toBe('data');
      expect(kindOf('id-businessobject')).toBe('data');
      expect(kindOf('id-applicationcomponent')).toBe('application');
      expect(kindOf('id-applicationinterface')).toBe('application-interface');
      expect(kindOf('id-node')).toBe('server');
      expect(kindOf('id-device')).toBe('network-device');
      expect(kindOf('id-systemsoftware')).toBe('platform-software');
      expect(kindOf('id-technologyservice')).toBe('service-bus');
      expect(kindOf('id-communicationnetwork')).toBe('intranet');
      expect(kindOf('id-facility')).toBe('facility');
      expect(kindOf('id-goal')).toBe('goal');
      expect(kindOf('id-outcome')).toBe('objective');
      expect(kindOf('id-constraint')).toBe('security-standard');
      expect(kindOf('id-assessment')).toBe('security-assessment');
      expect(kindOf('id-courseofaction')).toBe('security-improvement');
      expect(kindOf('id-businessevent')).toBe('incident');
      expect(kindOf('id-gap')).toBe('gap');
      expect(kindOf('id-workpackage')).toBe('initiative');
      const actor = r.items.find((i) => i.ref === 'id-businessactor');
      expect(actor).toMatchObject({ entity: 'org-unit', action: 'unchanged', id: f.org.b });

      const rel = (ref: string) => r.items.find((i) => i.ref === ref)?.mapsTo;
      expect(rel('id-r-composition')).toBe('composes');
      expect(rel('id-r-aggregation')).toBe('composes');
      expect(rel('id-r-assignment')).toBe('hosts');
      expect(rel('id-r-realization')).toBe('realizes');
      expect(rel('id-r-serving')).toBe('serves');
      expect(rel('id-r-access-write')).toBe('produces');
      expect(rel('id-r-access-read')).toBe('accesses');
      expect(rel('id-r-influence')).toBe('supports');
      expect(rel('id-r-flow')).toBe('integrates');
      expect(rel('id-r-association')).toBe('connects');
      expect(rel('id-r-association-gap')).toBe('concerns');
      expect(rel('id-r-association-wp')).toBe('closes');
      expect(rel('id-r-realization-wp')).toBe('delivers');
      expect(rel('id-r-serving-platform')).toBe('serves');
      // An application uses an interface: written as the interface serving it.
      expect(rel('id-r-serving-interface')).toBe('uses');
      const uses = r.items.find((i) => i.ref === 'id-r-serving-interface')!;
      expect(uses.mappedBy).toBe('endpoints');

      const unmapped = new Map(r.unmapped.map((u) => [u.ref, u.reason]));
      for (const t of ['businessrole', 'businesscollaboration', 'businessinterface', 'businessinteraction', 'contract', 'representation', 'product', 'applicationcollaboration', 'applicationfunction', 'applicationinteraction', 'applicationprocess', 'applicationevent', 'applicationservice', 'technologycollaboration', 'technologyinterface', 'path', 'technologyfunction', 'technologyprocess', 'technologyinteraction', 'technologyevent', 'artifact', 'equipment', 'distributionnetwork', 'material', 'stakeholder', 'driver', 'principle', 'requirement', 'meaning', 'value', 'resource', 'capability', 'valuestream', 'deliverable', 'implementationevent', 'plateau', 'grouping', 'location', 'andjunction', 'orjunction']) {
        expect(unmapped.get(`id-${t}`), t).toMatch(/no kind/);
      }
      expect(unmapped.get('id-r-triggering')).toMatch(/no relation for a Triggering/);
      expect(unmapped.get('id-r-specialization')).toMatch(/no relation for a Specialization/);
      expect(unmapped.get('id-r-role')).toMatch(/not imported/);
      expect(unmapped.get('id-r-junction')).toMatch(/not imported|junction/);
      expect(unmapped.get('id-r-unmappable')).toMatch(/no relation for a Serving from a data to a business-process/);
      expect(unmapped.get('id-r-on-relationship')).toMatch(/relationship or junction/);
      expect(unmapped.get('views')).toMatch(/1 view/);
      expect(unmapped.get('property:Vendor')).toBeDefined();
      // Every element and relationship of the file is accounted for.
      const refs = [...EVERY_TYPE.matchAll(/<(?:element|relationship) identifier="([^"]+)"/g)].map((m) => m[1]);
      for (const ref of refs) expect(r.items.some((i) => i.ref === ref) || unmapped.has(ref) || ref === 'id-r-owner', ref).toBe(true);
      expect(r.items.find((i) => i.ref === 'id-r-owner')).toBeUndefined();
    });

    it('commits the mappable part, with attributes, owner and code, and a second import is idempotent', async () => {
      const r = await f.services.interop.importArchimate(adminActor(f.instansiId), EVERY_TYPE, 'commit');
      expect(r.committed).toBe(true);
      const bp = await f.store.db.selectFrom('elements').selectAll().where('source_key', '=', 'archimate:id-businessprocess').executeTakeFirstOrThrow();
      expect(bp).toMatchObject({ kind: 'business-process', code: 'BDL-04', org_unit_id: f.org.b });
      expect(JSON.parse(bp.attributes)).toEqual({ input: 'Formulir permohonan' });
      const app = await f.store.db.selectFrom('elements').selectAll().where('source_key', '=', 'archimate:id-applicationcomponent').executeTakeFirstOrThrow();
      expect(JSON.parse(app.attributes)).toEqual({ status: 'aktif' });
      expect(app.description).toBe('Uraian SIAK Terpusat & catatan');
      const counts = await countRows(f.store.db);
      const again = await f.services.interop.importArchimate(adminActor(f.instansiId), EVERY_TYPE, 'commit');
      expect(again.summary.elements.create + again.summary.elements.update).toBe(0);
      expect(await countRows(f.store.db)).toEqual(counts);
    });
  });

  describe('over HTTP', () => {
    let f: Fixture;
    let secretId: string;
    let openId: string;
    beforeAll(async () => {
      f = await fixture(dbKind);
      const mk = async (body: Record<string, unknown>) => (await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: body })).json();
      openId = (await mk({ kind: 'application', name: 'Aplikasi Terbuka', orgUnitId: f.org.a })).id;
      secretId = (await mk({ kind: 'application', name: 'Aplikasi Rahasia', orgUnitId: f.org.b, classification: 'rahasia' })).id;
      await mk({ kind: 'server', name: 'Server Terbatas', orgUnitId: f.org.a });
    });
    afterAll(async () => f?.close());

    it('GET /export/archimate gives anonymous readers only open elements, as a valid file', async () => {
      const r = await call(f.app, null, { method: 'GET', url: '/api/v1/export/archimate' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('application/xml');
      expect(r.headers['content-disposition']).toMatch(/attachment; filename="atlas-kota-uji-/);
      expect(r.body).toContain(openId);
      expect(r.body).not.toContain(secretId);
      expect(r.body).not.toContain('Server Terbatas');
      expect(xmllint(r.body).ok).toBe(true);
      const admin = await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/archimate?kind=application' });
      expect(admin.body).toContain(secretId);
      expect(admin.body).not.toContain('Server Terbatas');
      expect(admin.body).toContain('kind=application');
      expect(xmllint(admin.body).ok).toBe(true);
    });

    it('refuses imports from anonymous visitors and viewers, and bad XML as problem+json', async () => {
      const xml = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/archimate' })).body;
      const post = (token: string | null, body: string, mode = 'preview') =>
        call(f.app, token, { method: 'POST', url: `/api/v1/import/archimate?mode=${mode}`, payload: body, headers: { 'content-type': 'application/xml' } });
      expect((await post(null, xml)).statusCode).toBe(401);
      expect((await post(f.tokens.viewer, xml)).statusCode).toBe(403);
      const bad = await post(f.tokens.admin, '<model><elements></model>');
      expect(bad.statusCode).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().errors[0]).toMatchObject({ field: 'body', rule: 'xml' });
      const notArchimate = await post(f.tokens.admin, '<?xml version="1.0"?><catalog/>');
      expect(notArchimate.json().errors[0]).toMatchObject({ field: 'body', rule: 'archimate:model' });
      const doctype = await post(f.tokens.admin, '<?xml version="1.0"?><!DOCTYPE model [<!ENTITY x "y">]><model/>');
      expect(doctype.json().errors[0]).toMatchObject({ rule: 'xml:doctype' });
      const ok = await post(f.tokens.admin, xml);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().summary.elements.unchanged).toBe(3);
    });

    it('a commit with one broken element writes nothing and names the element, field and rule', async () => {
      const xml = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/archimate' })).body;
      const broken = xml
        .replace(new RegExp(`(<element identifier="id-${openId}" xsi:type="ApplicationComponent">[\\s\\S]*?<properties>)`), '$1<property propertyDefinitionRef="propid-bad"><value>aktif-sekali</value></property>')
        .replace('</propertyDefinitions>', '<propertyDefinition identifier="propid-bad" type="string"><name>Status [status]</name></propertyDefinition></propertyDefinitions>')
        .replace('>Aplikasi Rahasia<', '>Aplikasi Rahasia (diubah)<');
      expect(broken).toContain('aktif-sekali');
      const before = await countRows(f.store.db);
      const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/archimate?mode=commit', payload: broken, headers: { 'content-type': 'application/xml' } });
      expect(r.statusCode).toBe(422);
      expect(r.json().errors).toContainEqual(expect.objectContaining({ ref: `id-${openId}`, field: 'attributes.status', rule: 'enum', value: 'aktif-sekali' }));
      expect(r.json().report.summary.errors).toBe(1);
      expect(await countRows(f.store.db)).toEqual(before);
      const still = await call(f.app, f.tokens.admin, { method: 'GET', url: `/api/v1/elements/${secretId}` });
      expect(still.json().name).toBe('Aplikasi Rahasia');
    });

    it('lets an operator import rows of their own OPD only', async () => {
      const xml = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/archimate?kind=application' })).body;
      const mine = xml.replace('>Aplikasi Terbuka<', '>Aplikasi Terbuka v2<');
      const ok = await call(f.app, f.tokens.operator, { method: 'POST', url: '/api/v1/import/archimate?mode=commit', payload: mine, headers: { 'content-type': 'application/xml' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().summary.elements.update).toBe(1);
      const theirs = xml.replace('>Aplikasi Rahasia<', '>Aplikasi Rahasia v2<');
      const denied = await call(f.app, f.tokens.operator, { method: 'POST', url: '/api/v1/import/archimate?mode=commit', payload: theirs, headers: { 'content-type': 'application/xml' } });
      expect(denied.statusCode).toBe(422);
      expect(denied.json().errors).toContainEqual(expect.objectContaining({ ref: `id-${secretId}`, rule: 'forbidden' }));
    });

    it('serves the mapping tables', async () => {
      const r = (await call(f.app, null, { method: 'GET', url: '/api/v1/exchange/archimate-mapping' })).json();
      expect(r.kinds).toContainEqual({ kind: 'service', label: 'Layanan', archimateType: 'BusinessService', defaultForType: true });
      expect(r.relations).toContainEqual({ type: 'uses', label: 'menggunakan', archimateTypes: ['Serving', 'Association'], reversed: true, accessType: null });
      expect(r.orgUnitType).toBe('BusinessActor');
    });

    it('accepts the file as a multipart upload', async () => {
      const xml = (await call(f.app, f.tokens.admin, { method: 'GET', url: '/api/v1/export/archimate' })).body;
      const boundary = 'atlasboundary';
      const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="model.xml"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n--${boundary}--\r\n`;
      const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/import/archimate', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      expect(r.statusCode).toBe(200);
      expect(r.json().mode).toBe('preview');
    });
  });
});

describe('the mapping', () => {
  it('maps every kind and relation type (docs/interop.md lists them)', async () => {
    const { KIND_TO_ARCHIMATE, RELATION_TO_ARCHIMATE, unmappedKinds } = await import('../../src/interop/archimate/mapping.js');
    expect(unmappedKinds()).toEqual([]);
    expect(Object.keys(RELATION_TO_ARCHIMATE).sort()).toEqual(Object.keys(RELATION_TYPES).sort());
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'interop.md'), 'utf8');
    for (const [kind, type] of Object.entries(KIND_TO_ARCHIMATE)) expect(doc, kind).toMatch(new RegExp(`\`${kind}\`[^\\n]*${type}`));
    for (const t of Object.keys(RELATION_TYPES)) expect(doc, t).toContain(`\`${t}\``);
  });
});
