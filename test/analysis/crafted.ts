import { v7 as uuidv7 } from 'uuid';
import { findKind } from '../../src/domain/kinds/index.js';
import type { Element } from '../../src/store/repositories/element.repository.js';
import type { Fixture } from '../helpers.js';

type Fields = Partial<Omit<Element, 'id' | 'instansiId' | 'kind' | 'domain'>>;

/**
 * Writes elements and relations straight through the repositories (no
 * validation), so a test can also store what the API would refuse today, as
 * an old record would be.
 */
export function builder(f: Fixture, instansiId = f.instansiId) {
  const ids: Record<string, string> = {};
  const { elements, relations } = f.services.repositories;
  const db = f.store.db;
  const now = new Date().toISOString();
  return {
    ids,
    async el(key: string, kind: string, fields: Fields = {}): Promise<string> {
      const k = findKind(kind);
      const id = uuidv7();
      await elements.insert(db, {
        id,
        instansiId,
        kind,
        domain: k?.domain ?? 'unknown',
        code: null,
        name: key,
        description: null,
        orgUnitId: null,
        refCode: null,
        lifecycle: 'as-is',
        classification: k?.defaultClassification ?? 'terbuka',
        attributes: {},
        provenance: 'test',
        sourceKey: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: null,
        updatedBy: null,
        ...fields,
      });
      ids[key] = id;
      return id;
    },
    async rel(source: string, type: string, target: string): Promise<void> {
      await relations.insert(db, {
        id: uuidv7(),
        instansiId,
        type,
        sourceId: ids[source] ?? source,
        targetId: ids[target] ?? target,
        attributes: {},
        provenance: 'test',
        createdAt: now,
        createdBy: null,
      });
    },
  };
}

/**
 * A small city built to exercise every analysis. OPD A is DISKOMINFO, B is
 * DINKES (see test/helpers.ts).
 *
 *   goal G1 (no mission above it)
 *   PG ─composes→ BP1 (BDL-01) ─composes→ SP1 (BDL-01.01), SP2 (BDL-02.01: wrong parent code)
 *   PG ─composes→ BP2 (BDL-02); BP1 ─supports→ G1
 *   SVC1 (A, RAL:01.16) ─serves→ SP1;   SVC2 (B) has no application
 *   APP1 SIMPEG (A, khusus, invest) ─realizes→ SVC1;  SRV1 (A) ─hosts→ APP1;  FW (B, rahasia) ─protects→ SRV1
 *   APP2 SRIKANDI (B, umum);  APP3 "Srikandi Kota" (A, khusus, migrate)
 *   APP4 "Bussiness Intelligence" (no OPD) ─serves→ SP2
 *   APP5 "Website profil" (A), APP6 "Website profil" (B, eliminate), APP8 "Website Profil" (B, rahasia)
 *   APP7 "Portal Layanan Terpadu" (A, to-be) ←delivers─ INIT1 (A, berjalan 40 %, 2025–2027, Rp 300 juta) ─closes→ GAP1
 *   INIT2 (B, selesai, 2026) ─closes→ GAP2;  GAP3 open;  SRV2 (B, to-be) ←delivers─ INIT3 (B, dibatalkan)
 *   D1 (A, walidata set) ←accesses─ APP1;  D2 (A, no walidata);  D3 (A, dataType "Campuran": no longer a valid option)
 *   APP1 ─accesses→ D1;  SP1 ─accesses→ D1
 */
