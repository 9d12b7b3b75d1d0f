import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { ElementFilter } from '../store/repositories/element.repository.js';
import type { OrgUnit } from '../store/repositories/org-unit.repository.js';
import { findKind } from '../domain/kinds/index.js';
import type { Actor } from '../domain/policy.js';
import { Problem } from './problem.js';
import { parseSort } from './element.service.js';
import { countActions, ImportEngine, type ImportDrafts, type ImportPlan } from './import-engine.js';
import { visibleElements, visibleRelations, type InteropRepos } from '../interop/store.js';
import { writeExchangeFile } from '../interop/archimate/export.js';
import { readExchangeFile, type MappingItem, type UnmappedItem } from '../interop/archimate/import.js';
import { buildTemplate, exportElements, type SheetFormat } from '../interop/spreadsheet/export.js';
import { readSheet } from '../interop/spreadsheet/parse.js';
import { rowsToDrafts } from '../interop/spreadsheet/import.js';
import { buildSiaWorkbook, SIA_DOMAINS, SIA_SHEETS, type SiaDomain } from '../interop/sia/sia.js';

/** The filters of GET /api/v1/elements, as query text. */
export interface ElementSelection {
  kind?: string;
  domain?: string;
  org?: string;
  ref?: string;
  lifecycle?: string;
  classification?: string;
  q?: string;
  sort?: string;
}

export type ImportMode = 'preview' | 'commit';

export interface ImportReport {
  mode: ImportMode;
  committed: boolean;
  summary: {
    orgUnits: { create: number; update: number; unchanged: number };
    elements: { create: number; update: number; unchanged: number };
    relations: { create: number; update: number; unchanged: number };
    unmapped: number;
    skipped: number;
    errors: number;
  };
  items: (Partial<MappingItem> & { ref: string; row?: number; entity: 'org-unit' | 'element' | 'relation'; action: string; id: string; name?: string | null })[];
  unmapped: UnmappedItem[];
  skipped: { ref: string; row?: number; reason: string }[];
  errors: ImportPlan['issues'];
}

function describe(sel: ElementSelection): string | null {
  const parts = Object.entries(sel)
    .filter(([k, v]) => v !== undefined && v !== '' && k !== 'sort')
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join('&') : null;
}

