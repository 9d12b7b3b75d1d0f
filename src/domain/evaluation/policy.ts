import type { Actor, Role } from '../policy.js';

/**
 * Who may do what with an assessment. Kept explicit and small:
 *
 *   read (frameworks, assessments, evidence)  every signed-in user of the instansi; anonymous: nobody (401)
 *   create an assessment                      admin, operator
 *   change levels, notes, evidence in draft   admin, operator   (penilaian mandiri: selfLevel)
 *   change levels, notes, evidence submitted  admin, reviewer   (verification: verifiedLevel)
 *   verified, final                           nobody: locked
 *   load a framework or crosswalk             admin (for their own instansi)
 *
 *   draft → submitted        admin, operator   every indicator needs a level
 *   submitted → draft        admin, reviewer   returned for revision
 *   submitted → verified     admin, reviewer   unverified indicators take their self-assessed level
 *   verified → final         admin
 *
 * Verifiers are the admin (Diskominfo SPBE team) and the reviewer role, which
 * stands for the Tim Koordinasi SPBE — the body that verifies in practice.
 * Auditors (Inspektorat) and viewers read only. Finalising stays with the admin.
 *
 * Operators are not narrowed to one OPD here: the evaluation is instansi-wide
 * and is in practice filled in by the Diskominfo team. Narrowing it to the
 * operators of one OPD is a change to EDITORS only.
 */

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'verified', 'final'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const EDITORS: readonly Role[] = ['admin', 'operator'];
export const VERIFIERS: readonly Role[] = ['admin', 'reviewer'];
export const FRAMEWORK_LOADERS: readonly Role[] = ['admin'];

export interface Transition {
  from: AssessmentStatus;
  to: AssessmentStatus;
  roles: readonly Role[];
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'submitted', roles: EDITORS },
  { from: 'submitted', to: 'draft', roles: VERIFIERS },
  { from: 'submitted', to: 'verified', roles: VERIFIERS },
  { from: 'verified', to: 'final', roles: ['admin'] },
];

/** unauthenticated → 401, forbidden → 403, locked / invalid → 409. */
export type EvaluationDenial = 'unauthenticated' | 'forbidden' | 'locked' | 'invalid-transition' | null;

export function readDenial(actor: Actor): EvaluationDenial {
  return actor.user ? null : 'unauthenticated';
}

/** Every write goes through here: a read-only token (no write scope) is refused whatever its role. */
function roleDenial(actor: Actor, roles: readonly Role[]): EvaluationDenial {
  if (!actor.user) return 'unauthenticated';
  if (actor.user.readOnly) return 'forbidden';
  return roles.includes(actor.user.role) ? null : 'forbidden';
}

export function createDenial(actor: Actor): EvaluationDenial {
  return roleDenial(actor, EDITORS);
}

export function frameworkLoadDenial(actor: Actor): EvaluationDenial {
  return roleDenial(actor, FRAMEWORK_LOADERS);
}

/** Which stage value an edit in this status writes. */
export function editStage(status: AssessmentStatus): 'self' | 'verification' | null {
  return status === 'draft' ? 'self' : status === 'submitted' ? 'verification' : null;
}

/** May the actor change indicator levels, notes and evidence of an assessment in this status? */
export function editDenial(actor: Actor, status: AssessmentStatus): EvaluationDenial {
  if (!actor.user) return 'unauthenticated';
  const stage = editStage(status);
  if (stage === null) return 'locked';
  return roleDenial(actor, stage === 'self' ? EDITORS : VERIFIERS);
}

export function transitionDenial(actor: Actor, from: AssessmentStatus, to: AssessmentStatus): EvaluationDenial {
  if (!actor.user) return 'unauthenticated';
  const t = TRANSITIONS.find((x) => x.from === from && x.to === to);
  if (!t) return 'invalid-transition';
  return roleDenial(actor, t.roles);
}

export function allowedTransitions(actor: Actor, from: AssessmentStatus): AssessmentStatus[] {
  return TRANSITIONS.filter((t) => t.from === from && transitionDenial(actor, from, t.to) === null).map((t) => t.to);
}