export async function craftCity(f: Fixture) {
  const b = builder(f);
  const { a, b: orgB } = f.org;
  await b.el('G1', 'goal', { code: 'T1' });
  await b.el('PG', 'process-group', { code: 'TUJUAN 1' });
  await b.el('BP1', 'business-process', { code: 'BDL-01' });
  await b.el('BP2', 'business-process', { code: 'BDL-02' });
  await b.el('SP1', 'sub-process', { code: 'BDL-01.01' });
  await b.el('SP2', 'sub-process', { code: 'BDL-02.01' });
  await b.el('SVC1', 'service', { orgUnitId: a, refCode: 'RAL:01.16', code: '01.16' });
  await b.el('SVC2', 'service', { orgUnitId: orgB });
  await b.el('APP1', 'application', { name: 'SIMPEG', orgUnitId: a, attributes: { category: 'khusus', scope: 'lokal', disposition: 'invest' } });
  await b.el('APP2', 'application', { name: 'SRIKANDI', orgUnitId: orgB, attributes: { category: 'umum', scope: 'nasional' } });
  await b.el('APP3', 'application', { name: 'Srikandi Kota', orgUnitId: a, attributes: { category: 'khusus', scope: 'lokal', disposition: 'migrate' } });
  await b.el('APP4', 'application', { name: 'Bussiness Intelligence' });
  await b.el('APP5', 'application', { name: 'Website profil', orgUnitId: a, attributes: { category: 'khusus', scope: 'lokal' } });
  await b.el('APP6', 'application', { name: 'Website profil', orgUnitId: orgB, attributes: { category: 'khusus', scope: 'lokal', disposition: 'eliminate' } });
  await b.el('APP7', 'application', { name: 'Portal Layanan Terpadu', orgUnitId: a, lifecycle: 'to-be', attributes: { category: 'khusus', scope: 'lokal' } });
  await b.el('APP8', 'application', { name: 'Website Profil', orgUnitId: orgB, classification: 'rahasia', attributes: { category: 'khusus', scope: 'lokal' } });
  await b.el('SRV1', 'server', { orgUnitId: a });
  await b.el('SRV2', 'server', { orgUnitId: orgB, lifecycle: 'to-be' });
  await b.el('FW', 'security-device', { orgUnitId: orgB, classification: 'rahasia' });
  await b.el('D1', 'data', { orgUnitId: a, attributes: { custodian: 'Dinas Komunikasi dan Informatika' } });
  await b.el('D2', 'data', { orgUnitId: a });
  await b.el('D3', 'data', { orgUnitId: a, attributes: { custodian: 'Diskominfo', dataType: 'Campuran' } });
  await b.el('GAP1', 'gap', { code: 'G-1' });
  await b.el('GAP2', 'gap', { code: 'G-2' });
  await b.el('GAP3', 'gap', { code: 'G-3' });
  await b.el('INIT1', 'initiative', {
    code: 'I-1',
    orgUnitId: a,
    attributes: { status: 'berjalan', progress: 40, startYear: 2025, endYear: 2027, budget: 300_000_000, roadmapDomain: 'aplikasi', target2025: 'Desain', target2026: 'Pembangunan' },
  });
  await b.el('INIT2', 'initiative', { code: 'I-2', orgUnitId: orgB, attributes: { status: 'selesai', startYear: 2026, endYear: 2026, budget: 100, roadmapDomain: 'infrastruktur' } });
  await b.el('INIT3', 'initiative', { code: 'I-3', orgUnitId: orgB, attributes: { status: 'dibatalkan', budget: 50, roadmapDomain: 'infrastruktur' } });
  for (const [s, t, d] of [
    ['PG', 'composes', 'BP1'],
    ['PG', 'composes', 'BP2'],
    ['BP1', 'composes', 'SP1'],
    ['BP1', 'composes', 'SP2'],
    ['BP1', 'supports', 'G1'],
    ['SVC1', 'serves', 'SP1'],
    ['APP1', 'realizes', 'SVC1'],
    ['APP1', 'accesses', 'D1'],
    ['SP1', 'accesses', 'D1'],
    ['SRV1', 'hosts', 'APP1'],
    ['FW', 'protects', 'SRV1'],
    ['APP4', 'serves', 'SP2'],
    ['INIT1', 'delivers', 'APP7'],
    ['INIT1', 'closes', 'GAP1'],
    ['INIT2', 'closes', 'GAP2'],
    ['INIT3', 'delivers', 'SRV2'],
  ] as const) {
    await b.rel(s, t, d);
  }
  return b.ids;
}
