import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth';
import { usePageTitle } from '../../lib/usePageTitle';
import { TotpSetup } from './TotpSetup';

/**
 * The only screen of a session whose stage is 'totp-enrolment': the instansi
 * requires administrators to have a second factor, and the server refuses
 * everything else until it is set up (or the user logs out).
 */
export default function TotpEnrolmentPage() {
  const { t } = useTranslation();
  const { user, logout, stage } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  usePageTitle(t('account.enrol.title'));

  const onLogout = async () => {
    await logout();
    message.success(t('header.loggedOut'));
    navigate('/login', { replace: true });
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 24 }}>
      <Card style={{ width: 760, maxWidth: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
          {t('account.enrol.title')}
        </Typography.Title>
        {stage === 'totp-enrolment' ? (
          <>
            <Alert type="warning" showIcon title={t('login.enrolTotp')} description={t('account.enrol.why', { name: user?.displayName || user?.username })} style={{ marginBottom: 16 }} />
            <TotpSetup autoStart onEnabled={() => navigate('/', { replace: true })} />
          </>
        ) : (
          <Alert type="success" showIcon title={t('account.enrol.done')} action={<Button onClick={() => navigate('/')}>{t('errors.toHome')}</Button>} />
        )}
        <div style={{ marginTop: 24, borderTop: '1px solid #f0f0f0', paddingTop: 16 }}>
          <Button icon={<LogoutOutlined />} onClick={() => void onLogout()}>
            {t('header.logout')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
