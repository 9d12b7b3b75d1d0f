import { defineKind, type AttributeField, type Label } from '../kind.js';
import {
  INFRASTRUCTURE_KIND_IDS,
  ownerName,
  ownershipStatus,
  PROTECTABLE,
  relatedMetadataId,
  SECURITY_DEVICE_TYPE_HELP,
  SECURITY_DEVICE_TYPES,
} from './infrastructure.js';

/**
 * Keamanan SPBE (RAK). One kind per metadata table of the seed, Tabel
 * 4.7–4.14. Rows "ID", "Nama …" and "Deskripsi …" are the element's core
 * fields (code, name, description); every other row is an attribute, in table
 * order, labelled with the table's "Nama Atribut" and explained (help) with its
 * "Keterangan". Label spelling: "ID metadata terkait" is written "ID Metadata
 * Terkait" everywhere, and Tabel 4.12's "Penangan Insiden" is "Penanganan
 * Insiden".
 *
 * Incidents, vulnerabilities and audits are 'rahasia' by default (they describe
 * weaknesses); the rest 'terbatas'.
 */

/** What a security activity is about (Keterangan "ID Metadata Terkait": data, aplikasi, infrastruktur). */
const CONCERNED = ['application', 'data', ...INFRASTRUCTURE_KIND_IDS] as const;

const protects = { type: 'protects', targets: PROTECTABLE } as const;
const concerns = { type: 'concerns', targets: CONCERNED } as const;

function help(id: string, en: string): Label {
  return { id, en };
}

function activityDate(key: string, label: Label, keterangan: string): AttributeField {
  return { key, label, type: 'date', help: help(keterangan, `${label.en} (the day the activity took place).`) };
}

function relatedMetadata(): AttributeField {
  return {
    ...relatedMetadataId(),
    help: help(
      'Mengacu kepada Metadata Arsitektur SPBE terkait (Data dan Informasi atau Aplikasi atau Infrastruktur).',
      'Refers to the related SPBE architecture metadata (data and information, application or infrastructure).',
    ),
  };
}

const common = { domain: 'security', referenceModel: 'RAK' } as const;

