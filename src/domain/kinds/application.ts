import { defineKind, options, type FieldOption } from '../kind.js';

/**
 * Aplikasi SPBE (RAA). Fields of the national SIA-SPBE application: ID, nama,
 * uraian (core fields), fungsi, luaran, basis aplikasi, tipe lisensi, bahasa
 * pemrograman, kerangka pengembangan, basis data, unit pengembang, unit
 * operasional, aplikasi umum/khusus, ID metadata terkait; plus scope and
 * owner for the many national applications the city runs (SIAK Kemendagri,
 * SRIKANDI, SIASN, OSS, … in Tabel 4.5 / 5.3).
 */
const APPLICATION_STATUS: FieldOption[] = [
  { value: 'aktif', label: { id: 'Aktif', en: 'Active' } },
  { value: 'tidak-aktif', label: { id: 'Tidak aktif', en: 'Inactive' } },
  { value: 'dalam-pengembangan', label: { id: 'Dalam pengembangan', en: 'Under development' } },
];

const strategicTargets = ['goal', 'objective', 'mission'] as const;

export const applicationKinds = [
  defineKind({
    id: 'application',
    domain: 'application',
    label: { id: 'Aplikasi', en: 'Application' },
    description: {
      id: 'Aplikasi SPBE: aplikasi umum (bagi pakai nasional) atau aplikasi khusus (kebutuhan khusus instansi).',
      en: 'SPBE application: general (nationally shared) or specific (an agency’s own need).',
    },
    referenceModel: 'RAA',
    defaultClassification: 'terbuka',
    source: 'SIA-SPBE; Tabel 4.5, Tabel 5.3',
    attributes: [
      {
        key: 'category',
        label: { id: 'Aplikasi Umum/Khusus', en: 'General/specific application' },
        type: 'enum',
        options: [
          { value: 'umum', label: { id: 'Aplikasi Umum', en: 'General (shared) application' } },
          { value: 'khusus', label: { id: 'Aplikasi Khusus', en: 'Specific application' } },
        ],
        help: {
          id: 'Aplikasi umum: aplikasi SPBE yang sama, standar, dan digunakan bagi pakai oleh instansi pusat dan/atau pemerintah daerah. Aplikasi khusus: dibangun dan dikelola instansi tertentu untuk kebutuhan khususnya.',
          en: 'General: the same, standard SPBE application shared by central and/or local governments. Specific: built and run by one agency for its own need.',
        },
      },
      {
        key: 'scope',
        label: { id: 'Lingkup', en: 'Scope' },
        type: 'enum',
        options: [
          { value: 'nasional', label: { id: 'Nasional', en: 'National' } },
          { value: 'lokal', label: { id: 'Lokal', en: 'Local' } },
        ],
        help: {
          id: 'Nasional: aplikasi yang diselenggarakan instansi pusat (mis. SIAK Kemendagri) dan dipakai Pemerintah Kota. Lokal: diselenggarakan Pemerintah Kota.',
          en: 'National: run by a central agency (e.g. SIAK of Kemendagri) and used by the city. Local: run by the city.',
        },
      },
      {
        key: 'ownerInstansi',
        label: { id: 'Instansi Pemilik', en: 'Owning agency' },
        type: 'string',
        help: {
          id: 'Instansi pusat atau daerah lain pemilik aplikasi, mis. "Kementerian PANRB"; kosong bila aplikasi lokal.',
          en: 'Central or other agency owning the application, e.g. "Kementerian PANRB"; empty when local.',
        },
      },
      { key: 'function', label: { id: 'Fungsi', en: 'Function' }, type: 'text' },
      { key: 'output', label: { id: 'Luaran', en: 'Output' }, type: 'text' },
      {
        key: 'basis',
        label: { id: 'Basis Aplikasi', en: 'Application platform' },
        type: 'enum[]',
        options: [
          { value: 'Web', label: { id: 'Web', en: 'Web' } },
          { value: 'Mobile', label: { id: 'Mobile', en: 'Mobile' } },
          { value: 'Desktop', label: { id: 'Desktop', en: 'Desktop' } },
          { value: 'Lainnya', label: { id: 'Lainnya', en: 'Other' } },
        ],
      },
      {
        key: 'license',
        label: { id: 'Tipe Lisensi', en: 'License type' },
        type: 'enum',
        options: options('Open Source', 'Proprietary'),
        help: {
          id: 'Pembangunan aplikasi SPBE mengutamakan kode sumber terbuka (Perpres 95/2018).',
          en: 'SPBE applications should favour open source (Perpres 95/2018).',
        },
      },
      { key: 'programmingLanguage', label: { id: 'Bahasa Pemrograman', en: 'Programming language' }, type: 'string[]' },
      { key: 'framework', label: { id: 'Kerangka Pengembangan', en: 'Development framework' }, type: 'string[]' },
      { key: 'database', label: { id: 'Basis Data', en: 'Database' }, type: 'string[]' },
      { key: 'url', label: { id: 'Alamat (URL)', en: 'URL' }, type: 'url' },
      { key: 'status', label: { id: 'Status', en: 'Status' }, type: 'enum', options: APPLICATION_STATUS },
      {
        key: 'disposition',
        label: { id: 'Disposisi Portofolio (TIME)', en: 'Portfolio disposition (TIME)' },
        type: 'enum',
        options: [
          { value: 'tolerate', label: { id: 'Pertahankan (tolerate)', en: 'Tolerate' } },
          { value: 'invest', label: { id: 'Kembangkan (invest)', en: 'Invest' } },
          { value: 'migrate', label: { id: 'Migrasikan (migrate)', en: 'Migrate' } },
          { value: 'eliminate', label: { id: 'Hentikan (eliminate)', en: 'Eliminate' } },
        ],
        help: {
          id: 'Keputusan rasionalisasi portofolio aplikasi (model TIME Gartner): pertahankan apa adanya, kembangkan, migrasikan ke aplikasi lain (mis. aplikasi umum), atau hentikan.',
          en: 'Application portfolio rationalisation decision (Gartner TIME): tolerate as is, invest, migrate to another application (e.g. a general one), or eliminate.',
        },
      },
      { key: 'developerUnit', label: { id: 'Unit Pengembang', en: 'Developer unit' }, type: 'string' },
      { key: 'operatorUnit', label: { id: 'Unit Operasional', en: 'Operating unit' }, type: 'string' },
      {
        key: 'relatedMetadataId',
        label: { id: 'ID Metadata Terkait', en: 'Related metadata IDs' },
        type: 'string[]',
        help: { id: 'Mengacu kepada metadata Arsitektur SPBE terkait.', en: 'Refers to related SPBE architecture metadata.' },
      },
    ],
    relations: [
      { type: 'composes', targets: ['application'] },
      { type: 'supports', targets: strategicTargets },
      { type: 'serves', targets: ['service', 'business-process', 'sub-process'] },
      { type: 'realizes', targets: ['service'] },
      { type: 'accesses', targets: ['data'] },
      { type: 'produces', targets: ['data'] },
      { type: 'integrates', targets: ['application'] },
      { type: 'uses', targets: ['platform-software', 'service-bus', 'cloud', 'application-interface'] },
    ],
  }),
  defineKind({
    id: 'application-interface',
    domain: 'application',
    label: { id: 'Antarmuka/Integrasi Aplikasi', en: 'Application interface' },
    description: {
      id: 'Antarmuka pertukaran data atau layanan antar aplikasi (mis. melalui Sistem Penghubung Layanan).',
      en: 'An interface exchanging data or services between applications (e.g. through the service bus).',
    },
    referenceModel: 'RAA',
    defaultClassification: 'terbuka',
    source: 'Perpres 95/2018 (integrasi aplikasi); Tabel 5.13',
    attributes: [
      {
        key: 'protocol',
        label: { id: 'Protokol/Metode', en: 'Protocol/method' },
        type: 'enum',
        options: options('REST API', 'SOAP', 'Web Service', 'Database Link', 'File Transfer', 'Lainnya'),
      },
      { key: 'dataExchanged', label: { id: 'Data yang Dipertukarkan', en: 'Data exchanged' }, type: 'text' },
      {
        key: 'frequency',
        label: { id: 'Frekuensi', en: 'Frequency' },
        type: 'enum',
        options: [
          { value: 'Realtime', label: { id: 'Realtime', en: 'Real time' } },
          { value: 'Harian', label: { id: 'Harian', en: 'Daily' } },
          { value: 'Mingguan', label: { id: 'Mingguan', en: 'Weekly' } },
          { value: 'Bulanan', label: { id: 'Bulanan', en: 'Monthly' } },
          { value: 'Sesuai Permintaan', label: { id: 'Sesuai permintaan', en: 'On demand' } },
          { value: 'Lainnya', label: { id: 'Lainnya', en: 'Other' } },
        ],
      },
      { key: 'status', label: { id: 'Status', en: 'Status' }, type: 'enum', options: APPLICATION_STATUS },
    ],
    relations: [
      { type: 'connects', targets: ['application'] },
      { type: 'uses', targets: ['service-bus'] },
      { type: 'accesses', targets: ['data'] },
    ],
  }),
];
