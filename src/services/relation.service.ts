import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ElementRepository } from '../store/repositories/element.repository.js';
import type { RelationRepository, RelationFilter, Relation } from '../store/repositories/relation.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import { isRelationAllowed } from '../domain/kinds/index.js';
import { RELATION_TYPES, type RelationTypeId } from '../domain/kind.js';
import { canRead, writeDenial, type Actor } from '../domain/policy.js';
import { Problem, denialProblem, type FieldError } from './problem.js';

export interface RelationInput {
  type: string;
  sourceId: string;
  targetId: string;
  attributes?: Record<string, unknown>;
  provenance?: string | null;
}

export class RelationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly elements: ElementRepository,
    private readonly relations: RelationRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(actor: Actor, f: Omit<RelationFilter, 'instansiId'>, limit: number, cursor?: string) {
    const filter = { ...f, instansiId: actor.instansiId };
    const [items, total] = await Promise.all([
      this.relations.findVisible(this.db, actor, filter, limit + 1, cursor),
      this.relations.countVisible(this.db, actor, filter),
    ]);
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? page[page.length - 1].id : null, total };
  }

  async ofElement(actor: Actor, elementId: string) {
    const filter = { instansiId: actor.instansiId };
    const [outgoing, incoming] = await Promise.all([
      this.relations.findVisible(this.db, actor, { ...filter, sourceId: elementId }, 10000),
      this.relations.findVisible(this.db, actor, { ...filter, targetId: elementId }, 10000),
    ]);
    return { outgoing, incoming };
  }

  async create(actor: Actor, input: RelationInput): Promise<Relation> {
    if (!actor.user) throw Problem.unauthenticated();
    return this.db.transaction().execute(async (trx) => {
      const errors: FieldError[] = [];
      if (!(input.type in RELATION_TYPES)) errors.push({ field: 'type', rule: 'enum', message: `Unknown relation type "${input.type}".` });
      const [source, target] = await Promise.all([this.elements.findById(trx, input.sourceId), this.elements.findById(trx, input.targetId)]);
      for (const [field, e] of [['sourceId', source], ['targetId', target]] as const) {
        if (!e) errors.push({ field, rule: 'exists', message: 'No such element.' });
        else if (e.instansiId !== actor.instansiId) errors.push({ field, rule: 'same-instansi', message: 'The element belongs to another instansi.' });
        else if (!canRead(actor, e)) errors.push({ field, rule: 'exists', message: 'No such element.' });
      }
      if (errors.length) throw Problem.validation(errors);
      if (!isRelationAllowed(source!.kind, input.type as RelationTypeId, target!.kind)) {
        throw Problem.validation([
          { field: 'type', rule: 'relation-not-allowed', message: `A ${source!.kind} may not "${input.type}" a ${target!.kind}.` },
        ]);
      }
      const denial = writeDenial(actor, source!.instansiId, source!.orgUnitId);
      if (denial) throw denialProblem(denial);
      if (await this.relations.exists(trx, source!.id, input.type, target!.id)) {
        throw Problem.conflict('This relation already exists.');
      }
      const relation: Relation = {
        id: uuidv7(),
        instansiId: actor.instansiId,
        type: input.type,
        sourceId: source!.id,
        targetId: target!.id,
        attributes: input.attributes ?? {},
        provenance: input.provenance ?? null,
        createdAt: new Date().toISOString(),
        createdBy: actor.user!.id,
      };
      await this.relations.insert(trx, relation);
      await this.audit.append(trx, this.auditOf(actor, 'create', relation, null, relation));
      return relation;
    });
  }

  async delete(actor: Actor, id: string): Promise<void> {
    if (!actor.user) throw Problem.unauthenticated();
    await this.db.transaction().execute(async (trx) => {
      const relation = await this.relations.findById(trx, id);
      if (!relation || relation.instansiId !== actor.instansiId) throw Problem.notFound('Relation');
      const source = await this.elements.findById(trx, relation.sourceId);
      if (!source || !canRead(actor, source)) throw Problem.notFound('Relation');
      const denial = writeDenial(actor, source.instansiId, source.orgUnitId);
      if (denial) throw denialProblem(denial);
      await this.relations.delete(trx, id);
      await this.audit.append(trx, this.auditOf(actor, 'delete', relation, relation, null));
    });
  }

  private auditOf(actor: Actor, action: string, r: Relation, before: unknown, after: unknown) {
    return {
      instansiId: actor.instansiId,
      userId: actor.user?.id ?? null,
      username: actor.user?.username ?? null,
      action,
      entityType: 'relation',
      entityId: r.id,
      before,
      after,
    };
  }
}
