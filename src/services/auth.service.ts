import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { User, UserRepository, SessionRepository, ApiTokenRepository, Session } from '../store/repositories/user.repository.js';
import type { OrgUnitRepository } from '../store/repositories/org-unit.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import { ROLES, type Actor, type Role } from '../domain/policy.js';
import { Problem } from './problem.js';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
const TOKEN_PREFIX = 'atlas_';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

export function actorOf(user: User): Actor {
  return { instansiId: user.instansiId, user: { id: user.id, username: user.username, role: user.role, orgUnitIds: user.orgUnitIds } };
}

export interface NewUser {
  instansiId: string;
  username: string;
  password: string;
  role: string;
  orgCodes?: string[];
  displayName?: string;
}

export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: ApiTokenRepository,
    private readonly orgUnits: OrgUnitRepository,
    private readonly audit: AuditRepository,
  ) {}

  async addUser(input: NewUser, by: Actor | null = null): Promise<User> {
    if (!(ROLES as readonly string[]).includes(input.role)) {
      throw Problem.validation([{ field: 'role', rule: 'enum', message: `role must be one of ${ROLES.join(', ')}.` }]);
    }
    if (!/^[a-z0-9._-]{3,64}$/i.test(input.username)) {
      throw Problem.validation([{ field: 'username', rule: 'format', message: 'username: 3–64 letters, digits, dot, dash or underscore.' }]);
    }
    if (input.password.length < 12) {
      throw Problem.validation([{ field: 'password', rule: 'min', message: 'A password has at least 12 characters.' }]);
    }
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
      createdAt: new Date().toISOString(),
      disabledAt: null,
    };
    await this.db.transaction().execute(async (trx) => {
      if (await this.users.findByUsername(trx, user.username)) throw Problem.conflict(`User ${user.username} exists already.`);
      await this.users.insert(trx, user);
      const { passwordHash, ...shown } = user;
      await this.audit.append(trx, {
        instansiId: user.instansiId,
        userId: by?.user?.id ?? null,
        username: by?.user?.username ?? null,
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: shown,
      });
    });
    return user;
  }

  /** Checks credentials; on success opens a session and returns its cookie value. */
  async login(username: string, password: string): Promise<{ user: User; sessionToken: string; session: Session }> {
    const user = await this.users.findByUsername(this.db, username);
    // Verify against a dummy hash when the user is unknown so timing does not reveal it.
    const hash = user?.passwordHash ?? (await dummyHash());
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!user || !ok || user.disabledAt) throw new Problem(401, 'Login failed', 'Wrong username or password.');
    const sessionToken = secret();
    const now = new Date();
    const session: Session = {
      id: sha256(sessionToken),
      userId: user.id,
      csrfToken: secret(),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    };
    await this.sessions.insert(this.db, session);
    return { user, sessionToken, session };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.sessions.delete(this.db, sha256(sessionToken));
  }

  /** The user behind a session cookie, or null when it is unknown or has expired. */
  async fromSession(sessionToken: string): Promise<{ user: User; session: Session } | null> {
    const session = await this.sessions.find(this.db, sha256(sessionToken));
    if (!session) return null;
    const now = Date.now();
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

  async createToken(username: string, name = 'cli'): Promise<string> {
    const user = await this.users.findByUsername(this.db, username);
    if (!user) throw Problem.notFound(`User ${username}`);
    const token = TOKEN_PREFIX + secret();
    await this.tokens.insert(this.db, {
      id: uuidv7(),
      userId: user.id,
      name,
      tokenHash: sha256(token),
      createdAt: new Date().toISOString(),
      expiresAt: null,
      revokedAt: null,
    });
    return token;
  }

  async fromToken(token: string): Promise<User | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const stored = await this.tokens.findByHash(this.db, sha256(token));
    if (!stored || stored.revokedAt || (stored.expiresAt && Date.now() > Date.parse(stored.expiresAt))) return null;
    const user = await this.users.findById(this.db, stored.userId);
    return user && !user.disabledAt ? user : null;
  }

  async userCount(): Promise<number> {
    return this.users.count(this.db);
  }
}

// A hash of a secret nobody knows, verified when the username is unknown so timing does not tell.
let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(secret(), { type: argon2.argon2id });
  return dummy;
}
