import { Link } from 'react-router';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';

export default function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFound'));
  return (
    <Result
      status="404"
      title={t('errors.notFound')}
      subTitle={t('errors.notFoundBody')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.toHome')}</Button>
        </Link>
      }
    />
  );
}
