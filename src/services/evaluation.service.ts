import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import type { ElementRepository } from '../store/repositories/element.repository.js';
import {
  NATIONAL,
  type Assessment,
  type AssessmentIndicator,
  type EvaluationRepository,
  type Evidence,
  type StoredFramework,
} from '../store/repositories/evaluation.repository.js';
import { canRead, type Actor } from '../domain/policy.js';
import { levelRequirement, validateFramework, type Framework, type ValidationIssue } from '../domain/evaluation/framework.js';
import { evaluate, predicateOf as bandOf, type Evaluation } from '../domain/evaluation/calculator.js';
import { plan as planRaises } from '../domain/evaluation/planner.js';
import { checkCrosswalk, estimate, parseCrosswalk, type CrosswalkDefinition } from '../domain/evaluation/crosswalk.js';
import { sniffEvidenceType, EVIDENCE_TYPES } from '../domain/evaluation/evidence-type.js';
import {
  allowedTransitions,
  createDenial,
  editDenial,
  editStage,
  frameworkLoadDenial,
  readDenial,
  transitionDenial,
  ASSESSMENT_STATUSES,
  type AssessmentStatus,
  type EvaluationDenial,
} from '../domain/evaluation/policy.js';
import { DATA_DIR } from '../paths.js';
import { Problem, type FieldError } from './problem.js';

export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
/** The attribute of an initiative element that lists the indicators it serves, as "<framework id>:<number>". */
export const INITIATIVE_INDICATORS_ATTRIBUTE = 'evaluationIndicators';

export interface EvaluationConfig {
  /** Evidence lives under `${dataDir}/evidence/<first two hex digits>/<sha256>`. */
  dataDir: string;
  maxEvidenceBytes?: number;
  /** Shipped framework and crosswalk files. */
  frameworksDir?: string;
}

export function evaluationConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EvaluationConfig {
  const max = Number(env.ATLAS_EVIDENCE_MAX_BYTES);
  return { dataDir: env.ATLAS_DATA_DIR || './data', maxEvidenceBytes: Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_EVIDENCE_BYTES };
}

type Db = Kysely<Database>;

function deny(d: EvaluationDenial, what = 'do this'): Problem | null {
  switch (d) {
    case null:
      return null;
    case 'unauthenticated':
      return Problem.unauthenticated();
    case 'forbidden':
      return Problem.forbidden(`Your role may not ${what}.`);
    case 'locked':
      return Problem.conflict('The assessment is verified or final: its levels, notes and evidence no longer change.');
    case 'invalid-transition':
      return Problem.conflict(`That status change is not part of the flow draft → submitted → verified → final (a submitted assessment can also go back to draft).`);
  }
}

function check(d: EvaluationDenial, what?: string): void {
  const p = deny(d, what);
  if (p) throw p;
}

