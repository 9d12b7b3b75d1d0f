import { defineKind, type AttributeField } from '../kind.js';

/**
 * Arsitektur Proses Bisnis (RAB). Tabel 4.2 of the seed has three levels:
 *   "TUJUAN 1 TATA KELOLA PEMERINTAHAN"            → process-group
 *   "BDL-04  Meningkatnya kualitas pelayanan publik" → business-process (Peta Proses Bisnis)
 *   "BDL-04.06 Pendaftaran penduduk"                → sub-process (Peta Sub Proses)
 * The seed's codes are irregular: "WK.22.06" sits among the BDL-22.xx rows, and
 * BDL-20.01 and BDL-47.01 are each used twice, so codes are checked (codePattern,
 * consistency check), never used as keys.
 */
const strategicTargets = ['goal', 'objective', 'mission'] as const;

const rabLevel: AttributeField = {
  key: 'rabLevel',
  label: { id: 'Tingkat RAB', en: 'RAB level' },
  type: 'integer',
  min: 3,
  max: 7,
  help: {
    id: 'Tingkat 1–2 adalah referensi nasional; Pemerintah Daerah menyusun tingkat 3 ke bawah (SIA-SPBE: tingkat 4–7).',
    en: 'Levels 1–2 are the national reference; local governments define level 3 and below (SIA-SPBE: levels 4–7).',
  },
};

const processFields: AttributeField[] = [
  rabLevel,
  { key: 'input', label: { id: 'Masukan', en: 'Input' }, type: 'text' },
  { key: 'output', label: { id: 'Keluaran', en: 'Output' }, type: 'text' },
  {
    key: 'relatedMetadataId',
    label: { id: 'ID Metadata Terkait', en: 'Related metadata IDs' },
    type: 'string[]',
    help: { id: 'Mengacu kepada metadata Arsitektur SPBE terkait.', en: 'Refers to related SPBE architecture metadata.' },
  },
];

export const businessKinds = [
  defineKind({
    id: 'process-group',
    domain: 'business',
    label: { id: 'Kelompok Proses Bisnis', en: 'Business process group' },
    description: {
      id: 'Pengelompokan proses bisnis menurut tujuan tata kelola (mis. "TUJUAN 1 Tata Kelola Pemerintahan").',
      en: 'Grouping of business processes by governance goal (e.g. "TUJUAN 1 Tata Kelola Pemerintahan").',
    },
    referenceModel: 'RAB',
    defaultClassification: 'terbuka',
    source: 'Tabel 4.2',
    attributes: [
      { key: 'order', label: { id: 'Urutan', en: 'Order' }, type: 'integer', min: 1 },
    ],
    relations: [
      { type: 'composes', targets: ['business-process'] },
      { type: 'supports', targets: strategicTargets },
    ],
  }),
  defineKind({
    id: 'business-process',
    domain: 'business',
    label: { id: 'Proses Bisnis', en: 'Business process' },
    description: {
      id: 'Kolom "Peta Proses Bisnis" Tabel 4.2, berkode BDL-nn.',
      en: 'The "Peta Proses Bisnis" column of Tabel 4.2, coded BDL-nn.',
    },
    referenceModel: 'RAB',
    codePattern: '^BDL-\\d{2}$',
    defaultClassification: 'terbuka',
    source: 'Tabel 4.2',
    attributes: processFields,
    relations: [
      { type: 'composes', targets: ['sub-process'] },
      { type: 'supports', targets: strategicTargets },
      { type: 'accesses', targets: ['data'] },
      { type: 'produces', targets: ['data'] },
    ],
  }),
  defineKind({
    id: 'sub-process',
    domain: 'business',
    label: { id: 'Sub Proses Bisnis', en: 'Business sub-process' },
    description: {
      id: 'Kolom "Peta Sub Proses" Tabel 4.2, berkode BDL-nn.nn.',
      en: 'The "Peta Sub Proses" column of Tabel 4.2, coded BDL-nn.nn.',
    },
    referenceModel: 'RAB',
    codePattern: '^BDL-\\d{2}\\.\\d{2}$',
    defaultClassification: 'terbuka',
    source: 'Tabel 4.2',
    attributes: processFields,
    relations: [
      { type: 'composes', targets: ['sub-process'] },
      { type: 'supports', targets: strategicTargets },
      { type: 'accesses', targets: ['data'] },
      { type: 'produces', targets: ['data'] },
    ],
  }),
];
