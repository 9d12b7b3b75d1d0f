import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { OrgUnitRepository, OrgUnit } from '../store/repositories/org-unit.repository.js';
import type { ReferenceRepository, ReferenceNode } from '../store/repositories/reference.repository.js';
import type { InstansiRepository } from '../store/repositories/instansi.repository.js';
import { KINDS } from '../domain/kinds/index.js';
import { attributeJsonSchema } from '../domain/attributes.js';
import { DOMAINS, DOMAIN_LABELS, REFERENCE_MODELS, RELATION_TYPES, type ReferenceModelId } from '../domain/kind.js';
import type { Actor } from '../domain/policy.js';
import { Problem } from './problem.js';

export const REFERENCE_MODEL_NAMES: Record<ReferenceModelId, string> = {
  RAB: 'Referensi Arsitektur Proses Bisnis',
  RAL: 'Referensi Arsitektur Layanan',
  RAD: 'Referensi Arsitektur Data dan Informasi',
  RAA: 'Referensi Arsitektur Aplikasi',
  RAI: 'Referensi Arsitektur Infrastruktur',
  RAK: 'Referensi Arsitektur Keamanan',
};

export interface ReferenceTreeNode extends Omit<ReferenceNode, 'scope' | 'parentCode'> {
  national: boolean;
  children: ReferenceTreeNode[];
}

/** Read-only lookups: kinds, OPDs, reference models, instansi. */
export class CatalogService {
  private kindsView?: unknown;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly orgUnits: OrgUnitRepository,
    private readonly references: ReferenceRepository,
    private readonly instansi: InstansiRepository,
  ) {}

  kinds() {
    this.kindsView ??= {
      domains: DOMAINS.map((id) => ({ id, label: DOMAIN_LABELS[id] })),
      relationTypes: Object.entries(RELATION_TYPES).map(([id, label]) => ({ id, label })),
      items: KINDS.map((k) => ({ ...k, schema: attributeJsonSchema(k) })),
    };
    return this.kindsView;
  }

  async orgUnitList(actor: Actor): Promise<OrgUnit[]> {
    return this.orgUnits.list(this.db, actor.instansiId);
  }

  /** An OPD by id or by code. */
  async orgUnit(actor: Actor, idOrCode: string): Promise<OrgUnit> {
    const org =
      (await this.orgUnits.findById(this.db, idOrCode)) ?? (await this.orgUnits.findByCode(this.db, actor.instansiId, idOrCode));
    if (!org || org.instansiId !== actor.instansiId) throw Problem.notFound('OPD');
    return org;
  }

  referenceModels() {
    return REFERENCE_MODELS.map((model) => ({ model, name: REFERENCE_MODEL_NAMES[model] }));
  }

  async referenceTree(actor: Actor, model: string) {
    if (!(REFERENCE_MODELS as readonly string[]).includes(model)) {
      throw Problem.notFound(`Reference model ${model}`);
    }
    const nodes = await this.references.listModel(this.db, model, actor.instansiId);
    const byCode = new Map<string, ReferenceTreeNode>();
    for (const { scope, parentCode, ...n } of nodes) byCode.set(n.code, { ...n, national: scope === 'national', children: [] });
    const roots: ReferenceTreeNode[] = [];
    for (const n of nodes) {
      const node = byCode.get(n.code)!;
      const parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
      (parent ? parent.children : roots).push(node);
    }
    return { model, name: REFERENCE_MODEL_NAMES[model as ReferenceModelId], items: roots };
  }

  async instansiById(id: string) {
    const i = await this.instansi.findById(this.db, id);
    if (!i) throw Problem.notFound('Instansi');
    return i;
  }
}