function canonicalJson(v: unknown): string {
  return JSON.stringify(v);
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A display name that can never act as a path or break a header: last path segment, no control characters. */
export function cleanFileName(name: string | undefined, extension: string): string {
  let base = (name ?? '').split(/[\\/]/).pop() ?? '';
  base = base.replace(/[\u0000-\u001f\u007f"]/g, '').replace(/^\.+/, '').trim().slice(0, 200);
  if (!base) base = 'bukti';
  const ext = extension === 'jpg' ? /\.(jpe?g)$/i : new RegExp(`\\.${extension}$`, 'i');
  // The saved file must open as what it is, whatever name it came with.
  return ext.test(base) ? base : `${base}.${extension}`;
}

export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^A-Za-z0-9._ -]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface PublishedValues {
  source: string;
  index: number | null;
  domains: Record<string, number>;
  aspects: Record<string, number>;
  predicate?: string | null;
}

export interface Mismatch {
  level: 'index' | 'domain' | 'aspect';
  code: string | null;
  published: number;
  computed: number | null;
}

/** Where the computed values (as shown) differ from the values a source document printed. */
export function comparePublished(ev: Evaluation, published: PublishedValues): Mismatch[] {
  const out: Mismatch[] = [];
  if (published.index !== null && ev.rounded !== published.index) out.push({ level: 'index', code: null, published: published.index, computed: ev.rounded });
  for (const [code, v] of Object.entries(published.domains)) {
    const d = ev.domains.find((x) => x.code === code);
    if (d?.rounded !== v) out.push({ level: 'domain', code, published: v, computed: d?.rounded ?? null });
  }
  for (const [code, v] of Object.entries(published.aspects)) {
    const a = ev.aspects.find((x) => x.code === code);
    if (a?.rounded !== v) out.push({ level: 'aspect', code, published: v, computed: a?.rounded ?? null });
  }
  return out;
}

export interface SeedHistoryReport {
  created: number;
  skipped: number;
  years: number[];
  /** Published (Tabel 3.2) values the computation does not reproduce, per year; empty when all match. */
  mismatches: Record<string, Mismatch[]>;
}

interface HistoryFile {
  framework: string;
  /** The framework version the levels were assessed with; the newest when absent. */
  version?: number;
  source?: string;
  published?: { level: 'index' | 'domain' | 'aspect'; domain: number | null; aspect: number | null; values: Record<string, { value: number }>; provenance?: string }[];
  predicates?: { year: number; printed: string | null; derived: string | null }[];
  indicators: { number: number; levels: Record<string, number | null>; provenance?: string }[];
}

export class EvaluationService {
  readonly maxEvidenceBytes: number;
  private readonly frameworksDir: string;
  private shippedLoaded = false;
  /** Transactions that already hold the shipped frameworks (a seed or generator calls once per instansi). */
  private readonly shippedIn = new WeakSet<object>();
  private readonly compiled = new Map<string, Framework>();

  constructor(
    private readonly db: Db,
    private readonly repo: EvaluationRepository,
    private readonly audit: AuditRepository,
    private readonly elements: ElementRepository,
    private readonly config: EvaluationConfig,
  ) {
    this.maxEvidenceBytes = config.maxEvidenceBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
    this.frameworksDir = config.frameworksDir ?? join(DATA_DIR, 'frameworks');
  }

  // ---------------------------------------------------------------- frameworks

  /** Shipped files, validated (frameworks before crosswalks). A bad shipped file is a bug and throws. */
  shippedFiles(): { frameworks: Framework[]; crosswalks: CrosswalkDefinition[] } {
    const frameworks: Framework[] = [];
    const crosswalks: CrosswalkDefinition[] = [];
    if (!existsSync(this.frameworksDir)) return { frameworks, crosswalks };
    for (const file of readdirSync(this.frameworksDir).filter((f) => f.endsWith('.json')).sort()) {
      const json = JSON.parse(readFileSync(join(this.frameworksDir, file), 'utf8')) as { type?: string };
      if (json.type === 'crosswalk') {
        const c = parseCrosswalk(json);
        if (!c.ok) throw new Error(`${file}: ${c.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
        crosswalks.push(c.value);
      } else {
        const v = validateFramework(json);
        if (!v.ok) throw new Error(`${file}: ${v.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
        frameworks.push(v.value);
      }
    }
    for (const c of crosswalks) {
      const from = frameworks.find((f) => f.id === c.from);
      const to = frameworks.find((f) => f.id === c.to);
      if (!from || !to) throw new Error(`crosswalk ${c.id}: frameworks ${c.from} and ${c.to} must both be shipped`);
      const errors = checkCrosswalk(c, from, to);
      if (errors.length) throw new Error(`crosswalk ${c.id}: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
    }
    return { frameworks, crosswalks };
  }

  /** Stores the shipped files as national frameworks; versions already stored are left as they are. */
  async ensureFrameworks(db: Db = this.db): Promise<number> {
    // Once committed, every later transaction sees them too.
    if (this.shippedLoaded || this.shippedIn.has(db)) return 0;
    const { frameworks, crosswalks } = this.shippedFiles();
    let added = 0;
    const now = new Date().toISOString();
    const docs = [
      ...frameworks.map((f) => ({ type: 'framework' as const, id: f.id, version: f.version, name: f.name, definition: f.definition })),
      ...crosswalks.map((c) => ({ type: 'crosswalk' as const, id: c.id, version: c.version, name: c.name, definition: c })),
    ];
    for (const d of docs) {
      const inserted = await this.repo.insertFramework(db, {
        id: uuidv7(),
        scope: NATIONAL,
        type: d.type,
        frameworkId: d.id,
        version: d.version,
        name: d.name,
        definition: d.definition,
        sha256: sha256Hex(canonicalJson(d.definition)),
        createdAt: now,
        createdBy: null,
      });
      if (inserted) added++;
    }
    if (db === this.db) this.shippedLoaded = true;
    else this.shippedIn.add(db);
    return added;
  }

  private compile(stored: StoredFramework): Framework {
    let fw = this.compiled.get(stored.id);
    if (!fw) {
      const v = validateFramework(stored.definition);
      if (!v.ok) throw new Error(`stored framework ${stored.frameworkId} v${stored.version} is invalid`);
      fw = v.value;
      this.compiled.set(stored.id, fw);
    }
    return fw;
  }

  /** The framework an instansi sees under this id or alias, at a version or the newest. */
  private async framework(db: Db, instansiId: string, idOrAlias: string, version?: number): Promise<Framework | undefined> {
    let stored = await this.repo.findFramework(db, instansiId, idOrAlias, version);
    if (!stored) {
      const all = await this.repo.listFrameworks(db, instansiId, 'framework');
      const owner = all.find((f) => ((f.definition as { aliases?: string[] }).aliases ?? []).includes(idOrAlias));
      if (owner) stored = await this.repo.findFramework(db, instansiId, owner.frameworkId, version);
    }
    return stored && stored.type === 'framework' ? this.compile(stored) : undefined;
  }

  private summary(f: StoredFramework, latest: boolean) {
    const def = f.definition as Record<string, unknown>;
    const base = {
      id: f.frameworkId,
      type: f.type,
      version: f.version,
      name: f.name,
      scope: f.scope === NATIONAL ? ('national' as const) : ('instansi' as const),
      latest,
      sha256: f.sha256,
      createdAt: f.createdAt,
    };
    if (f.type === 'crosswalk') {
      return { ...base, from: String(def.from), to: String(def.to), estimate: true };
    }
    const fw = this.compile(f);
    return {
      ...base,
      regulation: (def.regulation as string | undefined) ?? null,
      validFrom: (def.validFrom as number | null | undefined) ?? null,
      validTo: (def.validTo as number | null | undefined) ?? null,
      rule: fw.rule,
      domains: fw.domains.length,
      aspects: fw.aspects.length,
      indicators: fw.indicators.length,
    };
  }

  async listFrameworks(actor: Actor) {
    check(readDenial(actor));
    await this.ensureFrameworks();
    const all = await this.repo.listFrameworks(this.db, actor.instansiId);
    const newest = new Map<string, number>();
    for (const f of all) newest.set(f.frameworkId, Math.max(newest.get(f.frameworkId) ?? 0, f.version));
    // one row per id and version; the instansi's own copy hides a national one of the same version
    const seen = new Set<string>();
    const rows = [...all].sort((a, b) => (a.scope === NATIONAL ? 1 : 0) - (b.scope === NATIONAL ? 1 : 0));
    const items = rows.filter((f) => {
      const key = `${f.frameworkId}@${f.version}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    items.sort((a, b) => a.type.localeCompare(b.type) || a.frameworkId.localeCompare(b.frameworkId) || b.version - a.version);
    return { items: items.map((f) => this.summary(f, newest.get(f.frameworkId) === f.version)) };
  }

  async getFramework(actor: Actor, id: string, version?: number) {
    check(readDenial(actor));
    await this.ensureFrameworks();
    const stored = await this.repo.findFramework(this.db, actor.instansiId, id, version);
    if (!stored) throw Problem.notFound(`Framework ${id}${version ? ` version ${version}` : ''}`);
    const newest = await this.repo.findFramework(this.db, actor.instansiId, id);
    return { ...this.summary(stored, newest?.version === stored.version), definition: stored.definition };
  }

  /**
   * Loads a corrected or newer framework (or crosswalk) file for the actor's
   * instansi. Every reason a file is bad comes back at once; nothing is stored
   * unless the file is valid and its version is newer than every version the
   * instansi already sees.
   */
  async loadFramework(actor: Actor, input: unknown) {
    check(frameworkLoadDenial(actor), 'load evaluation frameworks');
    await this.ensureFrameworks();
    const type = (input as { type?: unknown } | null)?.type;
    let doc: { type: 'framework' | 'crosswalk'; id: string; version: number; name: string; definition: unknown };
    if (type === 'crosswalk') {
      const c = parseCrosswalk(input);
      if (!c.ok) throw Problem.validation(c.errors, 'The crosswalk file is not valid; nothing was loaded.');
      const from = await this.framework(this.db, actor.instansiId, c.value.from);
      const to = await this.framework(this.db, actor.instansiId, c.value.to);
      const errors: ValidationIssue[] = [];
      if (!from) errors.push({ field: 'from', rule: 'exists', message: `no framework ${c.value.from}` });
      if (!to) errors.push({ field: 'to', rule: 'exists', message: `no framework ${c.value.to}` });
      if (from && to) errors.push(...checkCrosswalk(c.value, from, to));
      if (errors.length) throw Problem.validation(errors, 'The crosswalk file is not valid; nothing was loaded.');
      doc = { type: 'crosswalk', id: c.value.id, version: c.value.version, name: c.value.name, definition: c.value };
    } else if (type === 'framework') {
      const v = validateFramework(input);
      if (!v.ok) throw Problem.validation(v.errors, 'The framework file is not valid; nothing was loaded.');
      doc = { type: 'framework', id: v.value.id, version: v.value.version, name: v.value.name, definition: v.value.definition };
    } else {
      throw Problem.validation([{ field: 'type', rule: 'enum', message: 'type is "framework" or "crosswalk"' }], 'The file is not valid; nothing was loaded.');
    }
    return this.db.transaction().execute(async (trx) => {
      const current = await this.repo.findFramework(trx, actor.instansiId, doc.id);
      if (current && current.type !== doc.type) throw Problem.conflict(`${doc.id} is already a ${current.type}.`);
      if (current && doc.version <= current.version) {
        throw Problem.conflict(`Version ${doc.version} of ${doc.id} is not newer than the current version ${current.version}; give the corrected file a higher version.`, {
          currentVersion: current.version,
        });
      }
      const stored: StoredFramework = {
        id: uuidv7(),
        scope: actor.instansiId,
        type: doc.type,
        frameworkId: doc.id,
        version: doc.version,
        name: doc.name,
        definition: doc.definition,
        sha256: sha256Hex(canonicalJson(doc.definition)),
        createdAt: new Date().toISOString(),
        createdBy: actor.user!.id,
      };
      if (!(await this.repo.insertFramework(trx, stored))) throw Problem.conflict(`Version ${doc.version} of ${doc.id} exists already.`);
      await this.audit.append(trx, {
        instansiId: actor.instansiId,
        userId: actor.user!.id,
        username: actor.user!.username,
        action: 'load',
        entityType: doc.type,
        entityId: stored.id,
        before: current ? { id: current.frameworkId, version: current.version, sha256: current.sha256 } : null,
        after: { id: stored.frameworkId, version: stored.version, sha256: stored.sha256, name: stored.name },
      });
      return this.summary(stored, true);
    });
  }

  // ---------------------------------------------------------------- assessments

  private async readable(db: Db, actor: Actor, id: string): Promise<Assessment> {
    check(readDenial(actor));
    const a = await this.repo.findAssessment(db, id);
    if (!a || a.instansiId !== actor.instansiId) throw Problem.notFound('Assessment');
    return a;
  }

  /** Reads for a write inside `trx`, locking the row (PostgreSQL) so the status cannot change underneath. */
  private async writable(trx: Db, actor: Actor, id: string): Promise<Assessment> {
    check(readDenial(actor));
    const a = await this.repo.lockAssessment(trx, id, new Date().toISOString(), actor.user!.id);
    if (!a || a.instansiId !== actor.instansiId) throw Problem.notFound('Assessment');
    return a;
  }

  private async frameworkOf(db: Db, a: Assessment): Promise<Framework> {
    const fw = await this.framework(db, a.instansiId, a.frameworkId, a.frameworkVersion);
    if (!fw) throw new Error(`framework ${a.frameworkId} v${a.frameworkVersion} of assessment ${a.id} is missing`);
    return fw;
  }

  private auditOf(actor: Actor, action: string, entityId: string, before: unknown, after: unknown) {
    return {
      instansiId: actor.instansiId,
      userId: actor.user?.id ?? null,
      username: actor.user?.username ?? null,
      action,
      entityType: 'assessment',
      entityId,
      before,
      after,
    };
  }

  async list(actor: Actor, q: { framework?: string; year?: number }) {
    check(readDenial(actor));
    await this.ensureFrameworks();
    let frameworkId = q.framework;
    if (frameworkId) frameworkId = (await this.framework(this.db, actor.instansiId, frameworkId))?.id ?? frameworkId;
    const rows = await this.repo.listAssessments(this.db, { instansiId: actor.instansiId, frameworkId, year: q.year });
    const items = [];
    const levels = await this.repo.levelsOf(this.db, rows.map((a) => a.id));
    const frameworks = new Map<string, Framework>();
    for (const a of rows) {
      const key = `${a.frameworkId}@${a.frameworkVersion}`;
      const fw = frameworks.get(key) ?? (await this.frameworkOf(this.db, a));
      frameworks.set(key, fw);
      const ev = evaluate(fw, levels.get(a.id)!);
      items.push({
        id: a.id,
        framework: a.frameworkId,
        frameworkVersion: a.frameworkVersion,
        frameworkName: fw.name,
        year: a.year,
        status: a.status,
        index: ev.index,
        indexRounded: ev.rounded,
        predicate: ev.predicate,
        complete: ev.complete,
        assessed: ev.assessed,
        total: ev.total,
        updatedAt: a.updatedAt,
      });
    }
    return { items };
  }

  async create(actor: Actor, input: { framework: string; year: number }) {
    check(createDenial(actor), 'start an assessment');
    await this.ensureFrameworks();
    const fw = await this.framework(this.db, actor.instansiId, input.framework);
    if (!fw) throw Problem.validation([{ field: 'framework', rule: 'exists', message: `No framework "${input.framework}".` }]);
    const now = new Date().toISOString();
    const a: Assessment = {
      id: uuidv7(),
      instansiId: actor.instansiId,
      frameworkId: fw.id,
      frameworkVersion: fw.version,
      year: input.year,
      status: 'draft',
      indexValue: null,
      published: null,
      provenance: null,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.user!.id,
      updatedBy: actor.user!.id,
    };
    await this.db.transaction().execute(async (trx) => {
      const existing = await this.repo.findAssessmentByYear(trx, actor.instansiId, fw.id, input.year);
      if (existing) throw Problem.conflict(`There is already a ${fw.id} assessment for ${input.year}.`, { id: existing.id });
      await this.repo.insertAssessment(trx, a);
      await this.repo.insertIndicators(trx, fw.indicators.map((i) => emptyIndicator(a.id, i.no)));
      await this.audit.append(trx, this.auditOf(actor, 'create', a.id, null, { framework: fw.id, frameworkVersion: fw.version, year: a.year, status: a.status }));
    });
    return this.present(this.db, actor, a);
  }

  async get(actor: Actor, id: string) {
    const a = await this.readable(this.db, actor, id);
    return this.present(this.db, actor, a);
  }

  /** The API's view of an assessment: computed values, every indicator with its stage values and evidence. */
  private async present(db: Db, actor: Actor, a: Assessment) {
    const fw = await this.frameworkOf(db, a);
    const rows = new Map((await this.repo.listIndicators(db, a.id)).map((r) => [r.no, r]));
    const links = await this.repo.evidenceOfAssessment(db, a.id);
    const ev = evaluate(fw, new Map([...rows].map(([no, r]) => [no, r.level])));
    const status = a.status as AssessmentStatus;
    const published = a.published as PublishedValues | null;
    return {
      id: a.id,
      framework: fw.id,
      frameworkVersion: fw.version,
      frameworkName: fw.name,
      year: a.year,
      status,
      index: ev.index,
      indexRounded: ev.rounded,
      predicate: ev.predicate,
      complete: ev.complete,
      assessed: ev.assessed,
      total: ev.total,
      domains: ev.domains.map((d) => ({ code: d.code, name: d.name, weight: d.weight, value: d.value, rounded: d.rounded, assessed: d.assessed, total: d.total })),
      aspects: ev.aspects.map((x) => ({ code: x.code, name: x.name, domainCode: x.domainCode, weight: x.weight, value: x.value, rounded: x.rounded, assessed: x.assessed, total: x.total })),
      indicators: fw.indicators.map((ind) => {
        const r = rows.get(ind.no) ?? emptyIndicator(a.id, ind.no);
        return {
          no: ind.no,
          name: ind.name,
          weight: ind.weight,
          domainCode: ind.domainCode,
          aspectCode: ind.aspectCode,
          level: r.level,
          levelName: r.level === null ? null : levelRequirement(fw, ind.no, r.level).name,
          selfLevel: r.selfLevel,
          verifiedLevel: r.verifiedLevel,
          note: r.note,
          verificationNote: r.verificationNote,
          updatedAt: r.updatedAt,
          updatedBy: r.updatedBy,
          evidence: links
            .filter((l) => l.indicatorNo === ind.no)
            .map((l) => ({
              id: l.evidence.id,
              linkId: l.id,
              name: l.evidence.originalName,
              mediaType: l.evidence.mediaType,
              size: l.evidence.size,
              sha256: l.evidence.sha256,
              elementId: l.elementId,
              createdAt: l.createdAt,
              createdBy: l.createdBy,
              url: `/api/v1/evidence/${l.evidence.id}`,
            })),
        };
      }),
      published,
      consistency: published ? comparePublished(ev, published) : null,
      provenance: a.provenance,
      editStage: editDenial(actor, status) === null ? editStage(status) : null,
      allowedTransitions: allowedTransitions(actor, status),
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      createdBy: a.createdBy,
      updatedBy: a.updatedBy,
    };
  }

  private async refreshIndex(trx: Db, a: Assessment, fw: Framework, actor: Actor | null, at: string): Promise<void> {
    const levels = new Map((await this.repo.listIndicators(trx, a.id)).map((r) => [r.no, r.level]));
    await this.repo.updateAssessment(trx, a.id, { indexValue: evaluate(fw, levels).index, updatedAt: at, updatedBy: actor?.user?.id ?? null });
  }

  /**
   * Sets one indicator's level (1–5, or null: not yet assessed) and note. In
   * draft this is the self-assessment (selfLevel, note); in submitted it is the
   * verification (verifiedLevel, verificationNote). The level that counts is
   * verifiedLevel if set, else selfLevel.
   */
  async setIndicator(actor: Actor, id: string, no: number, input: { level: number | null; note?: string | null }) {
    await this.db.transaction().execute(async (trx) => {
      const a = await this.writable(trx, actor, id);
      const status = a.status as AssessmentStatus;
      check(editDenial(actor, status), status === 'submitted' ? 'verify levels' : 'change this assessment');
      const fw = await this.frameworkOf(trx, a);
      if (!fw.indicatorByNo.has(no)) throw Problem.notFound(`Indicator ${no}`);
      const { min, max } = fw.levelRange;
      if (input.level !== null && (!Number.isInteger(input.level) || input.level < min || input.level > max)) {
        throw Problem.validation([{ field: 'level', rule: 'range', message: `level is a whole number ${min}–${max}, or null for not yet assessed` }]);
      }
      const before = (await this.repo.findIndicator(trx, a.id, no)) ?? emptyIndicator(a.id, no);
      const now = new Date().toISOString();
      const note = input.note === undefined ? undefined : input.note === null || input.note.trim() === '' ? null : input.note.trim();
      const next: AssessmentIndicator = { ...before, updatedAt: now, updatedBy: actor.user!.id };
      if (editStage(status) === 'self') {
        next.selfLevel = input.level;
        if (note !== undefined) next.note = note;
      } else {
        next.verifiedLevel = input.level;
        if (note !== undefined) next.verificationNote = note;
      }
      next.level = next.verifiedLevel ?? next.selfLevel;
      await this.repo.updateIndicator(trx, next);
      await this.refreshIndex(trx, a, fw, actor, now);
      await this.audit.append(trx, this.auditOf(actor, 'indicator.update', a.id, indicatorSnapshot(before), indicatorSnapshot(next)));
    });
    return this.get(actor, id);
  }

  async transition(actor: Actor, id: string, to: string) {
    if (!(ASSESSMENT_STATUSES as readonly string[]).includes(to)) {
      throw Problem.validation([{ field: 'to', rule: 'enum', message: `to is one of ${ASSESSMENT_STATUSES.join(', ')}` }]);
    }
    const target = to as AssessmentStatus;
    await this.db.transaction().execute(async (trx) => {
      const a = await this.writable(trx, actor, id);
      const from = a.status as AssessmentStatus;
      check(transitionDenial(actor, from, target), `move an assessment from ${from} to ${target}`);
      const fw = await this.frameworkOf(trx, a);
      const rows = await this.repo.listIndicators(trx, a.id);
      const now = new Date().toISOString();
      let changed = 0;
      if (from === 'draft' && target === 'submitted') {
        const missing = fw.indicators.filter((ind) => (rows.find((r) => r.no === ind.no)?.selfLevel ?? null) === null);
        if (missing.length) {
          const errors: FieldError[] = missing.map((m) => ({ field: `indicators.${m.no}.level`, rule: 'required', message: `Indicator ${m.no} (${m.name}) has no level yet.` }));
          throw Problem.validation(errors, `${missing.length} indicator(s) have no level; every indicator needs one before the assessment is submitted.`);
        }
      }
      for (const r of rows) {
        let next: AssessmentIndicator | null = null;
        // verifying accepts every self-assessed level the verifier left alone
        if (target === 'verified' && r.verifiedLevel === null && r.selfLevel !== null) next = { ...r, verifiedLevel: r.selfLevel };
        // returning for revision restarts the verification
        if (from === 'submitted' && target === 'draft' && r.verifiedLevel !== null) next = { ...r, verifiedLevel: null };
        if (next) {
          next.level = next.verifiedLevel ?? next.selfLevel;
          await this.repo.updateIndicator(trx, next);
          changed++;
        }
      }
      if (!(await this.repo.moveStatus(trx, a.id, from, target, now, actor.user!.id))) throw Problem.conflict('The assessment changed status meanwhile; reload it.');
      if (changed) await this.refreshIndex(trx, a, fw, actor, now);
      await this.audit.append(trx, this.auditOf(actor, 'transition', a.id, { status: from }, { status: target, indicatorsChanged: changed }));
    });
    return this.get(actor, id);
  }

  /** The assessment's audit trail, newest first: every status change, level change and evidence link. */
  async history(actor: Actor, id: string) {
    const a = await this.readable(this.db, actor, id);
    const items = await this.audit.list(this.db, { instansiId: actor.instansiId, entityId: a.id }, 500);
    return { items };
  }

  // ---------------------------------------------------------------- planner and crosswalk

  async plan(actor: Actor, id: string, options: { targetIndex: number; maxRaisePerIndicator?: number; maxLevel?: number; maxLevels?: Record<string, number> }) {
    const a = await this.readable(this.db, actor, id);
    const fw = await this.frameworkOf(this.db, a);
    const rows = await this.repo.listIndicators(this.db, a.id);
    const levels = new Map(rows.map((r) => [r.no, r.level]));
    const maxLevels = Object.fromEntries(Object.entries(options.maxLevels ?? {}).map(([k, v]) => [Number(k), v]));
    let result;
    try {
      result = planRaises(fw, levels, { targetIndex: options.targetIndex, maxRaisePerIndicator: options.maxRaisePerIndicator ?? 1, maxLevel: options.maxLevel, maxLevels });
    } catch (e) {
      if (e instanceof RangeError) throw Problem.validation([{ field: e.message.split(' ')[0].replace(/:$/, ''), rule: 'range', message: e.message }]);
      throw e;
    }
    const keys = new Set([fw.id, ...(fw.definition.aliases ?? [])]);
    const initiatives = (await this.repo.initiatives(this.db, actor.instansiId)).filter((el) => canRead(actor, el));
    const servedBy = (no: number) =>
      initiatives
        .filter((el) => {
          const list = el.attributes[INITIATIVE_INDICATORS_ATTRIBUTE];
          return Array.isArray(list) && list.some((x) => typeof x === 'string' && matchesIndicator(x, keys, no));
        })
        .map((el) => ({
          id: el.id,
          code: el.code,
          name: el.name,
          status: (el.attributes.status as string | undefined) ?? null,
          startYear: (el.attributes.startYear as number | undefined) ?? null,
          endYear: (el.attributes.endYear as number | undefined) ?? null,
        }));
    const predicateOf = (rounded: number) => bandOf(fw.predicates, rounded);
    return {
      assessmentId: a.id,
      framework: fw.id,
      frameworkVersion: fw.version,
      year: a.year,
      targetIndex: result.targetIndex,
      maxRaisePerIndicator: options.maxRaisePerIndicator ?? 1,
      feasible: result.feasible,
      alreadyReached: result.alreadyReached,
      steps: result.steps,
      currentIndex: result.currentIndex,
      currentRounded: result.currentRounded,
      currentPredicate: predicateOf(result.currentRounded),
      resultIndex: result.resultIndex,
      resultRounded: result.resultRounded,
      resultPredicate: predicateOf(result.resultRounded),
      maxReachableIndex: result.maxReachableIndex,
      maxReachableRounded: result.maxReachableRounded,
      unassessed: result.unassessed,
      raises: result.raises.map((r) => {
        const ind = fw.indicatorByNo.get(r.no)!;
        const start = r.from ?? fw.levelRange.min;
        return {
          no: r.no,
          name: ind.name,
          domainCode: ind.domainCode,
          aspectCode: ind.aspectCode,
          weight: ind.weight,
          from: r.from,
          to: r.to,
          steps: r.steps,
          indexGain: r.indexGain,
          asks: Array.from({ length: r.to - start }, (_, k) => levelRequirement(fw, r.no, start + k + 1)),
          initiatives: servedBy(r.no),
        };
      }),
      initiativeLink: { kind: 'initiative', attribute: INITIATIVE_INDICATORS_ATTRIBUTE, format: `${fw.id}:<indicator number>` },
      method: 'exact: dynamic programme over indicators and total steps (fewest level steps, then highest index, then fewest indicators)',
    };
  }

  async crosswalk(actor: Actor, id: string, crosswalkId?: string) {
    const a = await this.readable(this.db, actor, id);
    const from = await this.frameworkOf(this.db, a);
    const all = await this.repo.listFrameworks(this.db, actor.instansiId, 'crosswalk');
    const candidates = all.filter((c) => (c.definition as CrosswalkDefinition).from === from.id && (!crosswalkId || c.frameworkId === crosswalkId));
    if (!candidates.length) throw Problem.notFound(`A crosswalk from ${from.id}`);
    const chosenId = candidates[0].frameworkId;
    const stored = (await this.repo.findFramework(this.db, actor.instansiId, chosenId))!;
    const c = stored.definition as CrosswalkDefinition;
    const to = await this.framework(this.db, actor.instansiId, c.to);
    if (!to) throw Problem.notFound(`Framework ${c.to}`);
    const problems = checkCrosswalk(c, from, to);
    if (problems.length) throw Problem.conflict(`Crosswalk ${c.id} does not fit ${from.id} v${from.version} and ${to.id} v${to.version}: ${problems.map((p) => p.message).join('; ')}`);
    const rows = await this.repo.listIndicators(this.db, a.id);
    const est = estimate(c, from, to, new Map(rows.map((r) => [r.no, r.level])));
    return {
      estimate: true as const,
      notice: est.notice,
      assessmentId: a.id,
      year: a.year,
      from: { framework: from.id, version: from.version, name: from.name },
      to: { framework: to.id, version: to.version, name: to.name },
      crosswalk: { id: c.id, version: stored.version, method: c.method },
      coverage: est.coverage,
      index: est.evaluation.index,
      indexRounded: est.evaluation.rounded,
      predicate: est.evaluation.predicate,
      aspects: est.evaluation.aspects.map((x) => ({ code: x.code, name: x.name, weight: x.weight, value: x.value, rounded: x.rounded, assessed: x.assessed, total: x.total })),
      indicators: est.indicators,
    };
  }

  // ---------------------------------------------------------------- evidence

  private evidenceRoot(): string {
    return join(this.config.dataDir, 'evidence');
  }

  /** Called before the upload body is read, so refused users never make the server store anything. */
  async checkCanAttach(actor: Actor, id: string, no: number): Promise<void> {
    const a = await this.readable(this.db, actor, id);
    check(editDenial(actor, a.status as AssessmentStatus), 'attach evidence to this assessment');
    const fw = await this.frameworkOf(this.db, a);
    if (!fw.indicatorByNo.has(no)) throw Problem.notFound(`Indicator ${no}`);
  }

  /**
   * Stores an uploaded file content-addressed and links it to the indicator
   * (and optionally to an architecture element). The file's type comes from its
   * bytes; its name is kept for display only and never touches the file system.
   */
  async attachEvidence(actor: Actor, id: string, no: number, file: { data: Buffer; filename?: string; elementId?: string | null }) {
    await this.checkCanAttach(actor, id, no);
    if (file.data.length === 0) throw Problem.validation([{ field: 'file', rule: 'required', message: 'The file is empty.' }]);
    if (file.data.length > this.maxEvidenceBytes) throw new Problem(413, 'Payload too large', `Evidence files are at most ${this.maxEvidenceBytes} bytes.`);
    const type = sniffEvidenceType(file.data);
    if (!type) {
      throw new Problem(415, 'Unsupported media type', `The file's content is not an accepted evidence type (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, ODT, ODS).`, [], {
        accepted: Object.values(EVIDENCE_TYPES),
      });
    }
    const sha = sha256Hex(file.data);
    const relative = join('evidence', sha.slice(0, 2), sha);
    this.storeBlob(sha, file.data);
    const elementId = file.elementId || null;
    const result = await this.db.transaction().execute(async (trx) => {
      const a = await this.writable(trx, actor, id);
      check(editDenial(actor, a.status as AssessmentStatus), 'attach evidence to this assessment');
      if (elementId) {
        const el = await this.elements.findById(trx, elementId);
        if (!el || !canRead(actor, el)) throw Problem.validation([{ field: 'elementId', rule: 'exists', message: 'No such element.' }]);
      }
      const now = new Date().toISOString();
      let evidence = await this.repo.findEvidenceBySha(trx, actor.instansiId, sha);
      if (!evidence) {
        evidence = {
          id: uuidv7(),
          instansiId: actor.instansiId,
          sha256: sha,
          mediaType: type.mediaType,
          size: file.data.length,
          originalName: cleanFileName(file.filename, type.extension),
          storagePath: relative,
          createdAt: now,
          createdBy: actor.user!.id,
        };
        await this.repo.insertEvidence(trx, evidence);
      }
      const existing = await this.repo.findLink(trx, evidence.id, a.id, no);
      if (existing) return { evidence, link: existing, created: false };
      const link = { id: uuidv7(), evidenceId: evidence.id, assessmentId: a.id, indicatorNo: no, elementId, createdAt: now, createdBy: actor.user!.id };
      await this.repo.insertLink(trx, link);
      await this.audit.append(
        trx,
        this.auditOf(actor, 'evidence.link', a.id, null, { indicator: no, evidenceId: evidence.id, sha256: sha, name: evidence.originalName, mediaType: evidence.mediaType, size: evidence.size, elementId }),
      );
      return { evidence, link, created: true };
    });
    return { created: result.created, evidence: presentEvidence(result.evidence, result.link) };
  }

  private storeBlob(sha: string, data: Buffer): void {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('bad digest');
    const dir = join(this.evidenceRoot(), sha.slice(0, 2));
    const target = join(dir, sha);
    if (existsSync(target)) return;
    mkdirSync(dir, { recursive: true });
    const tmpDir = join(this.evidenceRoot(), 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${uuidv7()}.part`);
    try {
      writeFileSync(tmp, data, { flag: 'wx', mode: 0o640 });
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  async detachEvidence(actor: Actor, id: string, no: number, evidenceId: string) {
    await this.db.transaction().execute(async (trx) => {
      const a = await this.writable(trx, actor, id);
      check(editDenial(actor, a.status as AssessmentStatus), 'remove evidence from this assessment');
      const link = await this.repo.findLink(trx, evidenceId, a.id, no);
      if (!link) throw Problem.notFound('Evidence link');
      await this.repo.deleteLink(trx, link.id);
      await this.audit.append(trx, this.auditOf(actor, 'evidence.unlink', a.id, { indicator: no, evidenceId, elementId: link.elementId }, null));
    });
  }

  /** The stored file, for users who may read an assessment it is linked to. The path derives from the digest only. */
  async openEvidence(actor: Actor, evidenceId: string): Promise<{ evidence: Evidence; path: string; contentDisposition: string }> {
    check(readDenial(actor));
    const evidence = await this.repo.findEvidence(this.db, evidenceId);
    if (!evidence || evidence.instansiId !== actor.instansiId) throw Problem.notFound('Evidence');
    const links = await this.repo.linksOfEvidence(this.db, evidence.id);
    let readable = false;
    for (const l of links) {
      const a = await this.repo.findAssessment(this.db, l.assessmentId);
      if (a && a.instansiId === actor.instansiId && readDenial(actor) === null) readable = true;
    }
    if (!readable) throw Problem.notFound('Evidence');
    if (!/^[0-9a-f]{64}$/.test(evidence.sha256)) throw Problem.notFound('Evidence');
    const path = join(this.evidenceRoot(), evidence.sha256.slice(0, 2), evidence.sha256);
    if (!existsSync(path)) throw new Problem(410, 'Gone', 'The evidence file is missing from storage; ask an administrator to restore it from backup.');
    return { evidence, path, contentDisposition: contentDisposition(evidence.originalName) };
  }

  // ---------------------------------------------------------------- seeding

  /**
   * Loads the published evaluation history of a dataset (evaluation/indeks-spbe-history.json:
   * Tabel 3.3 levels per year, Tabel 3.2 published values) as final assessments.
   * Years already present are skipped. Pass the caller's transaction to load
   * inside it. Reports every published value the computation does not reproduce.
   */
  async seedHistory(instansiId: string, datasetDir: string, db: Db = this.db): Promise<SeedHistoryReport> {
    const report: SeedHistoryReport = { created: 0, skipped: 0, years: [], mismatches: {} };
    const file = join(datasetDir, 'evaluation', 'indeks-spbe-history.json');
    if (!existsSync(file)) return report;
    const history = JSON.parse(readFileSync(file, 'utf8')) as HistoryFile;
    const run = async (trx: Db) => {
      await this.ensureFrameworks(trx);
      const fw = await this.framework(trx, instansiId, history.framework, history.version);
      if (!fw) throw new Error(`${file}: unknown framework ${history.framework}${history.version ? ` version ${history.version}` : ''}`);
      const years = [...new Set(history.indicators.flatMap((i) => Object.keys(i.levels)))].map(Number).sort();
      for (const year of years) {
        report.years.push(year);
        if (await this.repo.findAssessmentByYear(trx, instansiId, fw.id, year)) {
          report.skipped++;
          continue;
        }
        const levels = new Map<number, number | null>();
        for (const i of history.indicators) {
          if (!fw.indicatorByNo.has(i.number)) throw new Error(`${file}: ${fw.id} has no indicator ${i.number}`);
          levels.set(i.number, i.levels[String(year)] ?? null);
        }
        const published = publishedFor(history, year);
        const ev = evaluate(fw, levels);
        if (published) {
          const m = comparePublished(ev, published);
          if (m.length) report.mismatches[String(year)] = m;
        }
        const now = new Date().toISOString();
        const a: Assessment = {
          id: uuidv7(),
          instansiId,
          frameworkId: fw.id,
          frameworkVersion: fw.version,
          year,
          status: 'final',
          indexValue: ev.index,
          published,
          provenance: [history.source, 'tingkat: Tabel 3.3', published ? 'nilai terbit: Tabel 3.2' : null].filter(Boolean).join('; '),
          createdAt: now,
          updatedAt: now,
          createdBy: null,
          updatedBy: null,
        };
        await this.repo.insertAssessment(trx, a);
        await this.repo.insertIndicators(
          trx,
          fw.indicators.map((ind) => {
            const level = levels.get(ind.no) ?? null;
            return { ...emptyIndicator(a.id, ind.no), level, verifiedLevel: level, updatedAt: now };
          }),
        );
        await this.audit.append(trx, {
          instansiId,
          userId: null,
          username: 'atlas seed',
          action: 'create',
          entityType: 'assessment',
          entityId: a.id,
          before: null,
          after: { framework: fw.id, frameworkVersion: fw.version, year, status: 'final', index: ev.index, provenance: a.provenance },
          at: now,
        });
        report.created++;
      }
    };
    if (db === this.db) await this.db.transaction().execute(run);
    else await run(db);
    return report;
  }
}

function emptyIndicator(assessmentId: string, no: number): AssessmentIndicator {
  return { assessmentId, no, level: null, selfLevel: null, verifiedLevel: null, note: null, verificationNote: null, updatedAt: null, updatedBy: null };
}

function indicatorSnapshot(i: AssessmentIndicator) {
  return { indicator: i.no, level: i.level, selfLevel: i.selfLevel, verifiedLevel: i.verifiedLevel, note: i.note, verificationNote: i.verificationNote };
}

function presentEvidence(e: Evidence, link: { id: string; indicatorNo: number; elementId: string | null; createdAt: string }) {
  return {
    id: e.id,
    linkId: link.id,
    indicatorNo: link.indicatorNo,
    elementId: link.elementId,
    name: e.originalName,
    mediaType: e.mediaType,
    size: e.size,
    sha256: e.sha256,
    createdAt: link.createdAt,
    url: `/api/v1/evidence/${e.id}`,
  };
}

/** "spbe-59-2020:11" (or an alias of the framework) names indicator 11. */
function matchesIndicator(entry: string, frameworkKeys: Set<string>, no: number): boolean {
  const m = /^\s*([a-z0-9-]+)\s*:\s*(\d+)\s*$/i.exec(entry);
  return !!m && frameworkKeys.has(m[1].toLowerCase()) && Number(m[2]) === no;
}

function publishedFor(history: HistoryFile, year: number): PublishedValues | null {
  const key = String(year);
  const rows = (history.published ?? []).filter((r) => r.values[key] !== undefined);
  if (!rows.length) return null;
  const out: PublishedValues = { source: 'Tabel 3.2', index: null, domains: {}, aspects: {}, predicate: null };
  for (const r of rows) {
    const v = r.values[key].value;
    if (r.level === 'index') out.index = v;
    else if (r.level === 'domain' && r.domain !== null) out.domains[String(r.domain)] = v;
    else if (r.level === 'aspect' && r.aspect !== null) out.aspects[String(r.aspect)] = v;
  }
  const p = history.predicates?.find((x) => x.year === year);
  out.predicate = p?.printed ?? null;
  return out;
}
