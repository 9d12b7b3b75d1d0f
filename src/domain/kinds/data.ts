import { defineKind, options } from '../kind.js';

/**
 * Data dan Informasi (RAD). Fields of the national SIA-SPBE application
 * (reference/sia-spbe-metadata.md): ID, uraian, tujuan, sifat data, jenis data,
 * validitas data, produsen data, penanggung jawab / walidata, informasi
 * terkait, interoperabilitas, RAD level 4–7. ID → code, uraian → description
 * and the RAD node → reference node are core fields. The Satu Data Indonesia
 * fields after them (format, standar data, data induk, tautan) are what a CKAN /
 * DCAT export needs.
 *
 * Default classification is 'terbuka': the element is a catalogue entry
 * *about* a data set (its metadata), which Satu Data Indonesia publishes; how
 * open the data itself is, is the `dataNature` (sifat data) attribute. An entry
 * whose very existence is sensitive is raised to 'terbatas' by hand.
 */
export const dataKinds = [
  defineKind({
    id: 'data',
    domain: 'data',
    label: { id: 'Data dan Informasi', en: 'Data and information' },
    description: {
      id: 'Data dan informasi yang dihasilkan atau digunakan proses bisnis (mis. Tabel 4.4).',
      en: 'Data and information produced or used by business processes (e.g. Tabel 4.4).',
    },
    referenceModel: 'RAD',
    defaultClassification: 'terbuka',
    source: 'SIA-SPBE; Tabel 4.4',
    attributes: [
      { key: 'purpose', label: { id: 'Tujuan', en: 'Purpose' }, type: 'text' },
      {
        key: 'dataNature',
        label: { id: 'Sifat Data', en: 'Data openness' },
        type: 'enum',
        options: [
          { value: 'Terbuka', label: { id: 'Terbuka', en: 'Open' } },
          { value: 'Terbatas', label: { id: 'Terbatas', en: 'Restricted' } },
          { value: 'Tertutup', label: { id: 'Tertutup', en: 'Closed' } },
        ],
      },
      {
        key: 'dataType',
        label: { id: 'Jenis Data', en: 'Data type' },
        type: 'enum',
        options: [
          { value: 'Statistik', label: { id: 'Statistik', en: 'Statistical' } },
          { value: 'Geospasial', label: { id: 'Geospasial', en: 'Geospatial' } },
          { value: 'Keuangan', label: { id: 'Keuangan', en: 'Financial' } },
          { value: 'Lainnya', label: { id: 'Lainnya', en: 'Other' } },
        ],
      },
      {
        key: 'validity',
        label: { id: 'Validitas Data', en: 'Data validity (update period)' },
        type: 'enum',
        options: options(
          'Realtime',
          'Harian',
          'Mingguan',
          'Bulanan',
          'Tiga Bulanan',
          'Enam Bulanan',
          'Tahunan',
          'Dua Tahunan',
          'Tiga Tahunan',
          'Lima Tahunan',
          'Lainnya',
        ),
        help: { id: 'Periode pemutakhiran data.', en: 'How often the data are updated.' },
      },
      {
        key: 'producer',
        label: { id: 'Produsen Data', en: 'Data producer' },
        type: 'string',
        help: { id: 'Perangkat Daerah yang menghasilkan data (Satu Data Indonesia).', en: 'The OPD producing the data (Satu Data Indonesia).' },
      },
      {
        key: 'custodian',
        label: { id: 'Penanggung Jawab / Walidata', en: 'Data custodian (walidata)' },
        type: 'string',
        help: { id: 'Di Kota Bandar Lampung walidata adalah Dinas Komunikasi dan Informatika.', en: 'In Bandar Lampung the walidata is Dinas Komunikasi dan Informatika.' },
      },
      { key: 'relatedInformation', label: { id: 'Informasi Terkait', en: 'Related information' }, type: 'text' },
      {
        key: 'interoperable',
        label: { id: 'Interoperabilitas', en: 'Interoperable' },
        type: 'boolean',
        help: {
          id: 'Ya bila data dapat dibagipakaikan antar sistem sesuai kaidah interoperabilitas.',
          en: 'Yes when the data can be shared between systems following the interoperability rules.',
        },
      },
      {
        key: 'format',
        label: { id: 'Format Data', en: 'Data format' },
        type: 'enum[]',
        options: options('CSV', 'XLSX', 'JSON', 'XML', 'PDF', 'SHP', 'GeoJSON', 'API', 'Lainnya'),
      },
      { key: 'dataStandard', label: { id: 'Standar Data', en: 'Data standard' }, type: 'string' },
      {
        key: 'masterData',
        label: { id: 'Data Induk / Kode Referensi', en: 'Master data / reference code' },
        type: 'boolean',
      },
      { key: 'accessUrl', label: { id: 'Tautan Data', en: 'Access URL' }, type: 'url' },
      {
        key: 'relatedMetadataId',
        label: { id: 'ID Metadata Terkait', en: 'Related metadata IDs' },
        type: 'string[]',
        help: { id: 'Mengacu kepada metadata Arsitektur SPBE terkait.', en: 'Refers to related SPBE architecture metadata.' },
      },
    ],
    relations: [{ type: 'composes', targets: ['data'] }],
  }),
];
