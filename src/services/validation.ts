import type { z } from 'zod';
import type { FieldError } from './problem.js';

/** Name each Zod issue as a field and the rule it broke, e.g. {field: 'attributes.status', rule: 'enum'}. */
export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: [base, key].filter(Boolean).join('.'), rule: 'unknown-attribute', message: `Unknown attribute "${key}".` });
      }
      continue;
    }
    out.push({ field: base || '(body)', rule: ruleOf(issue), message: issue.message });
  }
  return out;
}

function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'type';
    case 'invalid_value':
      return 'enum';
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'required' : 'min';
    case 'too_big':
      return 'max';
    case 'invalid_format':
      return `format:${issue.format}`;
    default:
      return issue.code;
  }
}
