import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, DATABASES, fixture, type Fixture } from '../helpers.js';

/** Keys of a CKAN package dict (CKAN 2.9/2.10 package_show). */
const PACKAGE_KEYS = [
  'author',
  'author_email',
  'extras',
  'groups',
  'id',
  'isopen',
  'license_id',
  'license_title',
  'maintainer',
  'maintainer_email',
  'metadata_created',
  'metadata_modified',
  'name',
  'notes',
  'num_resources',
  'num_tags',
  'organization',
  'owner_org',
  'private',
  'relationships_as_object',
  'relationships_as_subject',
  'resources',
  'state',
  'tags',
  'title',
  'type',
  'url',
  'version',
];

describe.each(DATABASES)('Satu Data (CKAN Action API, DCAT) on %s', (db) => {
  let f: Fixture;
  const ids: Record<string, string> = {};
  const hidden: string[] = [];
  const responses: string[] = [];

  async function action(name: string, query = '', token: string | null = null) {
    const r = await call(f.app, token, { method: 'GET', url: `/api/3/action/${name}${query ? `?${query}` : ''}` });
    responses.push(r.body);
    return r;
  }

  beforeAll(async () => {
    f = await fixture(db);
    const mk = async (body: Record<string, unknown>) => {
      const r = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'data', ...body } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    ids.penduduk = await mk({
      code: 'DT-01',
      name: 'Jumlah Penduduk per Kecamatan',
      description: 'Data agregat kependudukan.',
      orgUnitId: f.org.a,
      attributes: {
        dataType: 'Statistik',
        dataNature: 'Terbuka',
        validity: 'Tahunan',
        producer: 'Dinas Kependudukan dan Pencatatan Sipil',
        custodian: 'Dinas Komunikasi dan Informatika',
        format: ['CSV', 'JSON'],
        accessUrl: 'https://data.example.go.id/penduduk.csv',
        interoperable: true,
      },
    });
    ids.peta = await mk({ code: 'DT-02', name: 'Peta Batas Kelurahan', orgUnitId: f.org.a, attributes: { dataType: 'Geospasial', format: ['GeoJSON'], accessUrl: 'https://data.example.go.id/batas.geojson' } });
    ids.tanpaOpd = await mk({ name: 'Data Tanpa OPD', attributes: {} });
    ids.terbatas = await mk({ name: 'Data Pasien Terbatas', orgUnitId: f.org.b, classification: 'terbatas', attributes: { dataType: 'Statistik' } });
    ids.rahasia = await mk({ name: 'Data Rahasia Kesehatan', orgUnitId: f.org.b, classification: 'rahasia' });
    ids.tertutup = await mk({ name: 'Data Sifat Tertutup', orgUnitId: f.org.b, attributes: { dataNature: 'Tertutup' } });
    hidden.push(ids.terbatas, ids.rahasia, ids.tertutup, 'Data Pasien Terbatas', 'Data Rahasia Kesehatan', 'Data Sifat Tertutup', f.org.b, 'dinkes', 'Dinas Kesehatan');
    const app = await call(f.app, f.tokens.admin, { method: 'POST', url: '/api/v1/elements', payload: { kind: 'application', name: 'Aplikasi Dinkes', orgUnitId: f.org.b } });
    hidden.push(app.json().id);
  });
  afterAll(async () => f?.close());

  it('package_list names the open datasets only, in the CKAN envelope', async () => {
    const r = await action('package_list');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    const body = r.json();
    expect(Object.keys(body).sort()).toEqual(['help', 'result', 'success']);
    expect(body.success).toBe(true);
    expect(body.help).toMatch(/\/api\/3\/action\/help_show\?name=package_list$/);
    expect(body.result).toHaveLength(3);
    for (const n of body.result) expect(n).toMatch(/^[a-z0-9_-]{2,100}$/);
    expect(body.result.find((n: string) => n.startsWith('jumlah-penduduk-per-kecamatan-'))).toBeDefined();
    expect((await action('package_list', 'limit=1&offset=1')).json().result).toEqual([body.result[1]]);
  });

  it('package_show gives a CKAN package dict by name or id; hidden data are Not Found', async () => {
    const byId = (await action('package_show', `id=${ids.penduduk}`)).json();
    expect(byId.success).toBe(true);
    const p = byId.result;
    expect(Object.keys(p).sort()).toEqual(PACKAGE_KEYS);
    expect(p).toMatchObject({
      id: ids.penduduk,
      title: 'Jumlah Penduduk per Kecamatan',
      notes: 'Data agregat kependudukan.',
      type: 'dataset',
      state: 'active',
      private: false,
      owner_org: f.org.a,
      author: 'Dinas Kependudukan dan Pencatatan Sipil',
      maintainer: 'Dinas Komunikasi dan Informatika',
      num_resources: 2,
      organization: { id: f.org.a, name: 'diskominfo', title: 'Dinas Komunikasi dan Informatika', type: 'organization', is_organization: true, state: 'active' },
    });
    expect(p.resources.map((x: { format: string }) => x.format)).toEqual(['CSV', 'JSON']);
    expect(p.resources[0]).toMatchObject({ package_id: ids.penduduk, url: 'https://data.example.go.id/penduduk.csv', position: 0, state: 'active' });
    expect(p.tags.map((t: { name: string }) => t.name)).toEqual(['Statistik', 'CSV', 'JSON']);
    expect(p.extras).toContainEqual({ key: 'validitas_data', value: 'Tahunan' });
    expect(p.extras).toContainEqual({ key: 'kode', value: 'DT-01' });
    const byName = (await action('package_show', `id=${p.name}`)).json();
    expect(byName.result.id).toBe(ids.penduduk);

    for (const id of [ids.terbatas, ids.rahasia, ids.tertutup, 'tidak-ada']) {
      const nf = await action('package_show', `id=${id}`, f.tokens.admin);
      expect(nf.statusCode).toBe(404);
      expect(nf.json()).toEqual({ help: expect.stringContaining('help_show?name=package_show'), success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    }
    const missing = await action('package_show');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toEqual({ __type: 'Validation Error', message: 'Missing value: id', id: ['Missing value'] });
  });

  it('package_search supports q, fq, rows, start, sort and facets', async () => {
    const all = (await action('package_search')).json().result;
    expect(Object.keys(all).sort()).toEqual(['count', 'facets', 'results', 'search_facets', 'sort']);
    expect(all.count).toBe(3);
    expect((await action('package_search', 'q=Statistik')).json().result.count).toBe(1);
    expect((await action('package_search', 'q=kelurahan')).json().result.results[0].id).toBe(ids.peta);
    expect((await action('package_search', 'q=*:*')).json().result.count).toBe(3);
    expect((await action('package_search', 'fq=organization:diskominfo')).json().result.count).toBe(2);
    expect((await action('package_search', 'fq=res_format:CSV')).json().result.count).toBe(1);
    expect((await action('package_search', `fq=${encodeURIComponent('tags:"Geospasial"')}`)).json().result.count).toBe(1);
    expect((await action('package_search', 'fq=-organization:diskominfo')).json().result.count).toBe(1);
    const paged = (await action('package_search', 'sort=name%20asc&rows=1&start=1')).json().result;
    expect(paged.count).toBe(3);
    expect(paged.results).toHaveLength(1);
    expect(paged.results[0].name).toBe([...(await action('package_list')).json().result].sort()[1]);
    const facets = (await action('package_search', `facet.field=${encodeURIComponent('["organization","res_format"]')}`)).json().result;
    expect(facets.facets.organization).toEqual({ diskominfo: 2 });
    expect(facets.facets.res_format).toEqual({ CSV: 1, JSON: 1, GeoJSON: 1 });
    expect(facets.search_facets.organization.items).toEqual([{ name: 'diskominfo', display_name: 'Dinas Komunikasi dan Informatika', count: 2 }]);

    const bad = await action('package_search', 'rows=banyak');
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error).toMatchObject({ __type: 'Validation Error', rows: ['Invalid integer'] });
    const badField = await action('package_search', 'fq=rahasia:ya');
    expect(badField.statusCode).toBe(409);
    expect(badField.json().error.__type).toBe('Search Query Error');
    const post = await call(f.app, null, { method: 'POST', url: '/api/3/action/package_search', payload: { q: 'penduduk', rows: 5 } });
    expect(post.json().result.count).toBe(1);
  });

  it('organization_list and organization_show: only OPDs owning an open dataset', async () => {
    const names = (await action('organization_list')).json();
    expect(names).toMatchObject({ success: true, result: ['diskominfo'] });
    const full = (await action('organization_list', 'all_fields=true')).json().result;
    expect(full[0]).toMatchObject({ id: f.org.a, name: 'diskominfo', title: 'Dinas Komunikasi dan Informatika', display_name: 'Dinas Komunikasi dan Informatika', type: 'organization', is_organization: true, package_count: 2, state: 'active', approval_status: 'approved' });
    const show = (await action('organization_show', 'id=diskominfo&include_datasets=true')).json().result;
    expect(show.package_count).toBe(2);
    expect(show.packages.map((p: { id: string }) => p.id).sort()).toEqual([ids.penduduk, ids.peta].sort());
    expect((await action('organization_show', `id=${f.org.a}`)).json().result.packages).toBeUndefined();
    const dinkes = await action('organization_show', 'id=dinkes', f.tokens.admin);
    expect(dinkes.statusCode).toBe(404);
    expect(dinkes.json().error.__type).toBe('Not Found Error');
  });

  it('answers unknown actions and help like CKAN', async () => {
    const r = await action('package_create');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ success: false, error: { __type: 'Bad Request', message: 'Bad request - Action name not known: package_create' } });
    expect((await action('help_show', 'name=package_search')).json().result).toContain('Searches for packages');
    expect((await action('status_show')).json().result).toMatchObject({ ckan_version: expect.any(String), extensions: [] });
  });

  it('never shows terbatas or rahasia data, even to an administrator', async () => {
    for (const [name, q] of [
      ['package_list', ''],
      ['package_search', 'rows=1000'],
      ['package_search', 'q=Data&rows=1000'],
      ['organization_list', 'all_fields=true'],
      ['organization_show', 'id=diskominfo&include_datasets=true'],
    ]) {
      await action(name, q, f.tokens.admin);
      await action(name, q);
    }
    const dcat = await call(f.app, f.tokens.admin, { method: 'GET', url: '/catalog.jsonld' });
    responses.push(dcat.body);
    const everything = responses.join('\n');
    for (const h of hidden) expect(everything, h).not.toContain(h);
  });

  it('publishes the open datasets as DCAT JSON-LD at /catalog.jsonld', async () => {
    const r = await call(f.app, null, { method: 'GET', url: '/catalog.jsonld' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/ld+json');
    const c = r.json();
    expect(c['@context'].dcat).toBe('http://www.w3.org/ns/dcat#');
    expect(c['@type']).toBe('dcat:Catalog');
    expect(c['dct:publisher']['foaf:name']).toBe('Kota Uji');
    expect(c['dcat:dataset']).toHaveLength(3);
    const d = c['dcat:dataset'].find((x: { 'dct:identifier': string }) => x['dct:identifier'] === ids.penduduk);
    expect(d).toMatchObject({
      '@type': 'dcat:Dataset',
      'dct:title': 'Jumlah Penduduk per Kecamatan',
      'dct:accessRights': 'public',
      'dct:accrualPeriodicity': { '@id': 'http://purl.org/cld/freq/annual' },
      'dct:publisher': { 'foaf:name': 'Dinas Komunikasi dan Informatika' },
    });
    expect(d['dcat:distribution'][0]).toMatchObject({ '@type': 'dcat:Distribution', 'dcat:accessURL': { '@id': 'https://data.example.go.id/penduduk.csv' }, 'dct:format': 'CSV' });
    expect(d['@id']).toMatch(/\/api\/3\/action\/package_show\?id=jumlah-penduduk/);
  });
});
