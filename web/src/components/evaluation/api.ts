/**
 * The evaluation API (Indeks SPBE / Indeks Pemerintah Digital) as the web app
 * uses it: shapes from src/server/routes/evaluation.ts and the queries over them.
 * Every number shown comes from the server: `rounded` / `indexRounded` are the
 * values as shown (half-up from the exact ratio); the UI never re-rounds.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { API_BASE, ApiError, api, get } from '../../api/client';
import type { AuditEvent, Problem, Session } from '../../api/types';

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'verified', 'final'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export interface Predicate {
  name: string;
  alias: string | null;
}

export interface FrameworkSummary {
  id: string;
  type: 'framework' | 'crosswalk';
  version: number;
  name: string;
  scope: 'national' | 'instansi';
  latest: boolean;
  regulation?: string | null;
  validFrom?: number | null;
  validTo?: number | null;
  domains?: number;
  aspects?: number;
  indicators?: number;
  from?: string;
  to?: string;
}

export interface LevelDef {
  level: number;
  name: string;
  description?: string;
}

export interface FrameworkDefinition {
  id: string;
  version: number;
  name: string;
  levelRange: { min: number; max: number };
  targetLevel?: number;
  levelScales: { id: string; name: string; levels: LevelDef[] }[];
  predicates: { name: string; alias?: string; min: number }[];
  domains?: { code: string; name: string; aspects: AspectDefinition[] }[];
  aspects?: AspectDefinition[];
}

export interface AspectDefinition {
  code: string;
  name: string;
  scale?: string;
  indicators: { no: number; name: string; weight: number; description?: string; scale?: string; criteria?: Record<string, string> }[];
}

export interface GroupValue {
  code: string;
  name: string;
  weight: number;
  /** Full precision. */
  value: number | null;
  /** As shown: half-up, two decimals. */
  rounded: number | null;
  assessed: number;
  total: number;
}

export interface Evidence {
  id: string;
  linkId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  elementId: string | null;
  createdAt: string;
  createdBy?: string | null;
  indicatorNo?: number;
  url: string;
}

export interface AssessmentIndicator {
  no: number;
  name: string;
  weight: number;
  domainCode: string | null;
  aspectCode: string;
  level: number | null;
  levelName: string | null;
  selfLevel: number | null;
  verifiedLevel: number | null;
  note: string | null;
  verificationNote: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  evidence: Evidence[];
}

export interface Mismatch {
  level: 'index' | 'domain' | 'aspect';
  code: string | null;
  published: number;
  computed: number | null;
}

export interface Assessment {
  id: string;
  framework: string;
  frameworkVersion: number;
  frameworkName: string;
  year: number;
  status: AssessmentStatus;
  index: number | null;
  indexRounded: number | null;
  predicate: Predicate | null;
  complete: boolean;
  assessed: number;
  total: number;
  domains: GroupValue[];
  aspects: (GroupValue & { domainCode: string | null })[];
  indicators: AssessmentIndicator[];
  published: { source: string; index: number | null; domains: Record<string, number>; aspects: Record<string, number>; predicate?: string | null } | null;
  consistency: Mismatch[] | null;
  provenance: string | null;
  /** What a PUT on an indicator writes for this user now; null: the user cannot edit. */
  editStage: 'self' | 'verification' | null;
  allowedTransitions: AssessmentStatus[];
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
}

export interface AssessmentSummary {
  id: string;
  framework: string;
  frameworkVersion: number;
  frameworkName: string;
  year: number;
  status: AssessmentStatus;
  index: number | null;
  indexRounded: number | null;
  predicate: Predicate | null;
  complete: boolean;
  assessed: number;
  total: number;
  updatedAt: string;
}

export interface Requirement {
  level: number;
  name: string;
  criteria: string | null;
}

export interface PlanInitiative {
  id: string;
  code: string | null;
  name: string;
  status: string | null;
  startYear: number | null;
  endYear: number | null;
}

export interface PlanRaise {
  no: number;
  name: string;
  domainCode: string | null;
  aspectCode: string;
  weight: number;
  from: number | null;
  to: number;
  steps: number;
  indexGain: number;
  asks: Requirement[];
  initiatives: PlanInitiative[];
}

export interface Plan {
  assessmentId: string;
  framework: string;
  year: number;
  targetIndex: number;
  maxRaisePerIndicator: number;
  feasible: boolean;
  alreadyReached: boolean;
  steps: number;
  currentIndex: number;
  currentRounded: number;
  currentPredicate: Predicate | null;
  resultIndex: number;
  resultRounded: number;
  resultPredicate: Predicate | null;
  maxReachableIndex: number;
  maxReachableRounded: number;
  unassessed: number[];
  raises: PlanRaise[];
  initiativeLink: { kind: string; attribute: string; format: string };
  method: string;
}

export interface CrosswalkEstimate {
  estimate: true;
  notice: string;
  assessmentId: string;
  year: number;
  from: { framework: string; version: number; name: string };
  to: { framework: string; version: number; name: string };
  crosswalk: { id: string; version: number; method: string };
  coverage: number;
  index: number | null;
  indexRounded: number | null;
  predicate: Predicate | null;
  aspects: GroupValue[];
  indicators: {
    no: number;
    name: string;
    weight: number;
    aspectCode: string;
    level: number | null;
    rounded: number | null;
    strength: 'strong' | 'partial' | 'weak' | 'none';
    note: string | null;
    sources: { no: number; name: string; level: number | null }[];
  }[];
}

