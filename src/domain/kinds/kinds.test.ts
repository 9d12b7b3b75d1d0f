import { describe, it, expect } from 'vitest';
import { attributeSchema } from '../attributes.js';
import {
  CLASSIFICATIONS,
  DOMAINS,
  RELATION_TYPES,
  REFERENCE_MODELS,
  type AttributeField,
  type KindDefinition,
} from '../kind.js';
import { KINDS, findKind, isRelationAllowed, kindsOfDomain } from './index.js';
import { INFRASTRUCTURE_KIND_IDS, OWNERSHIP_OPTIONS } from './infrastructure.js';
import { auditFollowUpBand } from './security.js';

/**
 * The metadata tables of the seed (Arsitektur SPBE Kota Bandar Lampung
 * 2025–2030), "Nama Atribut" column, transcribed row by row as printed
 * (markup such as <i> removed). The rows holding ID, name, description and the
 * reference-model code are the element's core fields; all the other rows must
 * be the kind's attributes, in this order.
 */
interface Table {
  table: string;
  kind: string;
  rows: string[];
  core: { code: string; name: string; description?: string; refCode?: string };
}

const TABLES: Table[] = [
  {
    table: 'Tabel 4.7',
    kind: 'security-hardware',
    rows: [
      'ID',
      'Nama Security Device',
      'Deskripsi Security Device',
      'Tipe Security Device',
      'Status Kepemilikan',
      'Nama Pemilik',
      'Unit Pengelola Security Device',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Security Device', description: 'Deskripsi Security Device' },
  },
  {
    table: 'Tabel 4.8',
    kind: 'security-standard',
    rows: [
      'ID',
      'Nama Standar Keamanan',
      'Jenis Standar Keamanan',
      'Deskripsi',
      'Tanggal Mulai Penerapan',
      'Tanggal Akhir Penerapan',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Standar Keamanan', description: 'Deskripsi' },
  },
  {
    table: 'Tabel 4.9',
    kind: 'security-awareness',
    rows: [
      'ID',
      'Nama Kegiatan Edukasi Kesadaran Keamanan SPBE',
      'Deskripsi Kegiatan Edukasi Kesadaran Keamanan SPBE',
      'Tanggal Kegiatan Edukasi Kesadaran Keamanan SPBE',
      'ID metadata terkait',
    ],
    core: {
      code: 'ID',
      name: 'Nama Kegiatan Edukasi Kesadaran Keamanan SPBE',
      description: 'Deskripsi Kegiatan Edukasi Kesadaran Keamanan SPBE',
    },
  },
  {
    table: 'Tabel 4.10',
    kind: 'vulnerability',
    rows: [
      'ID',
      'Nama Kegiatan Identifikasi Kerentanan Keamanan SPBE',
      'Deskripsi Kegiatan Identifikasi Kerentanan Keamanan SPBE',
      'Tanggal Kegiatan Identifikasi Kerentanan Keamanan SPBE',
      'ID metadata terkait',
    ],
    core: {
      code: 'ID',
      name: 'Nama Kegiatan Identifikasi Kerentanan Keamanan SPBE',
      description: 'Deskripsi Kegiatan Identifikasi Kerentanan Keamanan SPBE',
    },
  },
  {
    table: 'Tabel 4.11',
    kind: 'security-improvement',
    rows: [
      'ID',
      'Nama Kegiatan Peningkatan Keamanan SPBE',
      'Deskripsi Kegiatan Peningkatan Keamanan SPBE',
      'Tanggal Kegiatan Peningkatan Keamanan SPBE',
      'Nilai Kematangan Keamanan Siber',
      'ID metadata terkait',
    ],
    core: {
      code: 'ID',
      name: 'Nama Kegiatan Peningkatan Keamanan SPBE',
      description: 'Deskripsi Kegiatan Peningkatan Keamanan SPBE',
    },
  },
  {
    table: 'Tabel 4.12',
    kind: 'incident',
    rows: [
      'ID',
      'Nama Kegiatan Penanganan Insiden Keamanan SPBE',
      'Deskripsi Kegiatan Penanganan Insiden Keamanan SPBE',
      'Tanggal Kegiatan Penanganan Insiden Keamanan SPBE',
      'Nilai Kematangan Penangan Insiden Siber',
      'ID metadata terkait',
    ],
    core: {
      code: 'ID',
      name: 'Nama Kegiatan Penanganan Insiden Keamanan SPBE',
      description: 'Deskripsi Kegiatan Penanganan Insiden Keamanan SPBE',
    },
  },
  {
    table: 'Tabel 4.13',
    kind: 'security-audit',
    rows: [
      'ID',
      'Nama Kegiatan Audit Keamanan SPBE',
      'Hasil Audit Keamanan SPBE',
      'Jenis Audit Keamanan SPBE',
      'Tanggal Kegiatan Audit Keamanan SPBE',
      'Tindak lanjut Audit Keamanan SPBE',
      'ID metadata terkait',
    ],
    core: { code: 'ID', name: 'Nama Kegiatan Audit Keamanan SPBE' },
  },
  {
    table: 'Tabel 4.14',
    kind: 'security-assessment',
    rows: ['ID', 'Nama Kegiatan Kelaikan Keamanan SPBE', 'Tanggal Kelaikan Keamanan SPBE', 'ID metadata terkait'],
    core: { code: 'ID', name: 'Nama Kegiatan Kelaikan Keamanan SPBE' },
  },
  {
    table: 'Tabel 5.6',
    kind: 'cloud',
    rows: [
      'ID',
      'Nama Government Cloud',
      'Deskripsi Government Cloud',
      'Tipe Government Cloud',
      'Status Kepemilikan',
      'Nama Pemilik',
      'Biaya Layanan',
      'Unit Pengembang Government Cloud',
      'Unit Operasional Government Cloud',
      'Jangka Waktu Pelayanan',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Government Cloud', description: 'Deskripsi Government Cloud' },
  },
  {
    table: 'Tabel 5.7',
    kind: 'platform-software',
    rows: [
      'ID',
      'Nama Perangkat Lunak',
      'Deskripsi Perangkat Lunak',
      'Tipe Perangkat Lunak',
      'Jenis Sistem Operasi',
      'Jenis Sistem Utilitas',
      'Jenis Sistem Database',
      'Jenis Lisensi',
      'Nama Pemilik Lisensi',
      'Validitas Lisensi Perangkat Lunak',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Perangkat Lunak', description: 'Deskripsi Perangkat Lunak' },
  },
  {
    table: 'Tabel 5.8',
    kind: 'server',
    rows: [
      'ID',
      'Nama Server',
      'Deskripsi Server',
      'Jenis Penggunaan Server',
      'Status Kepemilikan',
      'Nama Pemilik',
      'Unit Pengelola Server',
      'Lokasi Data Storage',
      'Perangkat Lunak yang Digunakan',
      'Kapasitas Penyimpanan',
      'Jenis Teknologi Prosesor',
      'Jumlah Kapasitas Penyimpanan',
      'Teknik Penyimpanan',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Server', description: 'Deskripsi Server' },
  },
  {
    table: 'Tabel 5.9',
    kind: 'storage',
    rows: [
      'ID',
      'Nama Data Storage',
      'Deskripsi Data Storage',
      'Data yang Digunakan',
      'Status Kepemilikan',
      'Nama Pemilik',
      'Unit Pengelola Data Storage',
      'Lokasi Data Storage',
      'Perangkat Lunak yang Digunakan',
      'Kapasitas Penyimpanan',
      'Metode Akses Data Sharing',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Data Storage', description: 'Deskripsi Data Storage' },
  },
  {
    table: 'Tabel 5.10',
    kind: 'network-device',
    rows: [
      'ID',
      'Nama Network/Communication Device',
      'Deskripsi Network/Communication Device',
      'Tipe Network/Communication Device',
      'Status Kepemilikan',
      'Nama Pemilik',
      'Unit Pengelola Network/ Communication Device',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Network/Communication Device', description: 'Deskripsi Network/Communication Device' },
  },
  {
    table: 'Tabel 5.11',
    kind: 'security-device',
    rows: [
      'ID',
      'Nama Security Device',
      'Deskripsi Security Device',
      'Tipe Security Device',
      'Status Kepemilikan',
      'Nama Pemilik',
      'Unit Pengelola Security Device',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Security Device', description: 'Deskripsi Security Device' },
  },
  {
    table: 'Tabel 5.12',
    kind: 'peripheral',
    rows: [
      'ID',
      'Nama Periferal',
      'Deskripsi Periferal',
      'Tipe Periferal',
      'Lokasi Penempatan Periferal',
      'Unit Pengelola etwork/ Communication Device',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Periferal', description: 'Deskripsi Periferal' },
  },
  {
    table: 'Tabel 5.13',
    kind: 'service-bus',
    rows: [
      'ID',
      'Nama Sistem Penghubung',
      'Deskripsi Sistem Penghubung',
      'Jenis Sistem Penghubung',
      'Kepemilikan',
      'Nama Pemilik',
      'Nama Jaringan Intra yang digunakan',
      'Aplikasi yang dihubungkan',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Sistem Penghubung', description: 'Deskripsi Sistem Penghubung' },
  },
  {
    table: 'Tabel 5.14',
    kind: 'intranet',
    rows: [
      'ID',
      'Nama Jaringan',
      'Deskripsi Jaringan',
      'Jenis Jaringan',
      'Kepemilikan',
      'Nama Pemilik',
      'Unit Kerja Pengelola Jaringan',
      'Bandwidth',
      'Tipe Media Jaringan',
      'Media Lainnya',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Jaringan', description: 'Deskripsi Jaringan' },
  },
  {
    table: 'Tabel 5.15',
    kind: 'facility',
    rows: [
      'ID',
      'Nama Fasilitas',
      'Kode Model Referensi SPBE',
      'Bandwidth Intranet',
      'Bandwidth Internet',
      'Lokasi',
      'Kepemilikan',
      'Unit Kerja Penanggung jawab',
      'Klasifikasi Tier Fasilitas',
      'Sistem Pengamanan Fasilitas',
      'ID Metadata Terkait',
    ],
    core: { code: 'ID', name: 'Nama Fasilitas', refCode: 'Kode Model Referensi SPBE' },
  },
];

/** The only places where a label differs from the printed "Nama Atribut". */
const LABEL_CORRECTIONS: Record<string, string> = {
  'ID metadata terkait': 'ID Metadata Terkait', // casing made uniform across tables
  'Nilai Kematangan Penangan Insiden Siber': 'Nilai Kematangan Penanganan Insiden Siber', // typo
  'Unit Pengelola Network/ Communication Device': 'Unit Pengelola Network/Communication Device', // stray space
  'Unit Pengelola etwork/ Communication Device': 'Unit Pengelola Periferal', // copy-paste slip; Keterangan: "Unit pengelola periferal"
};

function expectedAttributeLabels(t: Table): string[] {
  const core = new Set(Object.values(t.core));
  return t.rows.filter((r) => !core.has(r)).map((r) => LABEL_CORRECTIONS[r] ?? r);
}

function mustFind(id: string): KindDefinition {
  const kind = findKind(id);
  if (!kind) throw new Error(`kind ${id} is not registered`);
  return kind;
}

/** A valid value for a field, derived from its declaration. */
function sampleValue(field: AttributeField): unknown {
  switch (field.type) {
    case 'string':
    case 'text':
      return 'contoh';
    case 'integer':
    case 'number':
      return field.min ?? field.max ?? 1;
    case 'boolean':
      return true;
    case 'date':
      return '2025-03-01';
    case 'url':
      return 'https://bandarlampungkota.go.id';
    case 'enum':
      return field.options![0]!.value;
    case 'enum[]':
      return field.options!.slice(0, 2).map((o) => o.value);
    case 'string[]':
      return ['contoh'];
  }
}

function sampleAttributes(kind: KindDefinition): Record<string, unknown> {
  return Object.fromEntries(kind.attributes.map((f) => [f.key, sampleValue(f)]));
}

const EXPECTED_KIND_IDS = [
  'vision',
  'mission',
  'goal',
  'objective',
  'process-group',
  'business-process',
  'sub-process',
  'service',
  'data',
  'application',
  'application-interface',
  'cloud',
  'platform-software',
  'server',
  'storage',
  'network-device',
  'security-device',
  'peripheral',
  'service-bus',
  'intranet',
  'facility',
  'security-hardware',
  'security-standard',
  'security-awareness',
  'vulnerability',
  'security-improvement',
  'incident',
  'security-audit',
  'security-assessment',
  'gap',
  'initiative',
];

describe('kind registry', () => {
  it('registers exactly the agreed kind ids, each once', () => {
    const ids = KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...EXPECTED_KIND_IDS].sort());
  });

  it('uses kebab-case ids, known domains and reference models, both labels and a source', () => {
    for (const kind of KINDS) {
      expect(kind.id, kind.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(DOMAINS).toContain(kind.domain);
      if (kind.referenceModel) expect(REFERENCE_MODELS).toContain(kind.referenceModel);
      expect(CLASSIFICATIONS).toContain(kind.defaultClassification);
      expect(kind.label.id.length, kind.id).toBeGreaterThan(0);
      expect(kind.label.en.length, kind.id).toBeGreaterThan(0);
      expect(kind.source.length, kind.id).toBeGreaterThan(0);
    }
  });

  it('gives every domain at least one kind and the agreed reference model', () => {
    for (const domain of DOMAINS) expect(kindsOfDomain(domain).length, domain).toBeGreaterThan(0);
    const model: Record<string, string> = {
      business: 'RAB',
      service: 'RAL',
      data: 'RAD',
      application: 'RAA',
      infrastructure: 'RAI',
      security: 'RAK',
    };
    for (const [domain, ref] of Object.entries(model)) {
      for (const kind of kindsOfDomain(domain)) expect(kind.referenceModel, kind.id).toBe(ref);
    }
    expect(kindsOfDomain('infrastructure').map((k) => k.id)).toEqual([...INFRASTRUCTURE_KIND_IDS]);
  });

  it('sets the agreed default classifications', () => {
    for (const kind of KINDS) {
      const expected =
        kind.domain === 'infrastructure'
          ? 'terbatas'
          : kind.domain === 'security'
            ? ['incident', 'vulnerability', 'security-audit'].includes(kind.id)
              ? 'rahasia'
              : 'terbatas'
            : 'terbuka';
      expect(kind.defaultClassification, kind.id).toBe(expected);
    }
  });
});

describe('attribute declarations', () => {
  it('have unique camelCase keys and Indonesian and English labels', () => {
    for (const kind of KINDS) {
      const keys = kind.attributes.map((a) => a.key);
      expect(new Set(keys).size, kind.id).toBe(keys.length);
      for (const field of kind.attributes) {
        expect(field.key, `${kind.id}.${field.key}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(field.label.id.length, `${kind.id}.${field.key}`).toBeGreaterThan(0);
        expect(field.label.en.length, `${kind.id}.${field.key}`).toBeGreaterThan(0);
      }
    }
  });

  it('give every enum field a non-empty list of distinct options, and no options to other fields', () => {
    for (const kind of KINDS) {
      for (const field of kind.attributes) {
        const where = `${kind.id}.${field.key}`;
        if (field.type === 'enum' || field.type === 'enum[]') {
          const values = (field.options ?? []).map((o) => o.value);
          expect(values.length, where).toBeGreaterThan(0);
          expect(new Set(values).size, where).toBe(values.length);
        } else {
          expect(field.options, where).toBeUndefined();
        }
      }
    }
  });

  it('declare capacities in GB, bandwidth in Mbps and money in Rp', () => {
    expect(mustFind('server').attributes.filter((a) => a.unit === 'GB').map((a) => a.key)).toEqual([
      'memoryCapacity',
      'storageCapacity',
    ]);
    expect(mustFind('storage').attributes.find((a) => a.key === 'storageCapacity')).toMatchObject({ type: 'number', unit: 'GB' });
    expect(mustFind('cloud').attributes.find((a) => a.key === 'serviceCost')).toMatchObject({ type: 'number', unit: 'Rp' });
    expect(mustFind('initiative').attributes.find((a) => a.key === 'budget')).toMatchObject({ type: 'number', unit: 'Rp' });
    expect(mustFind('intranet').attributes.find((a) => a.key === 'bandwidth')).toMatchObject({ type: 'number', unit: 'Mbps' });
  });
});

describe('metadata tables of the seed (Tabel 4.7–4.14, 5.6–5.15)', () => {
  it('covers every infrastructure and security kind', () => {
    const tabled = TABLES.map((t) => t.kind).sort();
    const expected = [...kindsOfDomain('infrastructure'), ...kindsOfDomain('security')].map((k) => k.id).sort();
    expect(tabled).toEqual(expected);
  });

  for (const t of TABLES) {
    it(`${t.kind} has exactly the attributes of ${t.table}, in order`, () => {
      const kind = mustFind(t.kind);
      expect(kind.source).toBe(t.table);
      expect(kind.attributes.map((a) => a.label.id)).toEqual(expectedAttributeLabels(t));
      // Core rows are never repeated as attributes.
      const labels = new Set(kind.attributes.map((a) => a.label.id));
      for (const row of Object.values(t.core)) expect(labels.has(row), row).toBe(false);
      // Every attribute of these tables carries its Keterangan.
      for (const field of kind.attributes) expect(field.help?.id, `${t.kind}.${field.key}`).toBeTruthy();
    });
  }

  it('uses the document enumerations', () => {
    const values = (kind: string, key: string) =>
      mustFind(kind).attributes.find((a) => a.key === key)?.options?.map((o) => o.value);
    const ownership = ['milik sendiri', 'milik instansi pemerintah lain', 'milik BUMN', 'milik pihak ketiga'];
    expect(OWNERSHIP_OPTIONS.map((o) => o.value)).toEqual(ownership);
    for (const kind of ['cloud', 'server', 'storage', 'network-device', 'security-device', 'security-hardware', 'service-bus']) {
      expect(values(kind, 'ownershipStatus'), kind).toEqual(ownership);
    }
    expect(values('cloud', 'cloudType')).toEqual(['PaaS', 'IaaS', 'SaaS', 'BDaaS', 'SecaaS']);
    expect(values('server', 'processorTechnology')).toEqual(['High End', 'Mid End', 'Low End']);
    expect(values('server', 'storageTechnique')).toEqual(['RAID 1', 'RAID 3', 'RAID 5', 'non-RAID']);
    expect(values('storage', 'sharingAccessMethod')).toEqual(['DAS', 'NAS']);
    expect(values('peripheral', 'peripheralType')).toEqual(['input', 'output', 'input/output']);
    expect(values('security-device', 'deviceType')).toHaveLength(8);
    expect(values('security-hardware', 'deviceType')).toEqual(values('security-device', 'deviceType'));
    expect(values('network-device', 'deviceType')).toEqual([
      'Switch L2',
      'Switch L3',
      'Switch L4',
      'Switch L7',
      'Multilayer Switch',
      'Router',
      'Wireless equipment',
      'Transmission equipment',
    ]);
    expect(values('security-audit', 'auditResult')).toEqual([
      'belum/tidak dilaksanakan',
      'memadai',
      'perlu peningkatan',
      'tidak memadai',
    ]);
    expect(values('security-audit', 'auditType')).toEqual(['Internal', 'Eksternal']);
    expect(values('security-audit', 'followUp')).toEqual([
      'belum ditindaklanjuti',
      'sebagian ditindaklanjuti',
      'sebagian besar ditindaklanjuti',
      'penuh ditindaklanjuti',
    ]);
  });

  it('maps the share of audit recommendations acted on to the Tabel 4.13 bands', () => {
    expect(auditFollowUpBand(0)).toBe('belum ditindaklanjuti');
    expect(auditFollowUpBand(15)).toBe('belum ditindaklanjuti');
    expect(auditFollowUpBand(15.1)).toBe('sebagian ditindaklanjuti');
    expect(auditFollowUpBand(50)).toBe('sebagian ditindaklanjuti');
    expect(auditFollowUpBand(85)).toBe('sebagian besar ditindaklanjuti');
    expect(auditFollowUpBand(85.5)).toBe('penuh ditindaklanjuti');
    expect(auditFollowUpBand(100)).toBe('penuh ditindaklanjuti');
  });
});

describe('other domains', () => {
  it('declares the service metadata of SE MenPANRB 18/2022 without the core fields', () => {
    expect(mustFind('service').attributes.map((a) => a.label.id)).toEqual([
      'Tujuan Layanan',
      'Fungsi Layanan',
      'Unit Pelaksana',
      'Kementerian/Lembaga Terkait',
      'Urusan Pemerintahan Terkait',
      'Target Layanan',
      'Metode Layanan',
      'Potensi Manfaat',
      'Potensi Ekonomi',
      'Potensi Risiko',
      'Mitigasi Risiko',
      'ID Metadata Terkait',
    ]);
  });

  it('declares the SIA-SPBE data and application fields', () => {
    const keys = (id: string) => mustFind(id).attributes.map((a) => a.key);
    expect(keys('data')).toEqual(
      expect.arrayContaining([
        'purpose',
        'dataNature',
        'dataType',
        'validity',
        'producer',
        'custodian',
        'relatedInformation',
        'interoperable',
      ]),
    );
    expect(keys('application')).toEqual(
      expect.arrayContaining([
        'category',
        'scope',
        'ownerInstansi',
        'basis',
        'license',
        'programmingLanguage',
        'framework',
        'database',
        'url',
        'status',
        'disposition',
        'function',
        'output',
        'developerUnit',
        'operatorUnit',
        'relatedMetadataId',
      ]),
    );
    expect(keys('gap')).toEqual(['component', 'currentCondition', 'targetCondition', 'recommendation', 'priority', 'gapDomain']);
  });

  it('has code patterns that fit the codes of Tabel 4.2', () => {
    const pattern = (id: string) => new RegExp(mustFind(id).codePattern!);
    expect(pattern('business-process').test('BDL-04')).toBe(true);
    expect(pattern('business-process').test('BDL-04.06')).toBe(false);
    expect(pattern('sub-process').test('BDL-04.06')).toBe(true);
    expect(pattern('sub-process').test('BDL-04')).toBe(false);
    // The seed's one irregular code, which the consistency check should report.
    expect(pattern('sub-process').test('WK.22.06')).toBe(false);
  });
});

describe('relations', () => {
  it('only use known relation types and registered target kinds', () => {
    for (const kind of KINDS) {
      const types = kind.relations.map((r) => r.type);
      expect(new Set(types).size, kind.id).toBe(types.length);
      for (const rel of kind.relations) {
        expect(Object.keys(RELATION_TYPES), `${kind.id} ${rel.type}`).toContain(rel.type);
        expect(rel.targets.length, `${kind.id} ${rel.type}`).toBeGreaterThan(0);
        for (const target of rel.targets) expect(findKind(target), `${kind.id} -${rel.type}-> ${target}`).toBeDefined();
      }
    }
  });

  it('allow the agreed relations and refuse others', () => {
    const allowed: [string, Parameters<typeof isRelationAllowed>[1], string][] = [
      ['process-group', 'composes', 'business-process'],
      ['business-process', 'composes', 'sub-process'],
      ['sub-process', 'supports', 'objective'],
      ['business-process', 'produces', 'data'],
      ['service', 'serves', 'sub-process'],
      ['application', 'realizes', 'service'],
      ['application', 'serves', 'business-process'],
      ['application', 'accesses', 'data'],
      ['application', 'integrates', 'application'],
      ['application', 'uses', 'platform-software'],
      ['application', 'uses', 'service-bus'],
      ['application', 'uses', 'cloud'],
      ['application', 'uses', 'application-interface'],
      ['application-interface', 'connects', 'application'],
      ['server', 'hosts', 'application'],
      ['facility', 'hosts', 'server'],
      ['storage', 'hosts', 'data'],
      ['intranet', 'connects', 'server'],
      ['service-bus', 'connects', 'application'],
      ['network-device', 'connects', 'facility'],
      ['server', 'serves', 'service'],
      ['security-device', 'protects', 'application'],
      ['security-audit', 'concerns', 'server'],
      ['incident', 'concerns', 'data'],
      ['gap', 'concerns', 'application'],
      ['gap', 'concerns', 'sub-process'],
      ['initiative', 'closes', 'gap'],
      ['initiative', 'delivers', 'application'],
      ['initiative', 'delivers', 'facility'],
    ];
    for (const [s, t, d] of allowed) expect(isRelationAllowed(s, t, d), `${s} -${t}-> ${d}`).toBe(true);

    const refused: [string, Parameters<typeof isRelationAllowed>[1], string][] = [
      ['sub-process', 'composes', 'business-process'],
      ['data', 'hosts', 'application'],
      ['application', 'hosts', 'server'],
      ['peripheral', 'protects', 'application'],
      ['initiative', 'delivers', 'gap'],
      ['initiative', 'delivers', 'initiative'],
      ['gap', 'closes', 'initiative'],
      ['security-standard', 'concerns', 'server'],
    ];
    for (const [s, t, d] of refused) expect(isRelationAllowed(s, t, d), `${s} -${t}-> ${d}`).toBe(false);
  });

  it('let every security kind and the security device protect applications, data and all infrastructure', () => {
    const protectors = [...kindsOfDomain('security').map((k) => k.id), 'security-device'];
    for (const source of protectors) {
      for (const target of ['application', 'data', ...INFRASTRUCTURE_KIND_IDS]) {
        expect(isRelationAllowed(source, 'protects', target), `${source} -> ${target}`).toBe(true);
      }
    }
  });

  it('let a gap concern, and an initiative deliver, any architecture kind', () => {
    for (const kind of KINDS.filter((k) => k.domain !== 'planning')) {
      expect(isRelationAllowed('gap', 'concerns', kind.id), kind.id).toBe(true);
      expect(isRelationAllowed('initiative', 'delivers', kind.id), kind.id).toBe(true);
    }
  });
});

describe('attributeSchema(kind)', () => {
  for (const kind of KINDS) {
    it(`${kind.id}: accepts a complete sample, an empty object, and rejects unknown attributes and wrong enum values`, () => {
      const schema = attributeSchema(kind);
      const sample = sampleAttributes(kind);
      expect(schema.safeParse(sample).success).toBe(true);
      if (!kind.attributes.some((a) => a.required)) expect(schema.safeParse({}).success).toBe(true);
      expect(schema.safeParse({ ...sample, notAnAttribute: 'x' }).success).toBe(false);
      for (const field of kind.attributes) {
        if (field.type === 'enum') {
          expect(schema.safeParse({ ...sample, [field.key]: 'bukan pilihan' }).success, `${kind.id}.${field.key}`).toBe(false);
        }
        if (field.type === 'enum[]') {
          expect(schema.safeParse({ ...sample, [field.key]: ['bukan pilihan'] }).success, `${kind.id}.${field.key}`).toBe(false);
        }
      }
    });
  }

  it('validates a realistic server record', () => {
    const schema = attributeSchema(mustFind('server'));
    const server = {
      serverUsage: ['aplikasi', 'database'],
      ownershipStatus: 'milik sendiri',
      managingUnit: 'Bidang Persandian dan Statistik, Diskominfo',
      location: 'Ruang Server Diskominfo',
      software: ['Ubuntu Server 22.04', 'PostgreSQL 16'],
      memoryCapacity: 128,
      processorTechnology: 'Mid End',
      storageCapacity: 4000,
      storageTechnique: 'RAID 5',
      relatedMetadataId: ['APL-001'],
    };
    expect(schema.safeParse(server).success).toBe(true);
    expect(schema.safeParse({ ...server, storageTechnique: 'RAID 6' }).success).toBe(false);
    expect(schema.safeParse({ ...server, memoryCapacity: -1 }).success).toBe(false);
    expect(schema.safeParse({ ...server, memoryCapacity: '128 GB' }).success).toBe(false);
    expect(schema.safeParse({ ...server, ownershipStatus: null }).success).toBe(true);
  });

  it('validates a security audit and an initiative', () => {
    const audit = attributeSchema(mustFind('security-audit'));
    expect(
      audit.safeParse({ auditResult: 'perlu peningkatan', auditType: 'Eksternal', auditDate: '2024-11-20', followUp: 'sebagian ditindaklanjuti' })
        .success,
    ).toBe(true);
    expect(audit.safeParse({ auditDate: '20-11-2024' }).success).toBe(false);

    const initiative = attributeSchema(mustFind('initiative'));
    const row = { roadmapDomain: 'keamanan', startYear: 2025, endYear: 2027, budget: 750_000_000, status: 'berjalan', progress: 40 };
    expect(initiative.safeParse(row).success).toBe(true);
    expect(initiative.safeParse({ ...row, progress: 101 }).success).toBe(false);
    expect(initiative.safeParse({ ...row, progress: 40.5 }).success).toBe(false);
    expect(initiative.safeParse({ ...row, startYear: 1999 }).success).toBe(false);
    expect(initiative.safeParse({ ...row, roadmapDomain: 'keuangan' }).success).toBe(false);
  });
});
