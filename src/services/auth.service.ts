import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import {
  TOKEN_SCOPES,
  type ApiToken,
  type ApiTokenRepository,
  type Session,
  type SessionRepository,
  type TokenScope,
  type User,
  type UserRepository,
} from '../store/repositories/user.repository.js';
import type { OrgUnitRepository } from '../store/repositories/org-unit.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import type { SecurityRepository } from '../store/repositories/security.repository.js';
import { ROLES, type Actor, type Role } from '../domain/policy.js';
import { Problem } from './problem.js';
import { passwordErrors } from './password-policy.js';
import { ACCOUNT_RULE, ADDRESS_RULE, LoginThrottle } from './login-throttle.js';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const TOKEN_PREFIX = 'atlas_';
const TOTP_ISSUER = 'Atlas SPBE';
export const REQUIRE_ADMIN_TOTP = 'auth.requireAdminTotp';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

export function actorOf(user: User, scopes?: readonly TokenScope[]): Actor {
  return {
    instansiId: user.instansiId,
    user: { id: user.id, username: user.username, role: user.role, orgUnitIds: user.orgUnitIds, readOnly: scopes ? !scopes.includes('write') : false },
  };
}

export interface NewUser {
  instansiId: string;
  username: string;
  password: string;
  role: string;
  orgCodes?: string[];
  displayName?: string;
}

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  address: string;
}

export interface NewToken {
  name: string;
  scopes?: string[];
  expiresInDays?: number | null;
}