export const securityKinds = [
  defineKind({
    ...common,
    id: 'security-hardware',
    label: { id: 'Perangkat Keras Keamanan', en: 'Security hardware' },
    description: {
      id: 'Metadata perangkat keras keamanan menurut Arsitektur Keamanan (Tabel 4.7); sama dengan Perangkat Keamanan infrastruktur (Tabel 5.11).',
      en: 'Security hardware as listed by the security architecture (Tabel 4.7); same fields as the infrastructure security device (Tabel 5.11).',
    },
    defaultClassification: 'terbatas',
    source: 'Tabel 4.7',
    attributes: [
      {
        key: 'deviceType',
        label: { id: 'Tipe Security Device', en: 'Security device type' },
        type: 'enum',
        options: SECURITY_DEVICE_TYPES,
        help: SECURITY_DEVICE_TYPE_HELP,
      },
      ownershipStatus('Status Kepemilikan', 'Security Device'),
      ownerName('Security Device'),
      {
        key: 'managingUnit',
        label: { id: 'Unit Pengelola Security Device', en: 'Security device managing unit' },
        type: 'string',
        help: help('Unit pengelola Security Device yang digunakan.', 'Unit managing the security device.'),
      },
      relatedMetadataId(),
    ],
    relations: [protects],
  }),
  defineKind({
    ...common,
    id: 'security-standard',
    label: { id: 'Standar Teknis dan Prosedur Keamanan', en: 'Security standard and procedure' },
    description: {
      id: 'Standar teknis dan prosedur keamanan SPBE, standar keamanan internasional atau regulasi lainnya (RAK 01).',
      en: 'SPBE technical security standard and procedure, international standard or other regulation (RAK 01).',
    },
    defaultClassification: 'terbatas',
    source: 'Tabel 4.8',
    attributes: [
      {
        key: 'standardType',
        label: { id: 'Jenis Standar Keamanan', en: 'Security standard type' },
        type: 'enum',
        options: [
          {
            value: 'Standar Teknis dan Prosedur Keamanan SPBE',
            label: { id: 'Standar dan/atau peraturan terkait teknis dan prosedur keamanan SPBE', en: 'SPBE technical security standard/procedure' },
          },
          {
            value: 'Standar Keamanan Internasional',
            label: { id: 'Standar internasional terkait keamanan informasi', en: 'International information security standard' },
          },
          { value: 'Regulasi Lainnya', label: { id: 'Regulasi lainnya', en: 'Other regulation' } },
        ],
        help: help(
          'Jenis standar keamanan yang diacu dan menjadi prioritas oleh setiap IPPD diantaranya: 1. Standar dan/atau Peraturan terkait teknis dan prosedur keamanan SPBE. 2. Standar internasional terkait keamanan informasi. 3. Regulasi lainnya.',
          'Kind of standard the agency follows: SPBE technical standard/procedure, international information security standard, or other regulation.',
        ),
      },
      {
        key: 'startDate',
        label: { id: 'Tanggal Mulai Penerapan', en: 'Start of application' },
        type: 'date',
        help: help(
          'Merupakan tanggal dimulainya penerapan Standar Teknis dan Prosedur Keamanan SPBE, Standar Keamanan Internasional, atau Regulasi lainnya.',
          'Date the standard started to apply.',
        ),
      },
      {
        key: 'endDate',
        label: { id: 'Tanggal Akhir Penerapan', en: 'End of application' },
        type: 'date',
        help: help(
          'Merupakan tanggal diakhirinya penerapan Standar Teknis dan Prosedur Keamanan SPBE, Standar Keamanan Internasional, atau Regulasi lainnya.',
          'Date the standard stopped applying.',
        ),
      },
      relatedMetadata(),
    ],
    relations: [protects],
  }),
  defineKind({
    ...common,
    id: 'security-awareness',
    label: { id: 'Edukasi Kesadaran Keamanan', en: 'Security awareness education' },
    description: {
      id: 'Kegiatan untuk meningkatkan kesadaran keamanan SPBE (RAK 02.01).',
      en: 'Activity raising SPBE security awareness (RAK 02.01).',
    },
    defaultClassification: 'terbatas',
    source: 'Tabel 4.9',
    attributes: [
      activityDate(
        'activityDate',
        { id: 'Tanggal Kegiatan Edukasi Kesadaran Keamanan SPBE', en: 'Awareness activity date' },
        'Merupakan tanggal dilaksanakannya kegiatan edukasi kesadaran keamanan SPBE.',
      ),
      relatedMetadata(),
    ],
    relations: [protects],
  }),
  defineKind({
    ...common,
    id: 'vulnerability',
    label: { id: 'Identifikasi Kerentanan Keamanan', en: 'Vulnerability identification' },
    description: {
      id: 'Kegiatan identifikasi kerentanan dan penilaian risiko keamanan SPBE (RAK 02.02).',
      en: 'Vulnerability identification and security risk assessment (RAK 02.02).',
    },
    defaultClassification: 'rahasia',
    source: 'Tabel 4.10',
    attributes: [
      activityDate(
        'activityDate',
        { id: 'Tanggal Kegiatan Identifikasi Kerentanan Keamanan SPBE', en: 'Vulnerability identification date' },
        'Merupakan tanggal dilaksanakannya kegiatan identifikasi kerentanan dan penilaian risiko keamanan SPBE.',
      ),
      relatedMetadata(),
    ],
    relations: [protects, concerns],
  }),
  defineKind({
    ...common,
    id: 'security-improvement',
    label: { id: 'Peningkatan Keamanan', en: 'Security improvement' },
    description: {
      id: 'Kegiatan untuk meningkatkan keamanan SPBE (RAK 02.03).',
      en: 'Activity improving SPBE security (RAK 02.03).',
    },
    defaultClassification: 'terbatas',
    source: 'Tabel 4.11',
    attributes: [
      activityDate(
        'activityDate',
        { id: 'Tanggal Kegiatan Peningkatan Keamanan SPBE', en: 'Security improvement date' },
        'Merupakan tanggal dilaksanakannya kegiatan peningkatan keamanan.',
      ),
      {
        key: 'cyberSecurityMaturity',
        label: { id: 'Nilai Kematangan Keamanan Siber', en: 'Cyber security maturity score' },
        type: 'number',
        min: 0,
        help: help(
          'Merupakan nilai kematangan atas keamanan siber organisasi berdasarkan instrumen dari lembaga yang menyelenggarakan tugas pemerintahan di bidang keamanan siber. Nilai ini berlaku untuk satu organisasi.',
          'Cyber security maturity of the organisation, measured with the national cyber agency’s (BSSN) instrument. One value per organisation.',
        ),
      },
      relatedMetadata(),
    ],
    relations: [protects],
  }),
  defineKind({
    ...common,
    id: 'incident',
    label: { id: 'Penanganan Insiden Keamanan', en: 'Security incident handling' },
    description: {
      id: 'Kegiatan menanggulangi, memulihkan dan memitigasi risiko insiden keamanan SPBE (RAK 02.04).',
      en: 'Handling, recovering from and mitigating SPBE security incidents (RAK 02.04).',
    },
    defaultClassification: 'rahasia',
    source: 'Tabel 4.12',
    attributes: [
      activityDate(
        'activityDate',
        { id: 'Tanggal Kegiatan Penanganan Insiden Keamanan SPBE', en: 'Incident handling date' },
        'Merupakan tanggal dilaksanakannya kegiatan penanganan insiden keamanan SPBE.',
      ),
      {
        key: 'incidentHandlingMaturity',
        label: { id: 'Nilai Kematangan Penanganan Insiden Siber', en: 'Incident handling maturity score' },
        type: 'number',
        min: 0,
        help: help(
          'Merupakan nilai kematangan atas penanganan insiden berdasarkan instrumen dari lembaga yang menyelenggarakan tugas pemerintahan di bidang keamanan siber. Nilai ini berlaku untuk lingkup yang ditentukan.',
          'Incident handling maturity, measured with the national cyber agency’s (BSSN) instrument, for the given scope.',
        ),
      },
      relatedMetadata(),
    ],
    relations: [protects, concerns],
  }),
  defineKind({
    ...common,
    id: 'security-audit',
    label: { id: 'Audit Keamanan', en: 'Security audit' },
    description: {
      id: 'Kegiatan untuk mengukur tingkat kesesuaian penerapan standar keamanan SPBE (RAK 02.05).',
      en: 'Measuring how well SPBE security standards are applied (RAK 02.05).',
    },
    defaultClassification: 'rahasia',
    source: 'Tabel 4.13',
    attributes: [
      {
        key: 'auditResult',
        label: { id: 'Hasil Audit Keamanan SPBE', en: 'Security audit result' },
        type: 'enum',
        options: [
          { value: 'belum/tidak dilaksanakan', label: { id: 'Belum/tidak dilaksanakan', en: 'Not (yet) carried out' } },
          { value: 'memadai', label: { id: 'Memadai', en: 'Adequate' } },
          { value: 'perlu peningkatan', label: { id: 'Perlu peningkatan', en: 'Needs improvement' } },
          { value: 'tidak memadai', label: { id: 'Tidak memadai', en: 'Inadequate' } },
        ],
        help: help(
          'Merupakan hasil dari pelaksanaan audit keamanan SPBE berdasarkan instrumen dari lembaga yang menyelenggarakan tugas pemerintahan di bidang keamanan siber, yang terdiri dari: a. belum/tidak dilaksanakan; b. memadai; c. perlu peningkatan; d. tidak memadai.',
          'Result of the audit using the national cyber agency’s instrument: not carried out, adequate, needs improvement, inadequate.',
        ),
      },
      {
        key: 'auditType',
        label: { id: 'Jenis Audit Keamanan SPBE', en: 'Security audit type' },
        type: 'enum',
        options: [
          { value: 'Internal', label: { id: 'Internal', en: 'Internal' } },
          { value: 'Eksternal', label: { id: 'Eksternal', en: 'External' } },
        ],
        help: help(
          'Internal: audit keamanan dilaksanakan oleh auditor TIK/Sistem Keamanan Informasi internal Instansi Pusat/Pemerintah Daerah. Eksternal: dilaksanakan oleh auditor TIK/Sistem Keamanan Informasi eksternal yang memiliki sertifikasi auditor TIK/Sistem Keamanan Informasi.',
          'Internal: by the agency’s own ICT / information security auditors. External: by certified external ICT / information security auditors.',
        ),
      },
      activityDate('auditDate', { id: 'Tanggal Kegiatan Audit Keamanan SPBE', en: 'Audit date' }, 'Merupakan tanggal dilaksanakannya kegiatan audit keamanan.'),
      {
        key: 'followUp',
        label: { id: 'Tindak lanjut Audit Keamanan SPBE', en: 'Security audit follow-up' },
        type: 'enum',
        options: [
          { value: 'belum ditindaklanjuti', label: { id: 'Belum ditindaklanjuti (≤ 15%)', en: 'Not followed up (≤ 15%)' } },
          { value: 'sebagian ditindaklanjuti', label: { id: 'Sebagian ditindaklanjuti (> 15–50%)', en: 'Partly followed up (> 15–50%)' } },
          {
            value: 'sebagian besar ditindaklanjuti',
            label: { id: 'Sebagian besar ditindaklanjuti (> 50–85%)', en: 'Largely followed up (> 50–85%)' },
          },
          { value: 'penuh ditindaklanjuti', label: { id: 'Penuh ditindaklanjuti (> 85%)', en: 'Fully followed up (> 85%)' } },
        ],
        help: help(
          'Tindak lanjut atas audit keamanan: belum ditindaklanjuti (≤ 15% rekomendasi ditindaklanjuti), sebagian (> 15% s.d. 50%), sebagian besar (> 50% s.d. 85%), penuh (> 85%).',
          'Share of audit recommendations acted on: none (≤ 15%), partly (> 15–50%), largely (> 50–85%), fully (> 85%).',
        ),
      },
      relatedMetadata(),
    ],
    relations: [protects, concerns],
  }),
  defineKind({
    ...common,
    id: 'security-assessment',
    label: { id: 'Kelaikan Keamanan', en: 'Security feasibility assessment' },
    description: {
      id: 'Kelaikan keamanan aplikasi umum dan/atau infrastruktur SPBE yang akan terhubung ke infrastruktur SPBE Nasional (RAK 03).',
      en: 'Security feasibility of general applications and/or infrastructure that will connect to the national SPBE infrastructure (RAK 03).',
    },
    defaultClassification: 'terbatas',
    source: 'Tabel 4.14',
    attributes: [
      activityDate('assessmentDate', { id: 'Tanggal Kelaikan Keamanan SPBE', en: 'Feasibility assessment date' }, 'Merupakan tanggal dilaksanakannya kegiatan kelaikan keamanan.'),
      relatedMetadata(),
    ],
    relations: [protects, concerns],
  }),
];

/** Follow-up band of a security audit from the share (0–100) of recommendations acted on (Tabel 4.13). */
export function auditFollowUpBand(percent: number): string {
  if (percent <= 15) return 'belum ditindaklanjuti';
  if (percent <= 50) return 'sebagian ditindaklanjuti';
  if (percent <= 85) return 'sebagian besar ditindaklanjuti';
  return 'penuh ditindaklanjuti';
}
