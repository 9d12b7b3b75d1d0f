import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface LoginFailure {
  key: string;
  count: number;
  windowStart: string;
  lockedUntil: string | null;
}

/** Failed-login counters and per-instansi settings: state every app server shares through the database. */
export class SecurityRepository {
  async failure(db: Kysely<Database>, key: string): Promise<LoginFailure | undefined> {
    const r = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    return r && { key: r.key, count: Number(r.count), windowStart: r.window_start, lockedUntil: r.locked_until };
  }

  async saveFailure(db: Kysely<Database>, f: LoginFailure): Promise<void> {
    const values = { key: f.key, count: f.count, window_start: f.windowStart, locked_until: f.lockedUntil };
    await db
      .insertInto('login_failures')
      .values(values)
      .onConflict((oc) => oc.column('key').doUpdateSet({ count: f.count, window_start: f.windowStart, locked_until: f.lockedUntil }))
      .execute();
  }

  async clearFailure(db: Kysely<Database>, key: string): Promise<void> {
    await db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  async setting<T>(db: Kysely<Database>, instansiId: string, key: string): Promise<T | undefined> {
    const r = await db.selectFrom('instansi_settings').select('value').where('instansi_id', '=', instansiId).where('key', '=', key).executeTakeFirst();
    return r ? (JSON.parse(r.value) as T) : undefined;
  }

  async setSetting(db: Kysely<Database>, instansiId: string, key: string, value: unknown): Promise<void> {
    const v = JSON.stringify(value);
    await db
      .insertInto('instansi_settings')
      .values({ instansi_id: instansiId, key, value: v })
      .onConflict((oc) => oc.columns(['instansi_id', 'key']).doUpdateSet({ value: v }))
      .execute();
  }
}
