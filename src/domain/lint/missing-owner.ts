import { findKind } from '../kinds/index.js';
import { INFRASTRUCTURE_KIND_IDS } from '../kinds/infrastructure.js';
import { label } from '../graph/model.js';
import { defineRule, isLive, type RuleFinding } from './rule.js';

/**
 * Kinds that belong to one Perangkat Daerah: services (unit pelaksana), data
 * (produsen data, Satu Data Indonesia), applications (the OPD that runs or uses
 * it), interfaces, infrastructure (unit pengelola) and roadmap initiatives (OPD
 * penanggung jawab). Strategy, process groups and business processes are
 * city-wide, gaps and security activities are not owned, so they are not here.
 */
export const OWNED_KINDS: readonly string[] = ['service', 'data', 'application', 'application-interface', ...INFRASTRUCTURE_KIND_IDS, 'initiative'];

export const missingOwner = defineRule({
  id: 'missing-owner',
  severity: 'warning',
  title: { id: 'Perangkat Daerah pemilik belum diisi', en: 'Owning OPD missing' },
  explain: {
    id: 'Layanan, data, aplikasi, infrastruktur dan inisiatif Peta Rencana harus jelas Perangkat Daerah penanggung jawabnya: siapa yang memelihara, siapa yang menjawab audit. Isi Perangkat Daerah pemilik.',
    en: 'Services, data, applications, infrastructure and roadmap initiatives need an accountable OPD: who maintains it, who answers the audit. Set the owning OPD.',
  },
  check(graph) {
    const findings: RuleFinding[] = [];
    for (const kindId of OWNED_KINDS) {
      const kind = findKind(kindId);
      if (!kind) continue;
      for (const e of graph.ofKind(kindId)) {
        if (!isLive(e) || e.orgUnitId) continue;
        findings.push({
          message: `${kind.label.id} "${label(e)}" belum memiliki Perangkat Daerah pemilik.`,
          messageEn: `${kind.label.en} "${label(e)}" has no owning OPD.`,
          elementIds: [e.id],
        });
      }
    }
    return findings;
  },
});
