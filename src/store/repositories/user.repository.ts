import type { Kysely } from 'kysely';
import { uniqueLookup } from '../dialects/index.js';
import type { ApiTokenTable, Database, UserTable } from '../schema.js';
import type { Role } from '../../domain/policy.js';

export interface User {
  id: string;
  instansiId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  orgUnitIds: string[];
  createdAt: string;
  disabledAt: string | null;
  totpSecret: string | null;
  totpEnabledAt: string | null;
  totpLastStep: number | null;
}

function toUser(row: UserTable): User {
  return {
    id: row.id,
    instansiId: row.instansi_id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role as Role,
    orgUnitIds: JSON.parse(row.org_unit_ids) as string[],
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    totpSecret: row.totp_secret,
    totpEnabledAt: row.totp_enabled_at,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  };
}

export class UserRepository {
  async findById(db: Kysely<Database>, id: string): Promise<User | undefined> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).modifyEnd(uniqueLookup).executeTakeFirst();
    return row && toUser(row);
  }

  async findByUsername(db: Kysely<Database>, username: string): Promise<User | undefined> {
    const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return row && toUser(row);
  }

  async listOfInstansi(db: Kysely<Database>, instansiId: string): Promise<User[]> {
    const rows = await db.selectFrom('users').selectAll().where('instansi_id', '=', instansiId).orderBy('username').execute();
    return rows.map(toUser);
  }

  async update(db: Kysely<Database>, id: string, changes: { role?: Role; orgUnitIds?: string[]; displayName?: string; disabledAt?: string | null }): Promise<void> {
    await db
      .updateTable('users')
      .set({
        ...(changes.role !== undefined ? { role: changes.role } : {}),
        ...(changes.orgUnitIds !== undefined ? { org_unit_ids: JSON.stringify(changes.orgUnitIds) } : {}),
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.disabledAt !== undefined ? { disabled_at: changes.disabledAt } : {}),
      })
      .where('id', '=', id)
      .execute();
  }

  async count(db: Kysely<Database>): Promise<number> {
    const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(db: Kysely<Database>, u: User): Promise<void> {
    await db
      .insertInto('users')
      .values({
        id: u.id,
        instansi_id: u.instansiId,
        username: u.username,
        display_name: u.displayName,
        password_hash: u.passwordHash,
        role: u.role,
        org_unit_ids: JSON.stringify(u.orgUnitIds),
        created_at: u.createdAt,
        disabled_at: u.disabledAt,
        totp_secret: u.totpSecret,
        totp_enabled_at: u.totpEnabledAt,
        totp_last_step: u.totpLastStep,
      })
      .execute();
  }

  async setTotp(db: Kysely<Database>, id: string, secret: string | null, enabledAt: string | null): Promise<void> {
    await db.updateTable('users').set({ totp_secret: secret, totp_enabled_at: enabledAt, totp_last_step: null }).where('id', '=', id).execute();
  }

  /** Records a used TOTP step unless it (or a later one) was used already; false means a replay. */
  async claimTotpStep(db: Kysely<Database>, id: string, step: number): Promise<boolean> {
    const r = await db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

export type SessionStage = 'full' | 'totp-enrolment';

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  stage: SessionStage;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export class SessionRepository {
  async insert(db: Kysely<Database>, s: Session): Promise<void> {
    await db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        stage: s.stage,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
      })
      .execute();
  }

  async find(db: Kysely<Database>, id: string): Promise<Session | undefined> {
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).modifyEnd(uniqueLookup).executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        stage: row.stage as SessionStage,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      }
    );
  }

  async touch(db: Kysely<Database>, id: string, at: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  async delete(db: Kysely<Database>, id: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async setStage(db: Kysely<Database>, id: string, stage: SessionStage): Promise<void> {
    await db.updateTable('sessions').set({ stage }).where('id', '=', id).execute();
  }

  async deleteAllOfUser(db: Kysely<Database>, userId: string): Promise<number> {
    const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export class ApiTokenRepository {
  async insert(db: Kysely<Database>, t: ApiToken): Promise<void> {
    await db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        token_hash: t.tokenHash,
        scopes: JSON.stringify(t.scopes),
        created_at: t.createdAt,
        last_used_at: null,
        expires_at: t.expiresAt,
        revoked_at: t.revokedAt,
      })
      .execute();
  }

  /** The token and its user in one round trip (every token-authenticated request needs both). */
  async findWithUserByHash(db: Kysely<Database>, tokenHash: string): Promise<{ token: ApiToken; user: User } | undefined> {
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('users', 'users.id', 't.user_id')
      .selectAll('users')
      .select(['t.id as t_id', 't.name as t_name', 't.scopes as t_scopes', 't.created_at as t_created_at', 't.expires_at as t_expires_at', 't.revoked_at as t_revoked_at', 't.last_used_at as t_last_used_at'])
      .where('t.token_hash', '=', tokenHash)
      .modifyEnd(uniqueLookup)
      .executeTakeFirst();
    if (!row) return undefined;
    const { t_id, t_name, t_scopes, t_created_at, t_expires_at, t_revoked_at, t_last_used_at, ...user } = row;
    const token = toToken({ id: t_id, user_id: user.id, name: t_name, token_hash: tokenHash, scopes: t_scopes, created_at: t_created_at, expires_at: t_expires_at, revoked_at: t_revoked_at, last_used_at: t_last_used_at });
    return { token, user: toUser(user) };
  }

  async listOfUser(db: Kysely<Database>, userId: string): Promise<ApiToken[]> {
    const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
    return rows.map(toToken);
  }

  async revoke(db: Kysely<Database>, id: string, userId: string, at: string): Promise<boolean> {
    const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}

function toToken(row: ApiTokenTable): ApiToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    scopes: JSON.parse(row.scopes) as TokenScope[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}
