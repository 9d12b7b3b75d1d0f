import { defineKind } from '../kind.js';

/**
 * Layanan SPBE (RAL). The attribute list is the service metadata of SE MenPANRB
 * 18/2022 as named in section IV.B.2 of the seed: ID, nama layanan, tujuan
 * layanan, fungsi layanan, model referensi layanan, unit pelaksana,
 * kementerian/lembaga terkait, urusan pemerintahan terkait, target layanan,
 * metode layanan, potensi manfaat, potensi ekonomi, potensi risiko, mitigasi
 * risiko, ID metadata terkait. ID, nama and model referensi are the element's
 * core fields (code, name, reference node), so they are not attributes here.
 */
export const serviceKinds = [
  defineKind({
    id: 'service',
    domain: 'service',
    label: { id: 'Layanan', en: 'Service' },
    description: {
      id: 'Layanan SPBE (layanan publik atau layanan administrasi pemerintahan).',
      en: 'An SPBE service (public service or government administration service).',
    },
    referenceModel: 'RAL',
    defaultClassification: 'terbuka',
    source: 'BAB IV.B.2 (SE MenPANRB 18/2022)',
    attributes: [
      { key: 'purpose', label: { id: 'Tujuan Layanan', en: 'Service purpose' }, type: 'text' },
      { key: 'function', label: { id: 'Fungsi Layanan', en: 'Service function' }, type: 'text' },
      {
        key: 'implementingUnit',
        label: { id: 'Unit Pelaksana', en: 'Implementing unit' },
        type: 'string',
        help: {
          id: 'Unit kerja yang melaksanakan layanan, bila berbeda dari Perangkat Daerah pemilik.',
          en: 'Work unit delivering the service, when different from the owning OPD.',
        },
      },
      {
        key: 'relatedMinistry',
        label: { id: 'Kementerian/Lembaga Terkait', en: 'Related ministry/agency' },
        type: 'string[]',
      },
      {
        key: 'governmentAffair',
        label: { id: 'Urusan Pemerintahan Terkait', en: 'Related government affair' },
        type: 'string',
        help: { id: 'Contoh: Administrasi Kependudukan dan Pencatatan Sipil.', en: 'E.g. population administration and civil registration.' },
      },
      {
        key: 'serviceTarget',
        label: { id: 'Target Layanan', en: 'Service target' },
        type: 'string',
        help: { id: 'Penerima layanan, mis. masyarakat, pelaku usaha, ASN, instansi pemerintah.', en: 'Who receives the service, e.g. citizens, businesses, civil servants, government bodies.' },
      },
      {
        key: 'serviceMethod',
        label: { id: 'Metode Layanan', en: 'Service method' },
        type: 'enum',
        options: [
          { value: 'Elektronik', label: { id: 'Elektronik', en: 'Electronic' } },
          { value: 'Non-elektronik', label: { id: 'Non-elektronik', en: 'Non-electronic' } },
          { value: 'Hybrid', label: { id: 'Hybrid', en: 'Hybrid' } },
        ],
      },
      { key: 'potentialBenefit', label: { id: 'Potensi Manfaat', en: 'Potential benefit' }, type: 'text' },
      { key: 'economicPotential', label: { id: 'Potensi Ekonomi', en: 'Economic potential' }, type: 'text' },
      { key: 'potentialRisk', label: { id: 'Potensi Risiko', en: 'Potential risk' }, type: 'text' },
      { key: 'riskMitigation', label: { id: 'Mitigasi Risiko', en: 'Risk mitigation' }, type: 'text' },
      {
        key: 'relatedMetadataId',
        label: { id: 'ID Metadata Terkait', en: 'Related metadata IDs' },
        type: 'string[]',
        help: { id: 'Mengacu kepada metadata Arsitektur SPBE terkait.', en: 'Refers to related SPBE architecture metadata.' },
      },
    ],
    relations: [
      { type: 'composes', targets: ['service'] },
      { type: 'serves', targets: ['business-process', 'sub-process'] },
      { type: 'supports', targets: ['goal', 'objective', 'mission'] },
      { type: 'accesses', targets: ['data'] },
    ],
  }),
];
