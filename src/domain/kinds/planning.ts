import { defineKind, type AttributeField } from '../kind.js';
import { applicationKinds } from './application.js';
import { businessKinds } from './business.js';
import { dataKinds } from './data.js';
import { infrastructureKinds } from './infrastructure.js';
import { securityKinds } from './security.js';
import { serviceKinds } from './service.js';
import { strategyKinds } from './strategy.js';

/**
 * Kesenjangan (BAB V of the seed: Tabel 5.1, 5.2, 5.4, 5.16 — komponen, kondisi
 * saat ini, kondisi target, rekomendasi tindak lanjut) and inisiatif Peta
 * Rencana SPBE (one roadmap row: domain, kondisi awal, OPD penanggung jawab =
 * the element's owner, target per tahun 2025–2030, anggaran, program/kegiatan,
 * status).
 */

/** Every architecture kind outside planning: what a gap may concern and an initiative deliver. */
const ARCHITECTURE_KIND_IDS = [
  ...strategyKinds,
  ...businessKinds,
  ...serviceKinds,
  ...dataKinds,
  ...applicationKinds,
  ...infrastructureKinds,
  ...securityKinds,
].map((k) => k.id);

const YEARS = [2025, 2026, 2027, 2028, 2029, 2030] as const;

const yearTargets: AttributeField[] = YEARS.map((year) => ({
  key: `target${year}`,
  label: { id: `Target ${year}`, en: `Target ${year}` },
  type: 'text' as const,
}));

function year(key: string, id: string, en: string): AttributeField {
  return { key, label: { id, en }, type: 'integer', min: 2000, max: 2100 };
}

export const planningKinds = [
  defineKind({
    id: 'gap',
    domain: 'planning',
    label: { id: 'Kesenjangan', en: 'Gap' },
    description: {
      id: 'Kesenjangan antara kondisi saat ini dan kondisi target satu komponen arsitektur, dengan rekomendasi tindak lanjut.',
      en: 'Difference between the current and target state of one architecture component, with a recommendation.',
    },
    defaultClassification: 'terbuka',
    source: 'BAB V (Tabel 5.1, 5.2, 5.4, 5.16)',
    attributes: [
      { key: 'component', label: { id: 'Komponen', en: 'Component' }, type: 'string' },
      { key: 'currentCondition', label: { id: 'Kondisi Saat Ini', en: 'Current condition' }, type: 'text' },
      { key: 'targetCondition', label: { id: 'Kondisi Target', en: 'Target condition' }, type: 'text' },
      { key: 'recommendation', label: { id: 'Rekomendasi Tindak Lanjut', en: 'Recommendation' }, type: 'text' },
      {
        key: 'priority',
        label: { id: 'Prioritas', en: 'Priority' },
        type: 'enum',
        options: [
          { value: 'tinggi', label: { id: 'Tinggi', en: 'High' } },
          { value: 'sedang', label: { id: 'Sedang', en: 'Medium' } },
          { value: 'rendah', label: { id: 'Rendah', en: 'Low' } },
        ],
      },
      {
        key: 'gapDomain',
        label: { id: 'Domain Arsitektur', en: 'Architecture domain' },
        type: 'enum',
        options: [
          { value: 'proses-bisnis', label: { id: 'Proses Bisnis', en: 'Business process' } },
          { value: 'layanan', label: { id: 'Layanan', en: 'Service' } },
          { value: 'data', label: { id: 'Data dan Informasi', en: 'Data and information' } },
          { value: 'aplikasi', label: { id: 'Aplikasi', en: 'Application' } },
          { value: 'infrastruktur', label: { id: 'Infrastruktur', en: 'Infrastructure' } },
          { value: 'keamanan', label: { id: 'Keamanan', en: 'Security' } },
        ],
      },
    ],
    relations: [{ type: 'concerns', targets: [...ARCHITECTURE_KIND_IDS, 'gap'] }],
  }),
  defineKind({
    id: 'initiative',
    domain: 'planning',
    label: { id: 'Inisiatif Peta Rencana', en: 'Roadmap initiative' },
    description: {
      id: 'Satu baris Peta Rencana SPBE: kebutuhan, domain, kondisi awal, OPD penanggung jawab, target per tahun, anggaran, program/kegiatan dan status.',
      en: 'One row of the SPBE roadmap: need, domain, initial condition, OPD in charge, yearly targets, budget, programme/activity and status.',
    },
    defaultClassification: 'terbuka',
    source: 'Peta Rencana SPBE (SE MenPANRB 18/2022)',
    attributes: [
      {
        key: 'roadmapDomain',
        label: { id: 'Domain Peta Rencana', en: 'Roadmap domain' },
        type: 'enum',
        options: [
          { value: 'tata-kelola', label: { id: 'Tata Kelola SPBE', en: 'SPBE governance' } },
          { value: 'manajemen', label: { id: 'Manajemen SPBE', en: 'SPBE management' } },
          { value: 'layanan', label: { id: 'Layanan SPBE', en: 'SPBE services' } },
          { value: 'infrastruktur', label: { id: 'Infrastruktur SPBE', en: 'SPBE infrastructure' } },
          { value: 'aplikasi', label: { id: 'Aplikasi SPBE', en: 'SPBE applications' } },
          { value: 'keamanan', label: { id: 'Keamanan SPBE', en: 'SPBE security' } },
          { value: 'audit-tik', label: { id: 'Audit TIK', en: 'ICT audit' } },
        ],
      },
      { key: 'initialCondition', label: { id: 'Kondisi Awal', en: 'Initial condition' }, type: 'text' },
      { key: 'program', label: { id: 'Program', en: 'Programme' }, type: 'string' },
      { key: 'activity', label: { id: 'Kegiatan', en: 'Activity' }, type: 'string' },
      year('startYear', 'Tahun Mulai', 'Start year'),
      year('endYear', 'Tahun Selesai', 'End year'),
      {
        key: 'budget',
        label: { id: 'Anggaran', en: 'Budget' },
        type: 'number',
        unit: 'Rp',
        min: 0,
        help: { id: 'Perkiraan anggaran seluruh periode inisiatif.', en: 'Estimated budget over the whole initiative.' },
      },
      {
        key: 'status',
        label: { id: 'Status', en: 'Status' },
        type: 'enum',
        options: [
          { value: 'direncanakan', label: { id: 'Direncanakan', en: 'Planned' } },
          { value: 'berjalan', label: { id: 'Berjalan', en: 'In progress' } },
          { value: 'selesai', label: { id: 'Selesai', en: 'Done' } },
          { value: 'dibatalkan', label: { id: 'Dibatalkan', en: 'Cancelled' } },
        ],
      },
      {
        key: 'progress',
        label: { id: 'Progres', en: 'Progress' },
        type: 'integer',
        unit: '%',
        min: 0,
        max: 100,
      },
      ...yearTargets,
      {
        key: 'evaluationIndicators',
        label: { id: 'Indikator Evaluasi yang Didukung', en: 'Evaluation indicators served' },
        type: 'string[]',
        help: { id: 'Kerangka:nomor, mis. spbe-59-2020:11', en: 'framework:number, e.g. spbe-59-2020:11' },
      },
    ],
    relations: [
      { type: 'closes', targets: ['gap'] },
      { type: 'delivers', targets: ARCHITECTURE_KIND_IDS },
      { type: 'composes', targets: ['initiative'] },
    ],
  }),
];
