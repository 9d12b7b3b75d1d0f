import { useQuery } from '@tanstack/react-query';
import { get, type Query } from './client';
import type {
  Element,
  Instansi,
  Kind,
  KindsResponse,
  OrgUnit,
  Page,
  ReferenceModel,
  Relation,
} from './types';

const STATIC = { staleTime: 5 * 60_000 };

export function useKinds() {
  return useQuery({
    queryKey: ['kinds'],
    queryFn: ({ signal }) => get<KindsResponse>('/kinds', undefined, signal),
    ...STATIC,
  });
}

/** Lookup helpers over the kinds declaration. */
export function useKindIndex() {
  const q = useKinds();
  const kinds = q.data?.items ?? [];
  const byId = new Map<string, Kind>(kinds.map((k) => [k.id, k]));
  const relationTypes = new Map((q.data?.relationTypes ?? []).map((r) => [r.id, r.label]));
  return { ...q, kinds, byId, relationTypes };
}

export function useOrgUnits() {
  return useQuery({
    queryKey: ['org-units'],
    queryFn: ({ signal }) => get<Page<OrgUnit>>('/org-units', undefined, signal),
    ...STATIC,
  });
}

export function useOrgUnitIndex() {
  const q = useOrgUnits();
  const items = q.data?.items ?? [];
  return { ...q, items, byId: new Map(items.map((o) => [o.id, o])) };
}

export function useOrgUnit(id: string | undefined) {
  return useQuery({
    queryKey: ['org-unit', id],
    queryFn: ({ signal }) => get<OrgUnit>(`/org-units/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
    ...STATIC,
  });
}

export function useInstansi() {
  return useQuery({
    queryKey: ['instansi'],
    queryFn: ({ signal }) => get<Instansi>('/instansi/current', undefined, signal),
    ...STATIC,
  });
}

export function useElement(id: string | undefined) {
  return useQuery({
    queryKey: ['element', id],
    queryFn: ({ signal }) => get<Element>(`/elements/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

export function useElements(query: Query, enabled = true) {
  return useQuery({
    queryKey: ['elements', query],
    queryFn: ({ signal }) => get<Page<Element>>('/elements', query, signal),
    enabled,
    placeholderData: (prev) => prev,
  });
}

export function useRelations(id: string | undefined) {
  return useQuery({
    queryKey: ['relations', id],
    queryFn: ({ signal }) =>
      get<{ outgoing: Relation[]; incoming: Relation[] }>(
        `/elements/${encodeURIComponent(id!)}/relations`,
        undefined,
        signal,
      ),
    enabled: !!id,
  });
}

export function useReferenceModels() {
  return useQuery({
    queryKey: ['reference-models'],
    queryFn: ({ signal }) => get<{ items: { model: string; name: string }[] }>('/reference-models', undefined, signal),
    ...STATIC,
  });
}

export function useReferenceModel(model: string | undefined) {
  return useQuery({
    queryKey: ['reference-model', model],
    queryFn: ({ signal }) => get<ReferenceModel>(`/reference-models/${encodeURIComponent(model!)}`, undefined, signal),
    enabled: !!model,
    ...STATIC,
  });
}

/** Fetch every page of a list (for exports and grouped views), up to `max` items. */
export async function fetchAll<T>(
  path: string,
  query: Query,
  options: { pageSize?: number; max?: number; onProgress?: (n: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<{ items: T[]; total: number; truncated: boolean }> {
  const pageSize = options.pageSize ?? 100;
  const max = options.max ?? 10_000;
  const items: T[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const page: Page<T> = await get<Page<T>>(path, { ...query, limit: pageSize, cursor }, options.signal);
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
    options.onProgress?.(items.length, total);
  } while (cursor && items.length < max);
  return { items, total, truncated: !!cursor };
}
