import type { Label } from '../kind.js';
import type { IndexedGraph } from '../graph/model.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing a rule found: what is wrong, in both languages, and which elements it is about. */
export interface LintFinding {
  rule: string;
  severity: Severity;
  /** Indonesian, shown in the UI. */
  message: string;
  messageEn: string;
  /** The elements concerned, most relevant first. */
  elementIds: string[];
}

export type RuleFinding = Omit<LintFinding, 'rule' | 'severity'>;

/**
 * A consistency rule (Archi's hammer validator is the model): small, pure,
 * switchable per instansi, and every finding explained.
 */
export interface LintRule {
  /** kebab-case, stable: stored in the per-instansi switches. */
  id: string;
  severity: Severity;
  title: Label;
  /** Why the rule exists and how to fix what it finds. */
  explain: Label;
  check(graph: IndexedGraph): RuleFinding[];
}

export function defineRule(rule: LintRule): LintRule {
  return rule;
}

/** True for elements the checks still care about: retired elements are history. */
export function isLive(e: { lifecycle: string }): boolean {
  return e.lifecycle !== 'retired';
}
