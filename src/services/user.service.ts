import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { User, UserRepository, SessionRepository } from '../store/repositories/user.repository.js';
import type { OrgUnitRepository } from '../store/repositories/org-unit.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import { ROLES, seesEverything, type Actor, type Role } from '../domain/policy.js';
import type { AuthService } from './auth.service.js';
import { Problem } from './problem.js';

export function presentUser(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    orgUnitIds: u.orgUnitIds,
    totpEnabled: !!u.totpEnabledAt,
    createdAt: u.createdAt,
    disabledAt: u.disabledAt,
  };
}

export interface UserChanges {
  role?: string;
  orgUnitIds?: string[];
  displayName?: string;
  disabled?: boolean;
}

/** The Administrasi › Pengguna screen: admins manage the users of their instansi; auditors read them. */
export class UserService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly audit: AuditRepository,
    private readonly auth: AuthService,
  ) {}

  async list(actor: Actor) {
    if (!actor.user) throw Problem.unauthenticated();
    if (!seesEverything(actor.user.role)) throw Problem.forbidden('Only administrators and auditors see the users.');
    return (await this.users.listOfInstansi(this.db, actor.instansiId)).map(presentUser);
  }

  async create(actor: Actor, input: { username: string; password: string; role: string; orgCodes?: string[]; displayName?: string }) {
    this.requireAdmin(actor);
    return presentUser(await this.auth.addUser({ ...input, instansiId: actor.instansiId }, actor));
  }

  async update(actor: Actor, id: string, changes: UserChanges) {
    this.requireAdmin(actor);
    return this.db.transaction().execute(async (trx) => {
      const user = await this.users.findById(trx, id);
      if (!user || user.instansiId !== actor.instansiId) throw Problem.notFound('User');
      if (changes.role !== undefined && !(ROLES as readonly string[]).includes(changes.role)) {
        throw Problem.validation([{ field: 'role', rule: 'enum', message: `role must be one of ${ROLES.join(', ')}.` }]);
      }
      for (const orgId of changes.orgUnitIds ?? []) {
        const org = await this.orgUnits.findById(trx, orgId);
        if (!org || org.instansiId !== actor.instansiId) throw Problem.validation([{ field: 'orgUnitIds', rule: 'exists', message: `No OPD ${orgId} in this instansi.` }]);
      }
      const role = (changes.role ?? user.role) as Role;
      const orgUnitIds = changes.orgUnitIds ?? user.orgUnitIds;
      if (role === 'operator' && orgUnitIds.length === 0) {
        throw Problem.validation([{ field: 'orgUnitIds', rule: 'required', message: 'An operator manages at least one OPD.' }]);
      }
      if (user.id === actor.user!.id && (changes.disabled || (changes.role && changes.role !== 'admin'))) {
        throw Problem.conflict('Administrators cannot disable or demote themselves.');
      }
      const disabledAt = changes.disabled === undefined ? undefined : changes.disabled ? new Date().toISOString() : null;
      await this.users.update(trx, id, { role: changes.role as Role | undefined, orgUnitIds: changes.orgUnitIds, displayName: changes.displayName, disabledAt });
      // A disabled user or a changed role must not keep an open session with old rights.
      if (changes.disabled || changes.role !== undefined || changes.orgUnitIds !== undefined) await this.sessions.deleteAllOfUser(trx, id);
      const after = (await this.users.findById(trx, id))!;
      await this.audit.append(trx, {
        instansiId: actor.instansiId,
        userId: actor.user!.id,
        username: actor.user!.username,
        action: 'update',
        entityType: 'user',
        entityId: id,
        before: presentUser(user),
        after: presentUser(after),
      });
      return presentUser(after);
    });
  }

  /** `user=` filters of the audit trail accept a username as well as an id. */
  async resolveId(actor: Actor, idOrUsername: string): Promise<string> {
    const byName = await this.users.findByUsername(this.db, idOrUsername);
    return byName && byName.instansiId === actor.instansiId ? byName.id : idOrUsername;
  }

  private requireAdmin(actor: Actor): void {
    if (!actor.user) throw Problem.unauthenticated();
    if (actor.user.role !== 'admin' || actor.user.readOnly) throw Problem.forbidden('Only administrators manage users.');
  }
}