const path = (id: string) => `/assessments/${encodeURIComponent(id)}`;

export const evaluationKeys = {
  list: ['assessments'] as const,
  one: (id: string | undefined) => ['assessment', id] as const,
  history: (id: string | undefined) => ['assessment-history', id] as const,
  crosswalk: (id: string | undefined) => ['assessment-crosswalk', id] as const,
};

export function useFrameworks(enabled = true) {
  return useQuery({
    queryKey: ['frameworks'],
    queryFn: ({ signal }) => get<{ items: FrameworkSummary[] }>('/frameworks', undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** A framework's definition at the version an assessment was made with (level names, criteria, target level). */
export function useFrameworkDefinition(id: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['framework', id, version],
    queryFn: ({ signal }) =>
      get<FrameworkSummary & { definition: FrameworkDefinition }>(`/frameworks/${encodeURIComponent(id!)}`, { version }, signal),
    enabled: !!id && !!version,
    staleTime: Infinity,
  });
}

export function useAssessments(enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.list,
    queryFn: ({ signal }) => get<{ items: AssessmentSummary[] }>('/assessments', undefined, signal),
    enabled,
  });
}

export function fetchAssessment(id: string, signal?: AbortSignal) {
  return get<Assessment>(path(id), undefined, signal);
}

export function useAssessment(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.one(id),
    queryFn: ({ signal }) => fetchAssessment(id!, signal),
    enabled: !!id && enabled,
  });
}

export function useAssessmentHistory(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.history(id),
    queryFn: ({ signal }) => get<{ items: AuditEvent[] }>(`${path(id!)}/history`, undefined, signal),
    enabled: !!id && enabled,
  });
}

export function useCrosswalk(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.crosswalk(id),
    queryFn: ({ signal }) => get<CrosswalkEstimate>(`${path(id!)}/crosswalk`, undefined, signal),
    enabled: !!id && enabled,
  });
}

export const createAssessment = (body: { framework: string; year: number }) =>
  api<Assessment>('/assessments', { method: 'POST', body });

export const setIndicator = (id: string, no: number, body: { level: number | null; note?: string | null }) =>
  api<Assessment>(`${path(id)}/indicators/${no}`, { method: 'PUT', body });

export const transition = (id: string, to: AssessmentStatus) =>
  api<Assessment>(`${path(id)}/transition`, { method: 'POST', body: { to } });

export const makePlan = (id: string, body: { targetIndex: number; maxRaisePerIndicator: number }) =>
  api<Plan>(`${path(id)}/plan`, { method: 'POST', body });

export const detachEvidence = (id: string, no: number, evidenceId: string) =>
  api<void>(`${path(id)}/indicators/${no}/evidence/${encodeURIComponent(evidenceId)}`, { method: 'DELETE' });

/** After a write that answers the whole assessment: put it in the cache and let lists and history refresh. */
export function storeAssessment(qc: QueryClient, a: Assessment): void {
  qc.setQueryData(evaluationKeys.one(a.id), a);
  void qc.invalidateQueries({ queryKey: evaluationKeys.list });
  void qc.invalidateQueries({ queryKey: evaluationKeys.history(a.id) });
  void qc.invalidateQueries({ queryKey: evaluationKeys.crosswalk(a.id) });
}

/**
 * Upload one evidence file (multipart field "file") with progress. The JSON
 * client cannot send multipart, so this uses XMLHttpRequest with the session's
 * CSRF token (from the cached /auth/me answer). Errors arrive as ApiError with
 * the problem+json body, like every other call.
 */
export function uploadEvidence(
  qc: QueryClient,
  id: string,
  no: number,
  file: File,
  onProgress?: (percent: number) => void,
): Promise<Evidence> {
  const csrf = qc.getQueryData<Session | null>(['me'])?.csrfToken ?? null;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path(id)}/indicators/${no}/evidence`);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as Evidence);
      else {
        const problem: Problem = body && typeof body === 'object' ? (body as Problem) : { title: xhr.statusText };
        reject(new ApiError(xhr.status, { status: xhr.status, ...problem }));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** File types the server accepts as evidence (it decides by content; this only guides the file picker). */
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods';

/** Level names and descriptions per indicator, from the framework definition. */
export interface IndicatorScale {
  levels: LevelDef[];
  criteria: Record<string, string>;
  description?: string;
}

export function indicatorScales(def: FrameworkDefinition | undefined): Map<number, IndicatorScale> {
  const out = new Map<number, IndicatorScale>();
  if (!def) return out;
  const scales = new Map(def.levelScales.map((s) => [s.id, s.levels]));
  const defaultScale = def.levelScales[0]?.id;
  const aspects = def.domains ? def.domains.flatMap((d) => d.aspects) : (def.aspects ?? []);
  for (const a of aspects) {
    for (const i of a.indicators) {
      const scaleId = i.scale ?? a.scale ?? defaultScale;
      out.set(i.no, { levels: scales.get(scaleId ?? '') ?? [], criteria: i.criteria ?? {}, description: i.description });
    }
  }
  return out;
}

/** What a level asks of an indicator: its own criterion, else the scale's description (as the server's planner reads it). */
export function levelText(scale: IndicatorScale | undefined, level: number): { name: string; text: string | undefined } {
  const l = scale?.levels.find((x) => x.level === level);
  return { name: l?.name ?? String(level), text: scale?.criteria[String(level)] ?? l?.description };
}
