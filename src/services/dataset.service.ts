import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Element } from '../store/repositories/element.repository.js';
import type { Relation } from '../store/repositories/relation.repository.js';
import { insertElements, insertRelations } from '../interop/store.js';
import { NATIONAL_SCOPE } from '../store/repositories/reference.repository.js';
import type { Instansi } from '../store/repositories/instansi.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import { findKind } from '../domain/kinds/index.js';
import { attributeSchema, compactAttributes } from '../domain/attributes.js';
import { DATA_DIR } from '../paths.js';
import { presentElement } from './element.service.js';

export const DEFAULT_DATASET = 'bandar-lampung';

interface ReferenceFile {
  model: string;
  nodes: { code: string; name: string; description?: string | null; level: number; parent?: string | null; provenance?: string | null }[];
}
/** Records of a dataset's JSON files, as the dataset loader and the generator read them. */
export interface OrgUnitRecord {
  code: string;
  name: string;
  aliases?: string[];
  type?: string;
  parent?: string | null;
  provenance?: string | string[] | null;
}
export interface ElementRecord {
  key: string;
  kind: string;
  code?: string | null;
  name: string;
  description?: string | null;
  org?: string | null;
  ref?: { model: string; code: string } | null;
  lifecycle?: string | null;
  classification?: string | null;
  attributes?: Record<string, unknown>;
  provenance?: string | string[] | null;
}
export interface RelationRecord {
  source: string;
  target: string;
  type: string;
  provenance?: string | string[] | null;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function provenanceText(p: string | string[] | null | undefined): string | null {
  if (!p) return null;
  return Array.isArray(p) ? p.join('; ') : p;
}

export type DatasetLoader = (trx: Kysely<Database>, instansiId: string, datasetDir: string) => Promise<unknown>;

export interface SeedReport {
  instansi: Instansi;
  orgUnits: number;
  elements: number;
  relations: number;
  skipped: number;
}

/** Loads shipped data: the national reference models and city datasets. */
export class DatasetService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: Pick<Repositories, 'elements' | 'orgUnits' | 'relations' | 'references' | 'instansi' | 'audit'>,
    private readonly dataDir = DATA_DIR,
    /** Further shipped data of a dataset (e.g. the evaluation history), loaded in the same transaction. */
    private readonly extraLoaders: DatasetLoader[] = [],
  ) {}

  private get elements() {
    return this.repos.elements;
  }
  private get orgUnits() {
    return this.repos.orgUnits;
  }
  private get relations() {
    return this.repos.relations;
  }
  private get references() {
    return this.repos.references;
  }
  private get instansi() {
    return this.repos.instansi;
  }
  private get audit() {
    return this.repos.audit;
  }

  /** Loads the national reference models once; later calls add only nodes that are new. */
  async ensureReferenceModels(): Promise<number> {
    const dir = join(this.dataDir, 'reference-models');
    if (!existsSync(dir)) return 0;
    let added = 0;
    await this.db.transaction().execute(async (trx) => {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
        const model = readJson<ReferenceFile>(join(dir, file));
        const existing = new Set((await this.references.listModel(trx, model.model, NATIONAL_SCOPE)).map((n) => n.code));
        for (const n of model.nodes) {
          if (existing.has(n.code)) continue;
          await this.references.insert(trx, {
            id: uuidv7(),
            scope: NATIONAL_SCOPE,
            model: model.model,
            code: n.code,
            name: n.name,
            description: n.description ?? null,
            level: n.level,
            parentCode: n.parent ?? null,
            provenance: n.provenance ?? null,
          });
          added++;
        }
      }
    });
    return added;
  }

  async createInstansi(code: string, name: string, type = 'pemda'): Promise<Instansi> {
    const existing = await this.instansi.findByCode(this.db, code);
    if (existing) return existing;
    const i: Instansi = { id: uuidv7(), code, name, type, createdAt: new Date().toISOString() };
    await this.instansi.insert(this.db, i);
    return i;
  }

  datasetDir(name: string): string {
    return join(this.dataDir, 'datasets', name);
  }

  /**
   * Loads a city dataset into its instansi in one transaction. Records are keyed
   * by their dataset key, so loading again adds only what is missing.
   */
  async seed(name = DEFAULT_DATASET): Promise<SeedReport> {
    const dir = this.datasetDir(name);
    const info = readJson<{ code: string; name: string; type?: string }>(join(dir, 'instansi.json'));
    await this.ensureReferenceModels();
    return this.db.transaction().execute(async (trx) => {
      let instansi = await this.instansi.findByCode(trx, info.code);
      if (!instansi) {
        instansi = { id: uuidv7(), code: info.code, name: info.name, type: info.type ?? 'pemda', createdAt: new Date().toISOString() };
        await this.instansi.insert(trx, instansi);
      }
      const report: SeedReport = { instansi, orgUnits: 0, elements: 0, relations: 0, skipped: 0 };
      const orgByCode = new Map((await this.orgUnits.list(trx, instansi.id)).map((o) => [o.code, o.id]));
      for (const o of readJson<OrgUnitRecord[]>(join(dir, 'org-units.json'))) {
        if (orgByCode.has(o.code)) continue;
        const id = uuidv7();
        await this.orgUnits.insert(trx, {
          id,
          instansiId: instansi.id,
          code: o.code,
          name: o.name,
          aliases: o.aliases ?? [],
          type: o.type ?? 'lainnya',
          parentId: o.parent ? (orgByCode.get(o.parent) ?? null) : null,
          provenance: provenanceText(o.provenance),
        });
        orgByCode.set(o.code, id);
        report.orgUnits++;
      }

      const existingKeys = new Map(
        (await trx.selectFrom('elements').select(['id', 'source_key']).where('instansi_id', '=', instansi.id).where('source_key', 'is not', null).execute()).map(
          (r) => [r.source_key!, r.id],
        ),
      );
      const elementsDir = join(dir, 'elements');
      const files = existsSync(elementsDir) ? readdirSync(elementsDir).filter((f) => f.endsWith('.json')).sort() : [];
      const now = new Date().toISOString();
      const created: Element[] = [];
      for (const file of files) {
        for (const r of readJson<ElementRecord[]>(join(elementsDir, file))) {
          if (existingKeys.has(r.key)) {
            report.skipped++;
            continue;
          }
          const kind = findKind(r.kind);
          if (!kind) throw new Error(`${file}: ${r.key}: unknown kind ${r.kind}`);
          const parsed = attributeSchema(kind).safeParse(r.attributes ?? {});
          if (!parsed.success) throw new Error(`${file}: ${r.key}: ${parsed.error.message}`);
          if (r.org && !orgByCode.has(r.org)) throw new Error(`${file}: ${r.key}: unknown OPD ${r.org}`);
          const element: Element = {
            id: uuidv7(),
            instansiId: instansi.id,
            kind: kind.id,
            domain: kind.domain,
            code: r.code ?? null,
            name: r.name,
            description: r.description ?? null,
            orgUnitId: r.org ? orgByCode.get(r.org)! : null,
            refCode: r.ref ? `${r.ref.model}:${r.ref.code}` : null,
            lifecycle: r.lifecycle ?? 'as-is',
            classification: r.classification ?? kind.defaultClassification,
            attributes: compactAttributes(parsed.data as Record<string, unknown>),
            provenance: provenanceText(r.provenance),
            sourceKey: r.key,
            version: 1,
            createdAt: now,
            updatedAt: now,
            createdBy: null,
            updatedBy: null,
          };
          created.push(element);
          existingKeys.set(r.key, element.id);
        }
      }
      // Few statements for the whole dataset: a first start loads it while users wait.
      await insertElements(trx, created);
      await this.audit.appendMany(
        trx,
        created.map((element) => ({
          instansiId: instansi.id,
          userId: null,
          username: 'atlas seed',
          action: 'create',
          entityType: 'element',
          entityId: element.id,
          before: null,
          after: presentElement(element),
          at: now,
        })),
      );
      report.elements = created.length;

      const relationsFile = join(dir, 'relations.json');
      if (existsSync(relationsFile)) {
        const triple = (source: string, type: string, target: string) => `${source} ${type} ${target}`;
        const stored = await trx.selectFrom('relations').select(['source_id', 'type', 'target_id']).where('instansi_id', '=', instansi.id).execute();
        const present = new Set(stored.map((r) => triple(r.source_id, r.type, r.target_id)));
        const newRelations: Relation[] = [];
        for (const r of readJson<RelationRecord[]>(relationsFile)) {
          const sourceId = existingKeys.get(r.source);
          const targetId = existingKeys.get(r.target);
          if (!sourceId || !targetId) throw new Error(`relations.json: unknown endpoint ${!sourceId ? r.source : r.target}`);
          const key = triple(sourceId, r.type, targetId);
          if (present.has(key)) continue;
          present.add(key);
          newRelations.push({
            id: uuidv7(),
            instansiId: instansi.id,
            type: r.type,
            sourceId,
            targetId,
            attributes: {},
            provenance: provenanceText(r.provenance),
            createdAt: now,
            createdBy: null,
          });
        }
        await insertRelations(trx, newRelations);
        report.relations = newRelations.length;
      }
      for (const load of this.extraLoaders) await load(trx, instansi.id, dir);
      return report;
    });
  }
}
