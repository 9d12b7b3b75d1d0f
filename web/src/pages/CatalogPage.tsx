import { useNavigate, useParams } from 'react-router';
import { Button, Dropdown, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useKindIndex } from '../api/hooks';
import { DOMAIN_IDS } from '../api/types';
import { useAuth } from '../auth/auth';
import { ElementTable } from '../components/ElementTable';
import { useLabel } from '../lib/label';
import { usePageTitle } from '../lib/usePageTitle';
import NotFoundPage from './NotFoundPage';

export default function CatalogPage() {
  const { domain = '' } = useParams();
  const { t } = useTranslation();
  const label = useLabel();
  const navigate = useNavigate();
  const { canWrite } = useAuth();
  const { kinds, data } = useKindIndex();
  const known = (DOMAIN_IDS as readonly string[]).includes(domain);
  const declared = data?.domains.find((d) => d.id === domain);
  const title = declared ? label(declared.label) : known ? t(`domain.${domain}`) : '';
  usePageTitle(title);
  if (!known && !declared) return <NotFoundPage />;

  const domainKinds = kinds.filter((k) => k.domain === domain);

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalog.intro', { domain: title })}</Typography.Paragraph>
      <ElementTable
        key={domain}
        base={{ domain }}
        kinds={domainKinds}
        syncUrl
        exportName={`atlas-${domain}`}
        linkState={{ domain }}
        caption={title}
        extra={(filters) => {
          if (!canWrite || domainKinds.length === 0) return null;
          const chosen = filters.kind ? domainKinds.find((k) => k.id === filters.kind) : domainKinds.length === 1 ? domainKinds[0] : undefined;
          if (chosen) {
            return (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/elements/new?kind=${chosen.id}`, { state: { domain } })}>
                {t('common.add')}
              </Button>
            );
          }
          return (
            <Dropdown
              trigger={['click']}
              menu={{
                items: domainKinds.map((k) => ({ key: k.id, label: label(k.label) })),
                onClick: ({ key }) => navigate(`/elements/new?kind=${key}`, { state: { domain } }),
              }}
            >
              <Button type="primary" icon={<PlusOutlined />}>
                {t('common.add')}
              </Button>
            </Dropdown>
          );
        }}
      />
    </div>
  );
}
