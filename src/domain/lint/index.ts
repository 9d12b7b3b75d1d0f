import { indexGraph, type ArchitectureGraph } from '../graph/model.js';
import { attributeSchemaRule } from './attribute-schema.js';
import { codeHierarchy } from './code-hierarchy.js';
import { codePattern } from './code-pattern.js';
import { duplicateApplication } from './duplicate-application.js';
import { duplicateCode } from './duplicate-code.js';
import { localDuplicatesGeneral } from './local-duplicates-general.js';
import { missingOwner } from './missing-owner.js';
import { orgNameVariant } from './org-name-variant.js';
import { relationNotAllowed } from './relation-not-allowed.js';
import { requiredRelation } from './required-relation.js';
import { tobeWithoutInitiative } from './tobe-without-initiative.js';
import { SEVERITIES, type LintFinding, type LintRule, type Severity } from './rule.js';

export type { LintFinding, LintRule, Severity } from './rule.js';
export { SEVERITIES } from './rule.js';

/** Every consistency rule, in the order findings are listed. */
export const LINT_RULES: readonly LintRule[] = [
  duplicateCode,
  codePattern,
  codeHierarchy,
  attributeSchemaRule,
  relationNotAllowed,
  requiredRelation,
  missingOwner,
  duplicateApplication,
  localDuplicatesGeneral,
  orgNameVariant,
  tobeWithoutInitiative,
];

const byId = new Map(LINT_RULES.map((r) => [r.id, r]));

export function findRule(id: string): LintRule | undefined {
  return byId.get(id);
}

export interface LintOptions {
  /** Rule ids switched off for this instansi. */
  disabled?: Iterable<string>;
  /** Run only these rules (after `disabled`). */
  only?: Iterable<string>;
}

export interface LintResult {
  findings: LintFinding[];
  summary: Record<Severity, number>;
}

/** Runs the enabled rules over a graph: findings ordered by severity, then rule order, then first element. */
export function runLint(graph: ArchitectureGraph, options: LintOptions = {}): LintResult {
  const disabled = new Set(options.disabled ?? []);
  const only = options.only ? new Set(options.only) : null;
  const indexed = indexGraph(graph);
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) {
    if (disabled.has(rule.id) || (only && !only.has(rule.id))) continue;
    for (const f of rule.check(indexed)) findings.push({ rule: rule.id, severity: rule.severity, ...f });
  }
  const order = new Map(LINT_RULES.map((r, i) => [r.id, i]));
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  findings.sort((a, b) => rank(a.severity) - rank(b.severity) || order.get(a.rule)! - order.get(b.rule)!);
  return { findings, summary: summarize(findings) };
}

export function summarize(findings: readonly Pick<LintFinding, 'severity'>[]): Record<Severity, number> {
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) summary[f.severity]++;
  return summary;
}
