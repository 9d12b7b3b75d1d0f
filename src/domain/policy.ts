import type { Classification } from './kind.js';

/**
 * admin: Diskominfo SPBE team · operator: keeps its OPDs' records · reviewer:
 * Tim Koordinasi SPBE, approves change requests · auditor: Inspektorat, reads
 * everything including the audit trail · viewer: reads.
 */
export const ROLES = ['admin', 'operator', 'reviewer', 'auditor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that read rahasia elements of every OPD and the whole audit trail. */
export function seesEverything(role: Role | undefined): boolean {
  return role === 'admin' || role === 'auditor';
}

export function canReview(actor: Actor): boolean {
  return actor.user?.role === 'admin' || actor.user?.role === 'reviewer';
}

/** Who is asking. Anonymous visitors have no user but are still scoped to one instansi. */
export interface Actor {
  instansiId: string;
  user: null | {
    id: string;
    username: string;
    role: Role;
    orgUnitIds: readonly string[];
    /** True for a token without the write scope: such an actor only reads. */
    readOnly?: boolean;
  };
}

export interface OwnedRecord {
  instansiId: string;
  orgUnitId: string | null;
  classification: Classification | string;
}

/** Classifications an actor may read in general; `rahasia` also needs ownership (see canRead). */
export function readableClassifications(actor: Actor): Classification[] {
  if (!actor.user) return ['terbuka'];
  return ['terbuka', 'terbatas', 'rahasia'];
}

export function canRead(actor: Actor, record: OwnedRecord): boolean {
  if (record.instansiId !== actor.instansiId) return false;
  if (record.classification === 'terbuka') return true;
  const user = actor.user;
  if (!user) return false;
  if (record.classification === 'terbatas') return true;
  // rahasia: admins, auditors and the owning OPD only
  return seesEverything(user.role) || (record.orgUnitId !== null && user.orgUnitIds.includes(record.orgUnitId));
}

export type WriteDenial = 'unauthenticated' | 'forbidden' | null;

/** May the actor create, change or delete an element owned by `orgUnitId`? */
export function writeDenial(actor: Actor, instansiId: string, orgUnitId: string | null): WriteDenial {
  const user = actor.user;
  if (!user) return 'unauthenticated';
  if (instansiId !== actor.instansiId || user.readOnly) return 'forbidden';
  if (user.role === 'admin') return null;
  if (user.role === 'operator' && orgUnitId !== null && user.orgUnitIds.includes(orgUnitId)) return null;
  return 'forbidden';
}

export function isAdmin(actor: Actor): boolean {
  return actor.user?.role === 'admin';
}
