import type { Kysely } from 'kysely';
import type { AssessmentIndicatorTable, AssessmentTable, Database, EvidenceLinkTable, EvidenceTable, FrameworkTable } from '../schema.js';
import { toElement, type Element } from './element.repository.js';

export const NATIONAL = 'national';

export interface StoredFramework {
  id: string;
  scope: string;
  type: 'framework' | 'crosswalk';
  frameworkId: string;
  version: number;
  name: string;
  definition: unknown;
  sha256: string;
  createdAt: string;
  createdBy: string | null;
}

export interface Assessment {
  id: string;
  instansiId: string;
  frameworkId: string;
  frameworkVersion: number;
  year: number;
  status: string;
  indexValue: number | null;
  published: unknown;
  provenance: string | null;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface AssessmentIndicator {
  assessmentId: string;
  no: number;
  level: number | null;
  selfLevel: number | null;
  verifiedLevel: number | null;
  note: string | null;
  verificationNote: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface Evidence {
  id: string;
  instansiId: string;
  sha256: string;
  mediaType: string;
  size: number;
  originalName: string;
  storagePath: string;
  createdAt: string;
  createdBy: string | null;
}

export interface EvidenceLink {
  id: string;
  evidenceId: string;
  assessmentId: string;
  indicatorNo: number;
  elementId: string | null;
  createdAt: string;
  createdBy: string | null;
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toFramework(r: FrameworkTable): StoredFramework {
  return {
    id: r.id,
    scope: r.scope,
    type: r.type as StoredFramework['type'],
    frameworkId: r.framework_id,
    version: Number(r.version),
    name: r.name,
    definition: JSON.parse(r.definition),
    sha256: r.sha256,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

function toAssessment(r: AssessmentTable): Assessment {
  return {
    id: r.id,
    instansiId: r.instansi_id,
    frameworkId: r.framework_id,
    frameworkVersion: Number(r.framework_version),
    year: Number(r.year),
    status: r.status,
    indexValue: num(r.index_value),
    published: r.published === null ? null : JSON.parse(r.published),
    provenance: r.provenance,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
  };
}

function toIndicator(r: AssessmentIndicatorTable): AssessmentIndicator {
  return {
    assessmentId: r.assessment_id,
    no: Number(r.indicator_no),
    level: num(r.level),
    selfLevel: num(r.self_level),
    verifiedLevel: num(r.verified_level),
    note: r.note,
    verificationNote: r.verification_note,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

function toEvidence(r: EvidenceTable): Evidence {
  return {
    id: r.id,
    instansiId: r.instansi_id,
    sha256: r.sha256,
    mediaType: r.media_type,
    size: Number(r.size),
    originalName: r.original_name,
    storagePath: r.storage_path,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

function toLink(r: EvidenceLinkTable): EvidenceLink {
  return {
    id: r.id,
    evidenceId: r.evidence_id,
    assessmentId: r.assessment_id,
    indicatorNo: Number(r.indicator_no),
    elementId: r.element_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export interface AssessmentFilter {
  instansiId: string;
  frameworkId?: string;
  year?: number;
}

/** All SQL of the evaluation: frameworks, assessments, indicator values, evidence and its links. */
export class EvaluationRepository {
  // frameworks and crosswalks

  /** Inserts unless (scope, framework id, version) is taken; true when inserted. */
  async insertFramework(db: Kysely<Database>, f: StoredFramework): Promise<boolean> {
    const r = await db
      .insertInto('frameworks')
      .values({
        id: f.id,
        scope: f.scope,
        type: f.type,
        framework_id: f.frameworkId,
        version: f.version,
        name: f.name,
        definition: JSON.stringify(f.definition),
        sha256: f.sha256,
        created_at: f.createdAt,
        created_by: f.createdBy,
      })
      .onConflict((oc) => oc.columns(['scope', 'framework_id', 'version']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Frameworks and crosswalks an instansi sees: the national ones and its own, every version. */
  async listFrameworks(db: Kysely<Database>, instansiId: string, type?: 'framework' | 'crosswalk'): Promise<StoredFramework[]> {
    let q = db.selectFrom('frameworks').selectAll().where('scope', 'in', [NATIONAL, instansiId]);
    if (type) q = q.where('type', '=', type);
    const rows = await q.orderBy('framework_id').orderBy('version').execute();
    return rows.map(toFramework);
  }

  /** One version (or the newest) as the instansi sees it; its own copy wins over a national one of the same version. */
  async findFramework(db: Kysely<Database>, instansiId: string, frameworkId: string, version?: number): Promise<StoredFramework | undefined> {
    let q = db.selectFrom('frameworks').selectAll().where('scope', 'in', [NATIONAL, instansiId]).where('framework_id', '=', frameworkId);
    if (version !== undefined) q = q.where('version', '=', version);
    const rows = (await q.execute()).map(toFramework);
    rows.sort((a, b) => b.version - a.version || (a.scope === NATIONAL ? 1 : 0) - (b.scope === NATIONAL ? 1 : 0));
    return rows[0];
  }

  // assessments

  async insertAssessment(db: Kysely<Database>, a: Assessment): Promise<void> {
    await db
      .insertInto('assessments')
      .values({
        id: a.id,
        instansi_id: a.instansiId,
        framework_id: a.frameworkId,
        framework_version: a.frameworkVersion,
        year: a.year,
        status: a.status,
        index_value: a.indexValue,
        published: a.published === null || a.published === undefined ? null : JSON.stringify(a.published),
        provenance: a.provenance,
        created_at: a.createdAt,
        updated_at: a.updatedAt,
        created_by: a.createdBy,
        updated_by: a.updatedBy,
      })
      .execute();
  }

  async findAssessment(db: Kysely<Database>, id: string): Promise<Assessment | undefined> {
    const r = await db.selectFrom('assessments').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toAssessment(r);
  }

  async findAssessmentByYear(db: Kysely<Database>, instansiId: string, frameworkId: string, year: number): Promise<Assessment | undefined> {
    const r = await db
      .selectFrom('assessments')
      .selectAll()
      .where('instansi_id', '=', instansiId)
      .where('framework_id', '=', frameworkId)
      .where('year', '=', year)
      .executeTakeFirst();
    return r && toAssessment(r);
  }

  async listAssessments(db: Kysely<Database>, f: AssessmentFilter): Promise<Assessment[]> {
    let q = db.selectFrom('assessments').selectAll().where('instansi_id', '=', f.instansiId);
    if (f.frameworkId) q = q.where('framework_id', '=', f.frameworkId);
    if (f.year !== undefined) q = q.where('year', '=', f.year);
    const rows = await q.orderBy('year', 'desc').orderBy('framework_id').execute();
    return rows.map(toAssessment);
  }

  async updateAssessment(db: Kysely<Database>, id: string, patch: { status?: string; indexValue?: number | null; updatedAt: string; updatedBy: string | null }): Promise<void> {
    await db
      .updateTable('assessments')
      .set({
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.indexValue !== undefined ? { index_value: patch.indexValue } : {}),
        updated_at: patch.updatedAt,
        updated_by: patch.updatedBy,
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Touches the row and returns it: on PostgreSQL this takes the row lock, so
   * concurrent writes to one assessment queue up instead of reading a stale status.
   */
  async lockAssessment(db: Kysely<Database>, id: string, at: string, by: string | null): Promise<Assessment | undefined> {
    const r = await db.updateTable('assessments').set({ updated_at: at, updated_by: by }).where('id', '=', id).returningAll().executeTakeFirst();
    return r && toAssessment(r);
  }

  /** Changes the status only if it is still `from`; false when someone else moved it first. */
  async moveStatus(db: Kysely<Database>, id: string, from: string, to: string, at: string, by: string | null): Promise<boolean> {
    const r = await db.updateTable('assessments').set({ status: to, updated_at: at, updated_by: by }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // indicator values

  async insertIndicators(db: Kysely<Database>, rows: AssessmentIndicator[]): Promise<void> {
    if (!rows.length) return;
    await db
      .insertInto('assessment_indicators')
      .values(
        rows.map((r) => ({
          assessment_id: r.assessmentId,
          indicator_no: r.no,
          level: r.level,
          self_level: r.selfLevel,
          verified_level: r.verifiedLevel,
          note: r.note,
          verification_note: r.verificationNote,
          updated_at: r.updatedAt,
          updated_by: r.updatedBy,
        })),
      )
      .execute();
  }

  async listIndicators(db: Kysely<Database>, assessmentId: string): Promise<AssessmentIndicator[]> {
    const rows = await db.selectFrom('assessment_indicators').selectAll().where('assessment_id', '=', assessmentId).orderBy('indicator_no').execute();
    return rows.map(toIndicator);
  }

  /** Indicator levels of several assessments in one query: assessment id → (indicator no → level). */
  async levelsOf(db: Kysely<Database>, assessmentIds: readonly string[]): Promise<Map<string, Map<number, number | null>>> {
    const out = new Map(assessmentIds.map((id) => [id, new Map<number, number | null>()]));
    if (assessmentIds.length === 0) return out;
    const rows = await db
      .selectFrom('assessment_indicators')
      .select(['assessment_id', 'indicator_no', 'level'])
      .where('assessment_id', 'in', assessmentIds)
      .execute();
    for (const r of rows) out.get(r.assessment_id)!.set(Number(r.indicator_no), num(r.level));
    return out;
  }

  async findIndicator(db: Kysely<Database>, assessmentId: string, no: number): Promise<AssessmentIndicator | undefined> {
    const r = await db.selectFrom('assessment_indicators').selectAll().where('assessment_id', '=', assessmentId).where('indicator_no', '=', no).executeTakeFirst();
    return r && toIndicator(r);
  }

  async updateIndicator(db: Kysely<Database>, i: AssessmentIndicator): Promise<void> {
    await db
      .updateTable('assessment_indicators')
      .set({
        level: i.level,
        self_level: i.selfLevel,
        verified_level: i.verifiedLevel,
        note: i.note,
        verification_note: i.verificationNote,
        updated_at: i.updatedAt,
        updated_by: i.updatedBy,
      })
      .where('assessment_id', '=', i.assessmentId)
      .where('indicator_no', '=', i.no)
      .execute();
  }

  // evidence

  async findEvidence(db: Kysely<Database>, id: string): Promise<Evidence | undefined> {
    const r = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toEvidence(r);
  }

  async findEvidenceBySha(db: Kysely<Database>, instansiId: string, sha256: string): Promise<Evidence | undefined> {
    const r = await db.selectFrom('evidence').selectAll().where('instansi_id', '=', instansiId).where('sha256', '=', sha256).executeTakeFirst();
    return r && toEvidence(r);
  }

  async insertEvidence(db: Kysely<Database>, e: Evidence): Promise<void> {
    await db
      .insertInto('evidence')
      .values({
        id: e.id,
        instansi_id: e.instansiId,
        sha256: e.sha256,
        media_type: e.mediaType,
        size: e.size,
        original_name: e.originalName,
        storage_path: e.storagePath,
        created_at: e.createdAt,
        created_by: e.createdBy,
      })
      .execute();
  }

  async findLink(db: Kysely<Database>, evidenceId: string, assessmentId: string, no: number): Promise<EvidenceLink | undefined> {
    const r = await db
      .selectFrom('evidence_links')
      .selectAll()
      .where('evidence_id', '=', evidenceId)
      .where('assessment_id', '=', assessmentId)
      .where('indicator_no', '=', no)
      .executeTakeFirst();
    return r && toLink(r);
  }

  async insertLink(db: Kysely<Database>, l: EvidenceLink): Promise<void> {
    await db
      .insertInto('evidence_links')
      .values({
        id: l.id,
        evidence_id: l.evidenceId,
        assessment_id: l.assessmentId,
        indicator_no: l.indicatorNo,
        element_id: l.elementId,
        created_at: l.createdAt,
        created_by: l.createdBy,
      })
      .execute();
  }

  async deleteLink(db: Kysely<Database>, id: string): Promise<void> {
    await db.deleteFrom('evidence_links').where('id', '=', id).execute();
  }

  async linksOfEvidence(db: Kysely<Database>, evidenceId: string): Promise<EvidenceLink[]> {
    const rows = await db.selectFrom('evidence_links').selectAll().where('evidence_id', '=', evidenceId).execute();
    return rows.map(toLink);
  }

  /** Every link of an assessment with its evidence, in upload order. */
  async evidenceOfAssessment(db: Kysely<Database>, assessmentId: string): Promise<(EvidenceLink & { evidence: Evidence })[]> {
    const rows = await db
      .selectFrom('evidence_links as l')
      .innerJoin('evidence as e', 'e.id', 'l.evidence_id')
      .selectAll('e')
      .select(['l.id as link_id', 'l.indicator_no', 'l.element_id', 'l.created_at as link_created_at', 'l.created_by as link_created_by', 'l.assessment_id'])
      .where('l.assessment_id', '=', assessmentId)
      .orderBy('l.created_at')
      .orderBy('l.id')
      .execute();
    return rows.map((r) => ({
      id: r.link_id,
      evidenceId: r.id,
      assessmentId: r.assessment_id,
      indicatorNo: Number(r.indicator_no),
      elementId: r.element_id,
      createdAt: r.link_created_at,
      createdBy: r.link_created_by,
      evidence: toEvidence(r),
    }));
  }

  // roadmap initiatives (elements of kind 'initiative')

  async initiatives(db: Kysely<Database>, instansiId: string): Promise<Element[]> {
    const rows = await db.selectFrom('elements').selectAll().where('instansi_id', '=', instansiId).where('kind', '=', 'initiative').orderBy('name').orderBy('id').execute();
    return rows.map(toElement);
  }
}