/** ArchiMate exchange, spreadsheets and the SIA-SPBE export: every format reads and writes through the same rules. */
export class InteropService {
  readonly engine: ImportEngine;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly repos: InteropRepos,
  ) {
    this.engine = new ImportEngine(db, repos);
  }

  /** Resolves the list filters the way GET /elements does (org by id or code, ref as MODEL[:code]). */
  async filterOf(actor: Actor, sel: ElementSelection): Promise<ElementFilter> {
    const f: ElementFilter = {};
    if (sel.kind) f.kinds = sel.kind.split(',').map((k) => k.trim()).filter(Boolean);
    if (sel.domain) f.domain = sel.domain;
    if (sel.lifecycle) f.lifecycle = sel.lifecycle;
    if (sel.classification) f.classification = sel.classification;
    if (sel.q) f.q = sel.q;
    if (sel.org) {
      const org = (await this.repos.orgUnits.findById(this.db, sel.org)) ?? (await this.repos.orgUnits.findByCode(this.db, actor.instansiId, sel.org));
      if (!org || org.instansiId !== actor.instansiId) throw Problem.notFound('OPD');
      f.orgUnitId = org.id;
    }
    if (sel.ref) {
      const [model, code] = sel.ref.split(':');
      f.ref = { model, code: code || null };
    }
    return f;
  }

  async selectElements(actor: Actor, sel: ElementSelection) {
    const { sort, descending } = parseSort(sel.sort);
    return visibleElements(this.db, this.repos, actor, await this.filterOf(actor, sel), sort, descending);
  }

  async instansiOf(actor: Actor) {
    const i = await this.repos.instansi.findById(this.db, actor.instansiId);
    if (!i) throw Problem.notFound('Instansi');
    return i;
  }

  // ------------------------------------------------------------------ ArchiMate

  async exportArchimate(actor: Actor, sel: ElementSelection = {}, now = new Date()): Promise<{ xml: string; filename: string }> {
    const instansi = await this.instansiOf(actor);
    const filter = describe(sel);
    const elements = await this.selectElements(actor, sel);
    const ids = new Set(elements.map((e) => e.id));
    const relations = (await visibleRelations(this.db, this.repos, actor)).filter((r) => ids.has(r.sourceId) && ids.has(r.targetId));
    const allOrgs = await this.repos.orgUnits.list(this.db, actor.instansiId);
    let orgUnits: OrgUnit[] = allOrgs;
    if (filter) {
      const byId = new Map(allOrgs.map((o) => [o.id, o]));
      const keep = new Set<string>();
      for (const e of elements) {
        let id = e.orgUnitId;
        while (id && !keep.has(id)) {
          keep.add(id);
          id = byId.get(id)?.parentId ?? null;
        }
      }
      orgUnits = allOrgs.filter((o) => keep.has(o.id));
    }
    const xml = writeExchangeFile({
      instansi,
      orgUnits,
      elements,
      relations: relations.map(({ source, target, ...r }) => r),
      exportedAt: now.toISOString(),
      filter,
    });
    return { xml, filename: `atlas-${instansi.code}-${now.toISOString().slice(0, 10)}.xml` };
  }

  async importArchimate(actor: Actor, xml: string, mode: ImportMode): Promise<ImportReport> {
    requireImporter(actor);
    const parsed = readExchangeFile(xml);
    const names = new Map(parsed.mapped.map((m) => [m.ref, m]));
    return this.run(actor, parsed.drafts, mode, (plan) => this.report(mode, plan, parsed.unmapped, names));
  }

  // ------------------------------------------------------------------ spreadsheets

  async template(actor: Actor, kindId: string, format: SheetFormat): Promise<{ body: Buffer | string; filename: string }> {
    const kind = findKind(kindId);
    if (!kind) throw Problem.notFound(`Kind ${kindId}`);
    const orgUnits = await this.repos.orgUnits.list(this.db, actor.instansiId);
    const body = await buildTemplate(kind, orgUnits, format);
    return { body, filename: `templat-${kind.id}.${format}` };
  }

  async exportSheet(actor: Actor, sel: ElementSelection, format: SheetFormat): Promise<{ body: Buffer | string; filename: string }> {
    const instansi = await this.instansiOf(actor);
    const elements = await this.selectElements(actor, sel);
    const orgUnits = await this.repos.orgUnits.list(this.db, actor.instansiId);
    const body = await exportElements(elements, orgUnits, format, sel.kind ? sel.kind.split(',').map((k) => k.trim()) : undefined);
    return { body, filename: `elemen-${instansi.code}${sel.kind ? `-${sel.kind.replace(/,/g, '_')}` : ''}.${format}` };
  }

  async importSheet(actor: Actor, input: { body: Buffer; format: SheetFormat; kind?: string }, mode: ImportMode): Promise<ImportReport> {
    requireImporter(actor);
    if (input.kind && !findKind(input.kind)) {
      throw Problem.validation([{ field: 'query.kind', rule: 'unknown-kind', message: `Unknown kind "${input.kind}".` }]);
    }
    const sheet = await readSheet(input.body, input.format);
    const { drafts, issues } = rowsToDrafts(sheet, input.kind);
    return this.run(actor, drafts, mode, (plan) => this.report(mode, plan, [], new Map()), issues);
  }

  // ------------------------------------------------------------------ SIA-SPBE

  async exportSia(actor: Actor, domain: string): Promise<{ body: Buffer; filename: string }> {
    if (!(SIA_DOMAINS as readonly string[]).includes(domain)) {
      throw Problem.validation([{ field: 'path.domain', rule: 'enum', message: `domain is one of ${SIA_DOMAINS.join(', ')}.` }]);
    }
    const instansi = await this.instansiOf(actor);
    const kinds = [...new Set(SIA_SHEETS[domain as SiaDomain].flatMap((s) => s.kinds))];
    const elements = await visibleElements(this.db, this.repos, actor, { kinds }, 'code');
    const orgUnits = await this.repos.orgUnits.list(this.db, actor.instansiId);
    const references = new Map<string, { code: string; name: string; level: number; parentCode: string | null }>();
    for (const model of ['RAB', 'RAL', 'RAD', 'RAA', 'RAI', 'RAK']) {
      for (const n of await this.repos.references.listModel(this.db, model, actor.instansiId)) references.set(`${model}:${n.code}`, n);
    }
    const relations = await visibleRelations(this.db, this.repos, actor);
    const body = await buildSiaWorkbook(domain as SiaDomain, { instansi, elements, orgUnits, references, relations });
    return { body, filename: `sia-spbe-${instansi.code}-${domain}.xlsx` };
  }

  // ------------------------------------------------------------------ shared

  private async run(
    actor: Actor,
    drafts: ImportDrafts,
    mode: ImportMode,
    report: (plan: ImportPlan) => ImportReport,
    inputIssues: ImportPlan['issues'] = [],
  ): Promise<ImportReport> {
    if (mode === 'preview') {
      const plan = await this.engine.preview(actor, drafts);
      plan.issues.unshift(...inputIssues);
      return report(plan);
    }
    if (inputIssues.length) {
      const plan = await this.engine.preview(actor, drafts);
      plan.issues.unshift(...inputIssues);
      throw new Problem(422, 'Validation failed', `The import breaks ${plan.issues.length} rule(s); nothing was written.`, plan.issues, { report: report(plan) });
    }
    const plan = await this.engine.commit(actor, drafts, (p) => ({ report: report(p) }));
    return { ...report(plan), committed: true };
  }

  private report(mode: ImportMode, plan: ImportPlan, unmapped: UnmappedItem[], mapping: Map<string, MappingItem>): ImportReport {
    const items: ImportReport['items'] = [
      ...plan.orgUnits.map((o) => ({ ...mapping.get(o.ref), ref: o.ref, row: o.row, entity: 'org-unit' as const, action: o.action, id: o.after.id, name: o.after.name })),
      ...plan.elements.map((e) => ({
        ...mapping.get(e.ref),
        ref: e.ref,
        ...(e.row !== undefined ? { row: e.row } : {}),
        entity: 'element' as const,
        action: e.action,
        id: e.after.id,
        name: e.after.name,
        mapsTo: e.after.kind,
      })),
      ...plan.relations.map((r) => ({ ...mapping.get(r.ref), ref: r.ref, entity: 'relation' as const, action: r.action, id: r.after.id, mapsTo: r.after.type })),
    ];
    return {
      mode,
      committed: false,
      summary: {
        orgUnits: countActions(plan.orgUnits),
        elements: countActions(plan.elements),
        relations: countActions(plan.relations),
        unmapped: unmapped.length,
        skipped: plan.skipped.length,
        errors: plan.issues.length,
      },
      items,
      unmapped,
      skipped: plan.skipped,
      errors: plan.issues,
    };
  }
}

/** Imports write: only administrators and operators (for their own OPD's rows, checked per row). */
export function requireImporter(actor: Actor): void {
  if (!actor.user) throw Problem.unauthenticated();
  if (actor.user.readOnly) throw Problem.forbidden('This token may only read.');
  if (actor.user.role !== 'admin' && actor.user.role !== 'operator') throw Problem.forbidden('Only administrators and operators import.');
}
