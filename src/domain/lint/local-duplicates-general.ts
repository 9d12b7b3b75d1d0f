import { localDuplicatesOfGeneral } from './applications.js';
import { defineRule } from './rule.js';

/**
 * Perpres 95/2018 (Pasal 36–37): where an aplikasi umum exists, instansi use it
 * and build an aplikasi khusus only for a need the general one does not meet.
 * A local application (category khusus, or scope lokal) whose name is close to
 * a general application's is therefore a candidate for replacement. Names are
 * compared on their distinctive words (see applications.ts), so this finds
 * "SRIKANDI Kota" next to SRIKANDI but not an unrelated local system.
 */
export const localDuplicatesGeneral = defineRule({
  id: 'local-duplicates-general',
  severity: 'warning',
  title: { id: 'Aplikasi khusus menyerupai aplikasi umum', en: 'Local application resembles a general application' },
  explain: {
    id: 'Menurut Perpres 95/2018, bila tersedia aplikasi umum, instansi menggunakannya; aplikasi khusus dibangun hanya untuk kebutuhan yang tidak dipenuhi aplikasi umum. Aplikasi khusus/lokal yang namanya mirip aplikasi umum perlu ditinjau: migrasikan ke aplikasi umum, atau jelaskan kebutuhan khususnya dan bedakan namanya.',
    en: 'Under Perpres 95/2018, where a general (shared) application exists agencies use it, and build a specific one only for needs it does not meet. A local application named like a general one should be reviewed: migrate to the general application, or record the specific need and name it apart.',
  },
  check(graph) {
    return localDuplicatesOfGeneral(graph).map(({ local, general, score }) => ({
      message: `Aplikasi khusus "${local.name}" mirip aplikasi umum "${general.name}" (kemiripan ${Math.round(score * 100)}%); tinjau apakah dapat digantikan aplikasi umum.`,
      messageEn: `Local application "${local.name}" resembles general application "${general.name}" (${Math.round(score * 100)}% similar); review whether the general application can replace it.`,
      elementIds: [local.id, general.id],
    }));
  },
});
