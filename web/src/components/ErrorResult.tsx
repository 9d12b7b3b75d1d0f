import { Alert, Button, Result } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

export function errorMessage(err: unknown, t: (k: string) => string): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('errors.network');
    if (err.status === 401) return t('errors.unauthorized');
    if (err.status === 403) return t('errors.forbidden');
    if (err.status >= 500) return t('errors.server');
    return err.problem.detail || err.problem.title || t('errors.generic');
  }
  return err instanceof Error ? err.message : t('errors.generic');
}

/** A full-page error for a query that failed (404 gets its own face). */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404) {
    return (
      <Result
        status="404"
        title={t('errors.notFound')}
        subTitle={errorMessage(error, t)}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.toHome')}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={errorMessage(error, t)}
      action={onRetry ? <Button onClick={onRetry}>{t('errors.tryAgain')}</Button> : undefined}
    />
  );
}
