import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface Instansi {
  id: string;
  code: string;
  name: string;
  type: string;
  createdAt: string;
}

export class InstansiRepository {
  async list(db: Kysely<Database>): Promise<Instansi[]> {
    const rows = await db.selectFrom('instansi').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, type: r.type, createdAt: r.created_at }));
  }

  async findByCode(db: Kysely<Database>, code: string): Promise<Instansi | undefined> {
    const r = await db.selectFrom('instansi').selectAll().where('code', '=', code).executeTakeFirst();
    return r && { id: r.id, code: r.code, name: r.name, type: r.type, createdAt: r.created_at };
  }

  async findById(db: Kysely<Database>, id: string): Promise<Instansi | undefined> {
    const r = await db.selectFrom('instansi').selectAll().where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, code: r.code, name: r.name, type: r.type, createdAt: r.created_at };
  }

  async insert(db: Kysely<Database>, i: Instansi): Promise<void> {
    await db.insertInto('instansi').values({ id: i.id, code: i.code, name: i.name, type: i.type, created_at: i.createdAt }).execute();
  }
}
