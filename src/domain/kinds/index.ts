import type { KindDefinition, RelationTypeId } from '../kind.js';
import { applicationKinds } from './application.js';
import { businessKinds } from './business.js';
import { dataKinds } from './data.js';
import { infrastructureKinds } from './infrastructure.js';
import { planningKinds } from './planning.js';
import { securityKinds } from './security.js';
import { serviceKinds } from './service.js';
import { strategyKinds } from './strategy.js';

export const KINDS: readonly KindDefinition[] = [
  ...strategyKinds,
  ...businessKinds,
  ...serviceKinds,
  ...dataKinds,
  ...applicationKinds,
  ...infrastructureKinds,
  ...securityKinds,
  ...planningKinds,
];

const byId = new Map(KINDS.map((k) => [k.id, k]));

export function findKind(id: string): KindDefinition | undefined {
  return byId.get(id);
}

export function kindsOfDomain(domain: string): KindDefinition[] {
  return KINDS.filter((k) => k.domain === domain);
}

export function isRelationAllowed(sourceKind: string, type: RelationTypeId, targetKind: string): boolean {
  const source = byId.get(sourceKind);
  return !!source?.relations.some((r) => r.type === type && r.targets.includes(targetKind));
}
