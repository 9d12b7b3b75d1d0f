import { Button, Result } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** Every evaluation answer needs a signed-in user of the instansi (the API answers 401 otherwise). */
export function LoginNeeded() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <Result
      status="403"
      title={t('evaluation.title')}
      subTitle={t('evaluation.loginNeeded')}
      extra={
        <Button type="primary" icon={<LoginOutlined />} onClick={() => navigate('/login', { state: { from: location.pathname + location.search } })}>
          {t('header.login')}
        </Button>
      }
    />
  );
}
