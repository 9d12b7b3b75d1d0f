import { defineKind } from '../kind.js';

/** BAB II of the seed: visi, misi, tujuan and sasaran of the RPJMD. */
const strategicTargets = ['vision', 'mission', 'goal', 'objective'] as const;

export const strategyKinds = [
  defineKind({
    id: 'vision',
    domain: 'strategy',
    label: { id: 'Visi', en: 'Vision' },
    defaultClassification: 'terbuka',
    source: 'BAB II.C',
    attributes: [
      { key: 'period', label: { id: 'Periode', en: 'Period' }, type: 'string', help: { id: 'Contoh: 2021–2026', en: 'E.g. 2021–2026' } },
    ],
    relations: [{ type: 'composes', targets: ['mission'] }],
  }),
  defineKind({
    id: 'mission',
    domain: 'strategy',
    label: { id: 'Misi', en: 'Mission' },
    codePattern: '^M\\d+$',
    defaultClassification: 'terbuka',
    source: 'BAB II.D',
    attributes: [{ key: 'order', label: { id: 'Urutan', en: 'Order' }, type: 'integer', min: 1 }],
    relations: [{ type: 'composes', targets: ['goal'] }],
  }),
  defineKind({
    id: 'goal',
    domain: 'strategy',
    label: { id: 'Tujuan', en: 'Goal' },
    defaultClassification: 'terbuka',
    source: 'BAB II.E',
    attributes: [
      { key: 'indicator', label: { id: 'Indikator Tujuan', en: 'Goal indicator' }, type: 'text' },
    ],
    relations: [
      { type: 'composes', targets: ['objective'] },
      { type: 'supports', targets: strategicTargets },
    ],
  }),
  defineKind({
    id: 'objective',
    domain: 'strategy',
    label: { id: 'Sasaran', en: 'Objective' },
    defaultClassification: 'terbuka',
    source: 'BAB II.E',
    attributes: [
      { key: 'indicator', label: { id: 'Indikator Sasaran', en: 'Objective indicator' }, type: 'text' },
    ],
    relations: [{ type: 'supports', targets: strategicTargets }],
  }),
];
