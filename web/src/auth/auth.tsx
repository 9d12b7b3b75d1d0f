import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api/client';
import type { Element, Session, User } from '../api/types';

interface AuthState {
  user: User | null;
  loading: boolean;
  login(username: string, password: string, totp?: string): Promise<User>;
  logout(): Promise<void>;
  /** Logged in with a role that may write (an admin, or an operator of at least one OPD). */
  canWrite: boolean;
  /** Whether the user may change this element (admins: all; operators: their OPDs'); the server has the final word. */
  canEdit(element: Pick<Element, 'orgUnitId'> | undefined): boolean;
  /** OPDs the user may own new elements with; null means any. */
  writableOrgUnitIds: string[] | null;
  /** May read the whole audit trail (admin, auditor). */
  seesAudit: boolean;
  /** 'totp-enrolment' when the server wants a second factor set up first. */
  stage: string | undefined;
}

const AuthContext = createContext<AuthState | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const s = await api<Session>('/auth/me');
    setCsrfToken(s.csrfToken ?? null);
    return s;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: fetchSession, staleTime: 60_000, retry: false });
  const user = me.data?.user ?? null;

  // A 403 saying a second factor must be set up first means the session's stage changed: read it again
  // (the layout then shows the enrolment screen and nothing else).
  useEffect(
    () =>
      qc.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'error') return;
        const err = event.action.error;
        if (err instanceof ApiError && err.status === 403 && (err.problem as { totpEnrolmentRequired?: boolean }).totpEnrolmentRequired) {
          void qc.invalidateQueries({ queryKey: ['me'] });
        }
      }),
    [qc],
  );

  const login = useCallback(
    async (username: string, password: string, totp?: string) => {
      const s = await api<Session>('/auth/login', { method: 'POST', body: { username, password, ...(totp ? { totp } : {}) } });
      setCsrfToken(s.csrfToken ?? null);
      qc.setQueryData(['me'], s);
      // What an anonymous reader saw (terbuka only) is no longer the whole picture.
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      return s.user;
    },
    [qc],
  );

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      qc.setQueryData(['me'], null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    }
  }, [qc]);

  const value = useMemo<AuthState>(() => {
    const isAdmin = user?.role === 'admin';
    const isOperator = user?.role === 'operator' && user.orgUnitIds.length > 0;
    return {
      user,
      loading: me.isLoading,
      login,
      logout,
      canWrite: isAdmin || isOperator,
      canEdit: (el) => isAdmin || (isOperator && !!el?.orgUnitId && user!.orgUnitIds.includes(el.orgUnitId)),
      writableOrgUnitIds: isAdmin ? null : isOperator ? user!.orgUnitIds : [],
      seesAudit: user?.role === 'admin' || user?.role === 'auditor',
      stage: me.data?.stage,
    };
  }, [user, me.isLoading, me.data?.stage, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
