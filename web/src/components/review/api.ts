/**
 * The review workflow (change requests), account security and instansi settings
 * as the web app uses them: shapes from src/server/routes/{change-requests,auth,
 * users,settings}.ts and the queries over them.
 */
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { Role } from '../../api/types';

export const CHANGE_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'applied'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export type ChangeAction = 'create' | 'update' | 'delete';

export interface ChangeRequestRecord {
  id: string;
  action: ChangeAction;
  elementId: string | null;
  baseVersion: number | null;
  orgUnitId: string | null;
  payload: Record<string, unknown>;
  summary: string;
  status: ChangeStatus;
  createdBy: string;
  createdByUsername: string | null;
  createdAt: string;
  updatedAt: string;
  reviewedBy: string | null;
  reviewedByUsername: string | null;
  reviewNote: string | null;
  appliedElementId: string | null;
}

export interface FieldChange {
  /** "name", "orgUnitId", "attributes.status", … */
  field: string;
  before: unknown;
  after: unknown;
}

export interface ChangeRequestDetail extends ChangeRequestRecord {
  diff: FieldChange[];
}

export interface Settings {
  requireAdminTotp: boolean;
  reviewRequired: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: ('read' | 'write')[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface ManagedUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitIds: string[];
  totpEnabled: boolean;
  createdAt: string;
  disabledAt: string | null;
}

/** May decide on change requests (the server's canReview). */
export const isReviewer = (role: Role | undefined) => role === 'admin' || role === 'reviewer';
/** Sees every change request, not only their own. */
export const seesAllRequests = (role: Role | undefined) => role === 'admin' || role === 'reviewer' || role === 'auditor';
/** Has a change-request list at all: proposers (operators, admins) and those who read them all. */
export const hasReviewScreen = (role: Role | undefined) => !!role && role !== 'viewer';

export function useChangeRequests(status: ChangeStatus | undefined, enabled = true) {
  return useQuery({
    queryKey: ['change-requests', status ?? 'all'],
    queryFn: ({ signal }) => get<{ items: ChangeRequestRecord[]; total: number }>('/change-requests', { status }, signal),
    enabled,
    placeholderData: (prev) => prev,
  });
}

export function useChangeRequest(id: string | undefined) {
  return useQuery({
    queryKey: ['change-request', id],
    queryFn: ({ signal }) => get<ChangeRequestDetail>(`/change-requests/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });
}

/** Submitted requests the reader could decide on (not their own), for the navigation badge. */
export function usePendingReviewCount(userId: string | undefined, role: Role | undefined): number {
  const q = useQuery({
    queryKey: ['change-requests', 'submitted'],
    queryFn: ({ signal }) => get<{ items: ChangeRequestRecord[]; total: number }>('/change-requests', { status: 'submitted' }, signal),
    enabled: !!userId && isReviewer(role),
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
  return (q.data?.items ?? []).filter((c) => c.createdBy !== userId).length;
}

export function useSettings(enabled = true) {
  return useQuery({
    queryKey: ['settings'],
    queryFn: ({ signal }) => get<Settings>('/settings', undefined, signal),
    enabled,
  });
}

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => get<{ items: ManagedUser[] }>('/users', undefined, signal),
    enabled,
  });
}

export function useTokens(enabled = true) {
  return useQuery({
    queryKey: ['api-tokens'],
    queryFn: ({ signal }) => get<{ items: ApiToken[] }>('/auth/tokens', undefined, signal),
    enabled,
  });
}

/** Groups a base32 secret in fours ("ABCD EFGH …") so it can be read and typed. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The server's summary is `<action> <kind> "<name>"`; this reads it back for display. */
export function parseSummary(summary: string): { kind: string; name: string } {
  const m = summary.match(/^(?:create|update|delete) (\S*) "(.*)"$/s);
  return m ? { kind: m[1] ?? '', name: m[2] ?? '' } : { kind: '', name: summary };
}

/**
 * Writes applied from a change request are audited as "update (change request <id>)".
 * Splits such an action into its plain action and the request id.
 */
export function splitAuditAction(action: string): { action: string; changeRequestId: string | null } {
  const m = action.match(/^(\w+) \(change request ([\w-]+)\)$/);
  return m ? { action: m[1]!, changeRequestId: m[2]! } : { action, changeRequestId: null };
}
