import type { Kysely } from 'kysely';
import type { Database, ReferenceNodeTable } from '../schema.js';

export interface ReferenceNode {
  id: string;
  scope: string;
  model: string;
  code: string;
  name: string;
  description: string | null;
  level: number;
  parentCode: string | null;
  provenance: string | null;
}

function toNode(row: ReferenceNodeTable): ReferenceNode {
  return {
    id: row.id,
    scope: row.scope,
    model: row.model,
    code: row.code,
    name: row.name,
    description: row.description,
    level: Number(row.level),
    parentCode: row.parent_code,
    provenance: row.provenance,
  };
}

export const NATIONAL_SCOPE = 'national';

export class ReferenceRepository {
  /** National nodes and the instansi's own local nodes of one model, ordered by code. */
  async listModel(db: Kysely<Database>, model: string, instansiId: string): Promise<ReferenceNode[]> {
    const rows = await db
      .selectFrom('reference_nodes')
      .selectAll()
      .where('model', '=', model)
      .where('scope', 'in', [NATIONAL_SCOPE, instansiId])
      .orderBy('code')
      .execute();
    return rows.map(toNode);
  }

  async find(db: Kysely<Database>, model: string, code: string, instansiId: string): Promise<ReferenceNode | undefined> {
    const row = await db
      .selectFrom('reference_nodes')
      .selectAll()
      .where('model', '=', model)
      .where('code', '=', code)
      .where('scope', 'in', [NATIONAL_SCOPE, instansiId])
      .executeTakeFirst();
    return row && toNode(row);
  }

  async countScope(db: Kysely<Database>, scope: string): Promise<number> {
    const r = await db
      .selectFrom('reference_nodes')
      .where('scope', '=', scope)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(db: Kysely<Database>, n: ReferenceNode): Promise<void> {
    await db
      .insertInto('reference_nodes')
      .values({
        id: n.id,
        scope: n.scope,
        model: n.model,
        code: n.code,
        name: n.name,
        description: n.description,
        level: n.level,
        parent_code: n.parentCode,
        provenance: n.provenance,
      })
      .execute();
  }
}
