import { useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { App, Badge, Button, Dropdown, Grid, Layout, Menu, Select, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AimOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  CloudServerOutlined,
  CustomerServiceOutlined,
  DatabaseOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  IdcardOutlined,
  LoginOutlined,
  LogoutOutlined,
  NodeIndexOutlined,
  PartitionOutlined,
  RadarChartOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SwapOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/auth';
import { useInstansi } from '../api/hooks';
import { DOMAIN_IDS } from '../api/types';
import { hasReviewScreen, usePendingReviewCount } from '../components/review/api';

const { Header, Sider, Content } = Layout;

const DOMAIN_ICONS: Record<string, React.ReactNode> = {
  strategy: <AimOutlined />,
  business: <ApartmentOutlined />,
  service: <CustomerServiceOutlined />,
  data: <DatabaseOutlined />,
  application: <AppstoreOutlined />,
  infrastructure: <CloudServerOutlined />,
  security: <SafetyOutlined />,
  planning: <NodeIndexOutlined />,
};

/** The menu key of the current page, so the navigation shows where the reader is. */
function selectedKey(pathname: string, state: unknown): string {
  const m = pathname.match(/^\/domain\/([^/]+)/);
  if (m) return `domain:${m[1]}`;
  const fromDomain = (state as { domain?: string } | null)?.domain;
  if (pathname.startsWith('/elements') && fromDomain) return `domain:${fromDomain}`;
  if (pathname.startsWith('/org-units')) return 'org-units';
  if (pathname.startsWith('/reference-models')) return 'reference-models';
  if (pathname.startsWith('/audit')) return 'audit';
  if (pathname.startsWith('/review')) return 'review';
  if (pathname.startsWith('/admin/users')) return 'admin-users';
  if (pathname.startsWith('/admin/settings')) return 'admin-settings';
  if (pathname.startsWith('/evaluation')) return 'evaluation';
  if (pathname.startsWith('/roadmap')) return 'roadmap';
  if (pathname.startsWith('/analysis')) return 'analysis';
  if (pathname.startsWith('/exchange')) return 'exchange';
  if (pathname === '/') return 'home';
  return '';
}

function pathOfKey(key: string): string | undefined {
  if (key === 'home') return '/';
  if (key.startsWith('domain:')) return `/domain/${key.slice(7)}`;
  if (key === 'org-units') return '/org-units';
  if (key === 'reference-models') return '/reference-models';
  if (key === 'audit') return '/audit';
  if (key === 'review') return '/review';
  if (key === 'admin-users') return '/admin/users';
  if (key === 'admin-settings') return '/admin/settings';
  if (key === 'evaluation') return '/evaluation';
  if (key === 'roadmap') return '/roadmap';
  if (key === 'analysis') return '/analysis';
  if (key === 'exchange') return '/exchange';
  return undefined;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, logout, seesAudit, stage } = useAuth();
  // A session that must first enrol a second factor sees that screen and nothing else.
  const enrolling = stage === 'totp-enrolment';
  const pendingReviews = usePendingReviewCount(enrolling ? undefined : user?.id, user?.role);
  const instansi = useInstansi();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState<boolean | undefined>(undefined);
  const isCollapsed = collapsed ?? !screens.lg;

  // A new page starts at its top (the browser does this for full loads, not for client-side navigation).
  // Block body on purpose: recent Chromium returns a Promise from scrollTo, which React would take for a cleanup.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  // Evaluasi, Analisis and Pertukaran will take their places in this order when the server offers them.
  const items: MenuProps['items'] = [
    { key: 'home', icon: <HomeOutlined />, label: <Link to="/">{t('nav.home')}</Link> },
    ...DOMAIN_IDS.flatMap((d) => [
      // Evaluasi (Indeks SPBE / Pemdi) sits after Keamanan, before Gap dan Peta Rencana.
      ...(d === 'planning'
        ? [{ key: 'evaluation', icon: <RadarChartOutlined />, label: <Link to="/evaluation">{t('evaluation.nav')}</Link> }]
        : []),
      {
        key: `domain:${d}`,
        icon: DOMAIN_ICONS[d],
        label: <Link to={`/domain/${d}`}>{t(`domain.${d}`)}</Link>,
      },
    ]),
    // The roadmap timeline belongs with Gap dan Peta Rencana (the last domain); Analisis follows.
    { key: 'roadmap', icon: <ScheduleOutlined />, label: <Link to="/roadmap">{t('roadmap.nav')}</Link> },
    { key: 'analysis', icon: <FundProjectionScreenOutlined />, label: <Link to="/analysis">{t('analysis.nav')}</Link> },
    { key: 'exchange', icon: <SwapOutlined />, label: <Link to="/exchange">{t('exchange.nav')}</Link> },
    { key: 'org-units', icon: <BankOutlined />, label: <Link to="/org-units">{t('nav.orgUnits')}</Link> },
    {
      key: 'reference-models',
      icon: <PartitionOutlined />,
      label: <Link to="/reference-models">{t('nav.referenceModels')}</Link>,
    },
    // Tinjauan is daily work of operators and the Tim Koordinasi SPBE (reviewers), who have no Administrasi:
    // its own entry just above Administrasi, with the number of requests awaiting the reader's decision.
    ...(hasReviewScreen(user?.role)
      ? [
          {
            key: 'review',
            icon: <CheckSquareOutlined />,
            label: (
              <Link to="/review" aria-label={pendingReviews ? `${t('review.title')}, ${t('review.pendingBadge', { count: pendingReviews })}` : undefined}>
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
                  {t('review.title')}
                  {pendingReviews > 0 && <Badge count={pendingReviews} overflowCount={99} color="#c41d1f" />}
                </span>
              </Link>
            ),
          },
        ]
      : []),
    // Administrasi holds what the reader may use there: users (admins; auditors read), settings (admins), the audit trail.
    ...(seesAudit
      ? [
          {
            key: 'admin',
            icon: <SettingOutlined />,
            label: t('nav.admin'),
            children: [
              { key: 'admin-users', icon: <TeamOutlined />, label: <Link to="/admin/users">{t('users.title')}</Link> },
              ...(user?.role === 'admin'
                ? [{ key: 'admin-settings', icon: <ControlOutlined />, label: <Link to="/admin/settings">{t('settings.title')}</Link> }]
                : []),
              { key: 'audit', icon: <AuditOutlined />, label: <Link to="/audit">{t('nav.audit')}</Link> },
            ],
          },
        ]
      : []),
  ];

  const key = selectedKey(location.pathname, location.state);
  const instansiName = user?.instansi?.name ?? instansi.data?.name ?? '';

  const onLogout = async () => {
    await logout();
    message.success(t('header.loggedOut'));
    navigate('/');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Sider
        collapsible
        collapsed={isCollapsed}
        onCollapse={(c) => setCollapsed(c)}
        width={240}
        breakpoint="lg"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="atlas-sider-title" aria-hidden="true">
          {isCollapsed ? 'AS' : t('app.name')}
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[key]}
            defaultOpenKeys={['audit', 'admin-users', 'admin-settings'].includes(key) ? ['admin'] : []}
            items={enrolling ? [] : items}
            onClick={({ key: k, domEvent }) => {
              // The labels are links; a click outside the link text (or on the icon when collapsed) still navigates.
              if ((domEvent.target as HTMLElement).closest('a')) return;
              const to = pathOfKey(k);
              if (to) navigate(to);
            }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="atlas-header">
          <div className="atlas-brand">
            <strong>
              <Link to="/" style={{ color: 'inherit' }}>
                {t('app.name')}
              </Link>
            </strong>
            <span title={instansiName}>{instansiName || t('app.tagline')}</span>
          </div>
          <div className="atlas-header-spacer" />
          <Space size="middle">
            <Select
              aria-label={t('header.language')}
              value={i18n.language === 'en' ? 'en' : 'id'}
              onChange={(lang) => void i18n.changeLanguage(lang)}
              options={[
                { value: 'id', label: 'Bahasa Indonesia' },
                { value: 'en', label: 'English' },
              ]}
              style={{ width: 160 }}
            />
            {user ? (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    {
                      key: 'role',
                      disabled: true,
                      label: `${user.username} · ${t(`role.${user.role}`)}`,
                    },
                    { type: 'divider' },
                    ...(enrolling ? [] : [{ key: 'account', icon: <IdcardOutlined />, label: t('account.title'), onClick: () => navigate('/account') }]),
                    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: onLogout },
                  ],
                }}
              >
                <Button icon={<UserOutlined />} aria-label={`${t('header.userMenu')}: ${user.displayName || user.username}`}>
                  <Typography.Text ellipsis style={{ maxWidth: 180 }}>
                    {user.displayName || user.username}
                  </Typography.Text>
                </Button>
              </Dropdown>
            ) : location.pathname === '/login' ? null : (
              <Button
                type="primary"
                icon={<LoginOutlined />}
                onClick={() => navigate('/login', { state: { from: location.pathname + location.search } })}
              >
                {t('header.login')}
              </Button>
            )}
          </Space>
        </Header>
        <Content id="main" className="atlas-content" tabIndex={-1}>
          {enrolling && location.pathname !== '/account/totp-enrolment' ? <Navigate to="/account/totp-enrolment" replace /> : <Outlet />}
        </Content>
      </Layout>
    </Layout>
  );
}
