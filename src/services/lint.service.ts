import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { AnalysisRepository, ElementSummary } from '../store/repositories/analysis.repository.js';
import type { AuditRepository } from '../store/repositories/audit.repository.js';
import { LINT_RULES, findRule, runLint, summarize, type Severity } from '../domain/lint/index.js';
import { indexGraph } from '../domain/graph/model.js';
import { writeDenial, type Actor } from '../domain/policy.js';
import { Problem, denialProblem } from './problem.js';

export interface LintQuery {
  severity?: Severity;
  rule?: string;
  /** Only findings about an element of this OPD (id). */
  orgUnitId?: string;
  /** At most this many findings in the answer (the summary and total count them all). */
  limit?: number;
}

export interface LintFindingView {
  rule: string;
  severity: Severity;
  message: string;
  messageEn: string;
  elements: ElementSummary[];
}

/** Consistency checks over one instansi, and the instansi's rule switches. */
export class LintService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly analysis: AnalysisRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Every rule with its explanation and whether it is on for the actor's instansi. */
  async rules(actor: Actor) {
    const disabled = new Set(await this.analysis.disabledRules(this.db, actor.instansiId));
    return {
      items: LINT_RULES.map((r) => ({ id: r.id, severity: r.severity, title: r.title, explain: r.explain, enabled: !disabled.has(r.id) })),
    };
  }

  /** Switches rules off (the listed ids) and every other rule on. Administrators only; audited. */
  async setDisabled(actor: Actor, ruleIds: readonly string[]) {
    const denial = writeDenial(actor, actor.instansiId, null);
    if (denial) throw denialProblem(denial);
    const unknown = ruleIds.filter((id) => !findRule(id));
    if (unknown.length) {
      throw Problem.validation(unknown.map((id) => ({ field: 'disabled', rule: 'enum', message: `Unknown rule "${id}".` })));
    }
    const next = [...new Set(ruleIds)].sort();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.analysis.disabledRules(trx, actor.instansiId);
      await this.analysis.replaceDisabledRules(trx, actor.instansiId, next, actor.user!.id, new Date().toISOString());
      await this.audit.append(trx, {
        instansiId: actor.instansiId,
        userId: actor.user!.id,
        username: actor.user!.username,
        action: 'update',
        entityType: 'lint-rules',
        entityId: actor.instansiId,
        before: { disabled: before },
        after: { disabled: next },
      });
    });
    return this.rules(actor);
  }

  /**
   * Runs the instansi's enabled rules over what the actor may see: a reader
   * never learns about elements hidden from them, and findings are computed
   * from the visible part of the architecture only.
   */
  async run(actor: Actor, query: LintQuery = {}) {
    const [graph, disabled] = await Promise.all([this.analysis.loadGraph(this.db, actor), this.analysis.disabledRules(this.db, actor.instansiId)]);
    const indexed = indexGraph(graph);
    const result = runLint(indexed, { disabled, only: query.rule ? [query.rule] : undefined });
    const findings: LintFindingView[] = [];
    for (const f of result.findings) {
      if (query.severity && f.severity !== query.severity) continue;
      const elements = f.elementIds.map((id) => {
        const e = indexed.byId.get(id)!;
        return { id: e.id, kind: e.kind, code: e.code, name: e.name, orgUnitId: e.orgUnitId };
      });
      if (query.orgUnitId && !elements.some((e) => e.orgUnitId === query.orgUnitId)) continue;
      findings.push({ rule: f.rule, severity: f.severity, message: f.message, messageEn: f.messageEn, elements });
    }
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    return {
      findings: findings.length > limit ? findings.slice(0, limit) : findings,
      total: findings.length,
      truncated: findings.length > limit,
      summary: summarize(findings),
      disabledRules: disabled,
      checkedAt: new Date().toISOString(),
    };
  }
}
