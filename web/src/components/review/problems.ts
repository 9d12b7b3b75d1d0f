import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../ErrorResult';

/**
 * The server explains refusals in English problem+json details; the ones these
 * screens meet are said again in the UI language. Unknown details are shown as
 * sent, after a general sentence in the UI language.
 */
const KNOWN: { pattern: RegExp; key: string; params?: (m: RegExpMatchArray) => Record<string, string> }[] = [
  { pattern: /^Nobody reviews their own change request/, key: 'problems.ownRequest' },
  { pattern: /^Only the author submits a draft/, key: 'problems.notAuthor' },
  { pattern: /^Only a reviewer of the Tim Koordinasi SPBE/, key: 'problems.notReviewer' },
  { pattern: /^Only operators and administrators propose/, key: 'problems.notProposer' },
  { pattern: /^Only an approved request can be applied; this one is (\w+)/, key: 'problems.notApproved', params: (m) => ({ status: m[1]! }) },
  { pattern: /^The request is (\w+), not (\w+)/, key: 'problems.wrongStatus', params: (m) => ({ status: m[1]!, expected: m[2]! }) },
  { pattern: /^The request was changed by someone else/, key: 'problems.requestChanged' },
  { pattern: /^The author of this request no longer exists/, key: 'problems.authorGone' },
  { pattern: /^The element was changed by someone else; its current version is (\d+)/, key: 'problems.elementChanged', params: (m) => ({ version: m[1]! }) },
  { pattern: /^Change request was not found/, key: 'problems.requestNotFound' },
  { pattern: /^Element .* was not found|^Element was not found/, key: 'problems.elementGone' },
  { pattern: /^This instansi requires a second factor for administrators/, key: 'problems.adminTotpRequired' },
  { pattern: /^This instansi requires administrators to set up two-factor/, key: 'problems.adminTotpRequired' },
  { pattern: /^Two-factor authentication is already on/, key: 'problems.totpAlreadyOn' },
  { pattern: /^Start enrolment first/, key: 'problems.totpStartFirst' },
  { pattern: /^The code is wrong or expired/, key: 'problems.totpWrong' },
  { pattern: /^Administrators cannot disable or demote themselves/, key: 'problems.selfDemote' },
  { pattern: /^User (\S+) exists already/, key: 'problems.usernameTaken', params: (m) => ({ username: m[1]! }) },
  { pattern: /^Only administrators manage users/, key: 'problems.adminOnly' },
  { pattern: /^A read-only token cannot create tokens/, key: 'problems.readOnlyToken' },
  { pattern: /^A password has at least (\d+) characters/, key: 'problems.passwordMin', params: (m) => ({ n: m[1]! }) },
  { pattern: /^A password has at most (\d+) characters/, key: 'problems.passwordMax', params: (m) => ({ n: m[1]! }) },
  { pattern: /^This password is on the list of commonly used passwords/, key: 'problems.passwordCommon' },
  { pattern: /^A password must not contain the username/, key: 'problems.passwordUsername' },
  { pattern: /^A password must not be one character repeated/, key: 'problems.passwordRepetitive' },
  { pattern: /^username: 3–64 letters/, key: 'problems.usernameFormat' },
  { pattern: /^No OPD with code (\S+)/, key: 'problems.noOrgCode', params: (m) => ({ code: m[1]!.replace(/\.$/, '') }) },
  { pattern: /^An operator manages at least one OPD/, key: 'problems.operatorNeedsOrg' },
];

/** One server sentence in the UI language (as sent when it is not one we know). */
export function localiseDetail(detail: string | undefined, t: TFunction): string | undefined {
  if (!detail) return undefined;
  for (const k of KNOWN) {
    const m = detail.match(k.pattern);
    if (!m) continue;
    const params = k.params?.(m) ?? {};
    // Statuses read as words of the UI ("diajukan"), not as codes.
    for (const p of ['status', 'expected']) if (params[p]) params[p] = t(`review.status.${params[p]}`, { defaultValue: params[p] });
    return t(`review.${k.key}`, params);
  }
  return undefined;
}

/** What to tell the user about a failed request on these screens. */
export function problemText(err: unknown, t: TFunction): string {
  if (!(err instanceof ApiError)) return errorMessage(err, t);
  const { status, problem } = err;
  if (status === 0 || status >= 500 || status === 401) return errorMessage(err, t);
  const known = localiseDetail(problem.detail, t) ?? localiseDetail(problem.errors?.[0]?.message, t);
  if (known) return known;
  if (status === 403) return problem.detail && problem.detail !== 'You may not do this.' ? `${t('errors.forbidden')}: ${problem.detail}` : t('errors.forbidden');
  if (status === 404) return t('review.problems.notFound');
  if (problem.errors?.length) return problem.errors.map((e) => e.message).join(' ');
  return problem.detail || problem.title || t('errors.generic');
}