export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly audit: AuditRepository,
    private readonly security: SecurityRepository,
    now: () => number = Date.now,
  ) {
    this.throttle = new LoginThrottle(db, security, now);
    this.now = now;
  }
  private readonly now: () => number;

  async addUser(input: NewUser, by: Actor | null = null): Promise<User> {
    if (!(ROLES as readonly string[]).includes(input.role)) {
      throw Problem.validation([{ field: 'role', rule: 'enum', message: `role must be one of ${ROLES.join(', ')}.` }]);
    }
    if (!/^[a-z0-9._-]{3,64}$/i.test(input.username)) {
      throw Problem.validation([{ field: 'username', rule: 'format', message: 'username: 3–64 letters, digits, dot, dash or underscore.' }]);
    }
    const weak = passwordErrors(input.password, input.username);
    if (weak.length) throw Problem.validation(weak);
    const orgUnitIds: string[] = [];
    for (const code of input.orgCodes ?? []) {
      const org = await this.orgUnits.findByCode(this.db, input.instansiId, code);
      if (!org) throw Problem.validation([{ field: 'org', rule: 'exists', message: `No OPD with code ${code}.` }]);
      orgUnitIds.push(org.id);
    }
    if (input.role === 'operator' && orgUnitIds.length === 0) {
      throw Problem.validation([{ field: 'org', rule: 'required', message: 'An operator manages at least one OPD.' }]);
    }
    const user: User = {
      id: uuidv7(),
      instansiId: input.instansiId,
      username: input.username,
      displayName: input.displayName ?? input.username,
      passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
      role: input.role as Role,
      orgUnitIds,
      createdAt: new Date(this.now()).toISOString(),
      disabledAt: null,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
    };
    await this.db.transaction().execute(async (trx) => {
      if (await this.users.findByUsername(trx, user.username)) throw Problem.conflict(`User ${user.username} exists already.`);
      await this.users.insert(trx, user);
      const { passwordHash, totpSecret, ...shown } = user;
      await this.audit.append(trx, this.event(user, by, 'create', null, shown));
    });
    return user;
  }

  /**
   * Checks credentials (and the TOTP code when the user has one) under per-account
   * and per-address throttling; on success opens a new session.
   */
  async login(input: LoginInput): Promise<{ user: User; sessionToken: string; session: Session }> {
    const accountKey = `user:${input.username.toLowerCase()}`;
    const addressKey = `ip:${input.address}`;
    const wait = Math.max(await this.throttle.lockedFor(accountKey), await this.throttle.lockedFor(addressKey));
    if (wait > 0) {
      throw new Problem(429, 'Too many failed logins', 'Too many failed attempts; try again later.', [], { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const user = await this.users.findByUsername(this.db, input.username);
    // Verify against a dummy hash when the user is unknown so timing does not tell.
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash()), input.password).catch(() => false);
    if (!user || !ok || user.disabledAt) {
      await this.throttle.fail(accountKey, ACCOUNT_RULE);
      await this.throttle.fail(addressKey, ADDRESS_RULE);
      throw new Problem(401, 'Login failed', 'Wrong username or password.');
    }
    if (user.totpEnabledAt) {
      if (!input.totp) throw new Problem(401, 'Second factor required', 'Enter the 6-digit code of your authenticator app.', [], { totpRequired: true });
      if (!(await this.checkTotp(user, input.totp))) {
        await this.throttle.fail(accountKey, ACCOUNT_RULE);
        await this.throttle.fail(addressKey, ADDRESS_RULE);
        throw new Problem(401, 'Login failed', 'The authenticator code is wrong or was used already.', [], { totpRequired: true });
      }
    }
    await this.throttle.succeed(accountKey);
    const mustEnrol = user.role === 'admin' && !user.totpEnabledAt && (await this.adminTotpRequired(user.instansiId));
    const sessionToken = secret();
    const now = this.now();
    const session: Session = {
      id: sha256(sessionToken),
      userId: user.id,
      csrfToken: secret(),
      stage: mustEnrol ? 'totp-enrolment' : 'full',
      createdAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: new Date(now + SESSION_ABSOLUTE_MS).toISOString(),
    };
    await this.sessions.insert(this.db, session);
    return { user, sessionToken, session };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.sessions.delete(this.db, sha256(sessionToken));
  }

  /** Ends every session of the user ("log out everywhere"). */
  async logoutEverywhere(actor: Actor): Promise<number> {
    if (!actor.user) throw Problem.unauthenticated();
    return this.sessions.deleteAllOfUser(this.db, actor.user.id);
  }

  /** The user behind a session cookie, or null when it is unknown or past its idle or absolute timeout. */
  async fromSession(sessionToken: string): Promise<{ user: User; session: Session } | null> {
    const session = await this.sessions.find(this.db, sha256(sessionToken));
    if (!session) return null;
    const now = this.now();
    if (now > Date.parse(session.expiresAt) || now - Date.parse(session.lastSeenAt) > SESSION_IDLE_MS) {
      await this.sessions.delete(this.db, session.id);
      return null;
    }
    const user = await this.users.findById(this.db, session.userId);
    if (!user || user.disabledAt) return null;
    // Touch at most once a minute to keep reads cheap.
    if (now - Date.parse(session.lastSeenAt) > 60_000) await this.sessions.touch(this.db, session.id, new Date(now).toISOString());
    return { user, session };
  }

  // ---- TOTP (RFC 6238) ----

  /** Starts enrolment: a new secret, not yet active, and its otpauth:// URI for the authenticator app. */
  async startTotp(actor: Actor): Promise<{ secret: string; uri: string }> {
    const user = await this.requireUser(actor);
    if (user.totpEnabledAt) throw Problem.conflict('Two-factor authentication is already on; turn it off first.');
    const totpSecret = generateSecret();
    await this.users.setTotp(this.db, user.id, totpSecret, null);
    return { secret: totpSecret, uri: generateURI({ issuer: TOTP_ISSUER, label: user.username, secret: totpSecret }) };
  }

  /** Confirms enrolment with a first code; the session, if it was waiting for this, becomes a full one. */
  async enableTotp(actor: Actor, code: string, sessionToken?: string): Promise<void> {
    const user = await this.requireUser(actor);
    if (!user.totpSecret || user.totpEnabledAt) throw Problem.conflict('Start enrolment first.');
    if (!(await this.checkTotp(user, code))) throw Problem.validation([{ field: 'code', rule: 'totp', message: 'The code is wrong or expired.' }]);
    await this.db.transaction().execute(async (trx) => {
      await this.users.setTotp(trx, user.id, user.totpSecret, new Date(this.now()).toISOString());
      await this.users.claimTotpStep(trx, user.id, this.step());
      if (sessionToken) await this.sessions.setStage(trx, sha256(sessionToken), 'full');
      await this.audit.append(trx, this.event(user, actor, 'totp-enable', null, null));
    });
  }

  async disableTotp(actor: Actor, code: string): Promise<void> {
    const user = await this.requireUser(actor);
    if (!user.totpEnabledAt) return;
    if (user.role === 'admin' && (await this.adminTotpRequired(user.instansiId))) {
      throw Problem.forbidden('This instansi requires a second factor for administrators.');
    }
    if (!(await this.checkTotp(user, code))) throw Problem.validation([{ field: 'code', rule: 'totp', message: 'The code is wrong or expired.' }]);
    await this.db.transaction().execute(async (trx) => {
      await this.users.setTotp(trx, user.id, null, null);
      await this.audit.append(trx, this.event(user, actor, 'totp-disable', null, null));
    });
  }

  async adminTotpRequired(instansiId: string): Promise<boolean> {
    return (await this.security.setting<boolean>(this.db, instansiId, REQUIRE_ADMIN_TOTP)) === true;
  }

  async setAdminTotpRequired(actor: Actor, required: boolean): Promise<void> {
    if (!actor.user) throw Problem.unauthenticated();
    if (actor.user.role !== 'admin') throw Problem.forbidden();
    await this.db.transaction().execute(async (trx) => {
      await this.security.setSetting(trx, actor.instansiId, REQUIRE_ADMIN_TOTP, required);
      await this.audit.append(trx, {
        instansiId: actor.instansiId,
        userId: actor.user!.id,
        username: actor.user!.username,
        action: 'update',
        entityType: 'setting',
        entityId: REQUIRE_ADMIN_TOTP,
        before: null,
        after: { value: required },
      });
    });
  }

  private step(): number {
    return Math.floor(this.now() / 30_000);
  }

  private async checkTotp(user: User, code: string): Promise<boolean> {
    if (!user.totpSecret || !/^\d{6}$/.test(code)) return false;
    const result = verifySync({ secret: user.totpSecret, token: code, epoch: Math.floor(this.now() / 1000), epochTolerance: 30 });
    if (!result.valid) return false;
    const step = (result as { timeStep?: number }).timeStep ?? this.step();
    return this.users.claimTotpStep(this.db, user.id, step);
  }

  // ---- API tokens ----

  /** A new token for `username`, printed once; only its hash is stored. */
  async createToken(username: string, input: NewToken = { name: 'cli' }, by?: Actor): Promise<{ token: string; record: ApiToken }> {
    const user = await this.users.findByUsername(this.db, username);
    if (!user || (by && by.user?.id !== user.id)) throw Problem.notFound(`User ${username}`);
    const scopes = input.scopes ?? [...TOKEN_SCOPES];
    const bad = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
    if (bad.length || scopes.length === 0) {
      throw Problem.validation([{ field: 'scopes', rule: 'enum', message: `scopes are one or more of ${TOKEN_SCOPES.join(', ')}.` }]);
    }
    const token = TOKEN_PREFIX + secret();
    const now = this.now();
    const record: ApiToken = {
      id: uuidv7(),
      userId: user.id,
      name: input.name,
      tokenHash: sha256(token),
      scopes: scopes as TokenScope[],
      createdAt: new Date(now).toISOString(),
      expiresAt: input.expiresInDays ? new Date(now + input.expiresInDays * 86_400_000).toISOString() : null,
      revokedAt: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await this.tokens.insert(trx, record);
      const { tokenHash, ...shown } = record;
      await this.audit.append(trx, { ...this.event(user, by ?? null, 'create', null, shown), entityType: 'api-token', entityId: record.id });
    });
    return { token, record };
  }

  async listTokens(actor: Actor) {
    const user = await this.requireUser(actor);
    return (await this.tokens.listOfUser(this.db, user.id)).map(({ tokenHash, ...t }) => t);
  }

  async revokeToken(actor: Actor, id: string): Promise<void> {
    const user = await this.requireUser(actor);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.tokens.revoke(trx, id, user.id, new Date(this.now()).toISOString()))) throw Problem.notFound('Token');
      await this.audit.append(trx, { ...this.event(user, actor, 'revoke', null, null), entityType: 'api-token', entityId: id });
    });
  }

  async fromToken(token: string): Promise<{ user: User; scopes: TokenScope[] } | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const found = await this.tokens.findWithUserByHash(this.db, sha256(token));
    if (!found) return null;
    const { token: stored, user } = found;
    if (stored.revokedAt || (stored.expiresAt && this.now() > Date.parse(stored.expiresAt))) return null;
    return !user.disabledAt ? { user, scopes: stored.scopes } : null;
  }

  async userCount(): Promise<number> {
    return this.users.count(this.db);
  }

  private async requireUser(actor: Actor): Promise<User> {
    if (!actor.user) throw Problem.unauthenticated();
    const user = await this.users.findById(this.db, actor.user.id);
    if (!user) throw Problem.unauthenticated();
    return user;
  }

  private event(user: User, by: Actor | null, action: string, before: unknown, after: unknown) {
    return {
      instansiId: user.instansiId,
      userId: by?.user?.id ?? null,
      username: by?.user?.username ?? null,
      action,
      entityType: 'user',
      entityId: user.id,
      before,
      after,
    };
  }
}

// A hash of a secret nobody knows, verified when the username is unknown so timing does not tell.
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(secret(), { type: argon2.argon2id });
  return dummy;
}
