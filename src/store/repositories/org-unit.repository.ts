import type { Kysely } from 'kysely';
import type { Database, OrgUnitTable } from '../schema.js';

export interface OrgUnit {
  id: string;
  instansiId: string;
  code: string;
  name: string;
  aliases: string[];
  type: string;
  parentId: string | null;
  provenance: string | null;
}

function toOrgUnit(row: OrgUnitTable): OrgUnit {
  return {
    id: row.id,
    instansiId: row.instansi_id,
    code: row.code,
    name: row.name,
    aliases: JSON.parse(row.aliases) as string[],
    type: row.type,
    parentId: row.parent_id,
    provenance: row.provenance,
  };
}

export class OrgUnitRepository {
  async list(db: Kysely<Database>, instansiId: string): Promise<OrgUnit[]> {
    const rows = await db.selectFrom('org_units').selectAll().where('instansi_id', '=', instansiId).orderBy('name').execute();
    return rows.map(toOrgUnit);
  }

  async findById(db: Kysely<Database>, id: string): Promise<OrgUnit | undefined> {
    const row = await db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toOrgUnit(row);
  }

  async findByCode(db: Kysely<Database>, instansiId: string, code: string): Promise<OrgUnit | undefined> {
    const row = await db
      .selectFrom('org_units')
      .selectAll()
      .where('instansi_id', '=', instansiId)
      .where('code', '=', code)
      .executeTakeFirst();
    return row && toOrgUnit(row);
  }

  async insert(db: Kysely<Database>, o: OrgUnit): Promise<void> {
    await db
      .insertInto('org_units')
      .values({
        id: o.id,
        instansi_id: o.instansiId,
        code: o.code,
        name: o.name,
        aliases: JSON.stringify(o.aliases),
        type: o.type,
        parent_id: o.parentId,
        provenance: o.provenance,
      })
      .execute();
  }
}
