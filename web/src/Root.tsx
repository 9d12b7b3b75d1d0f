import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import idID from 'antd/locale/id_ID';
import enUS from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { AuthProvider } from './auth/auth';
import { AppLayout } from './layout/AppLayout';
import { validateMessagesEn, validateMessagesId } from './lib/validateMessages';
import { cspNonce } from './lib/cspNonce';

const HomePage = lazy(() => import('./pages/HomePage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const CatalogPage = lazy(() => import('./pages/CatalogPage'));
const ElementPage = lazy(() => import('./pages/ElementPage'));
const ElementFormPage = lazy(() => import('./pages/ElementFormPage'));
const OrgUnitsPage = lazy(() => import('./pages/OrgUnitsPage'));
const OrgUnitPage = lazy(() => import('./pages/OrgUnitPage'));
const ReferenceModelsPage = lazy(() => import('./pages/ReferenceModelsPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const EvaluationListPage = lazy(() => import('./pages/evaluation/EvaluationListPage'));
const EvaluationComparePage = lazy(() => import('./pages/evaluation/ComparePage'));
const AssessmentPage = lazy(() => import('./pages/evaluation/AssessmentPage'));
const AssessmentPrintPage = lazy(() => import('./pages/evaluation/AssessmentPrintPage'));
const RoadmapPage = lazy(() => import('./pages/roadmap/RoadmapPage'));
const AnalysisPage = lazy(() => import('./pages/analysis/AnalysisPage'));
const ExchangePage = lazy(() => import('./pages/exchange/ExchangePage'));
const ReviewListPage = lazy(() => import('./pages/review/ReviewListPage'));
const ReviewPage = lazy(() => import('./pages/review/ReviewPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));
const TotpEnrolmentPage = lazy(() => import('./pages/account/TotpEnrolmentPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const SettingsPage = lazy(() => import('./pages/admin/SettingsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (404, 403, 401) will not get better by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Accessible colours: AntD's default blue and grey text fall below WCAG AA contrast on white. */
const theme = {
  token: {
    colorPrimary: '#0b57c6',
    colorLink: '#0b57c6',
    colorError: '#c41d1f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.5)',
    borderRadius: 6,
  },
};

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

export function Root() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <ConfigProvider
      locale={en ? enUS : idID}
      theme={theme}
      csp={cspNonce ? { nonce: cspNonce } : undefined}
      form={{ validateMessages: en ? validateMessagesEn : validateMessagesId }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <Routes>
                <Route element={<AppLayout />}>
                  <Route index element={<Suspense fallback={<Loading />}><HomePage /></Suspense>} />
                  <Route path="login" element={<Suspense fallback={<Loading />}><LoginPage /></Suspense>} />
                  <Route path="domain/:domain" element={<Suspense fallback={<Loading />}><CatalogPage /></Suspense>} />
                  <Route path="elements/new" element={<Suspense fallback={<Loading />}><ElementFormPage /></Suspense>} />
                  <Route path="elements/:id/edit" element={<Suspense fallback={<Loading />}><ElementFormPage /></Suspense>} />
                  <Route path="elements/:id" element={<Suspense fallback={<Loading />}><ElementPage /></Suspense>} />
                  <Route path="org-units" element={<Suspense fallback={<Loading />}><OrgUnitsPage /></Suspense>} />
                  <Route path="org-units/:id" element={<Suspense fallback={<Loading />}><OrgUnitPage /></Suspense>} />
                  <Route path="reference-models" element={<Suspense fallback={<Loading />}><ReferenceModelsPage /></Suspense>} />
                  <Route path="reference-models/:model" element={<Suspense fallback={<Loading />}><ReferenceModelsPage /></Suspense>} />
                  <Route path="audit" element={<Suspense fallback={<Loading />}><AuditPage /></Suspense>} />
                  <Route path="evaluation" element={<Suspense fallback={<Loading />}><EvaluationListPage /></Suspense>} />
                  <Route path="evaluation/compare" element={<Suspense fallback={<Loading />}><EvaluationComparePage /></Suspense>} />
                  <Route path="evaluation/:id" element={<Suspense fallback={<Loading />}><AssessmentPage /></Suspense>} />
                  <Route path="evaluation/:id/print" element={<Suspense fallback={<Loading />}><AssessmentPrintPage /></Suspense>} />
                  <Route path="roadmap" element={<Suspense fallback={<Loading />}><RoadmapPage /></Suspense>} />
                  <Route path="analysis" element={<Suspense fallback={<Loading />}><AnalysisPage /></Suspense>} />
                  <Route path="exchange" element={<Suspense fallback={<Loading />}><ExchangePage /></Suspense>} />
                  <Route path="review" element={<Suspense fallback={<Loading />}><ReviewListPage /></Suspense>} />
                  <Route path="review/:id" element={<Suspense fallback={<Loading />}><ReviewPage /></Suspense>} />
                  <Route path="account" element={<Suspense fallback={<Loading />}><AccountPage /></Suspense>} />
                  <Route path="account/totp-enrolment" element={<Suspense fallback={<Loading />}><TotpEnrolmentPage /></Suspense>} />
                  <Route path="admin/users" element={<Suspense fallback={<Loading />}><UsersPage /></Suspense>} />
                  <Route path="admin/settings" element={<Suspense fallback={<Loading />}><SettingsPage /></Suspense>} />
                  <Route path="*" element={<Suspense fallback={<Loading />}><NotFoundPage /></Suspense>} />
                </Route>
              </Routes>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
