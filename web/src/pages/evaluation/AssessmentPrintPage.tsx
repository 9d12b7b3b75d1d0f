import { useNavigate, useParams } from 'react-router';
import { Button, Skeleton, Space, Table, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/auth';
import { ErrorResult } from '../../components/ErrorResult';
import { useAssessment, useFrameworkDefinition, type AssessmentIndicator } from '../../components/evaluation/api';
import { AssessmentOverview, AssessmentStats, ConsistencyNote } from '../../components/evaluation/AssessmentSummary';
import { formatDateTime, formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { LoginNeeded } from './LoginNeeded';
import '../../components/evaluation/evaluation.css';

/**
 * A print-friendly report of one assessment (with the charts). "Cetak / simpan
 * PDF" opens the browser's print dialog (window.print); the print stylesheet
 * hides the navigation and keeps rows whole. The server-built PDF and XLSX are
 * the "Unduh" buttons of the assessment page.
 */
export default function AssessmentPrintPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { user, loading } = useAuth();
  const navigate = useNavigate();
  const assessment = useAssessment(id, !!user);
  const a = assessment.data;
  const def = useFrameworkDefinition(a?.framework, a?.frameworkVersion);
  usePageTitle(a ? `${t('evaluation.assessment')} ${a.year} — ${t('evaluation.print.title')}` : t('evaluation.title'));

  if (loading) return <Skeleton active />;
  if (!user) return <LoginNeeded />;
  if (assessment.error) return <ErrorResult error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (!a) return <Skeleton active />;

  return (
    <div className="atlas-eval-print">
      <Space className="no-print" style={{ marginBottom: 16 }} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/evaluation/${a.id}`)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('evaluation.print.print')}
        </Button>
        <Typography.Text type="secondary">{t('evaluation.print.hint')}</Typography.Text>
      </Space>
      <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 0 }}>
        {t('evaluation.assessmentTitle', { year: a.year })}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {a.frameworkName} · v{a.frameworkVersion} · {user.instansi?.name}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('evaluation.print.generated', { at: formatDateTime(new Date(), i18n.language), user: user.displayName || user.username })}
      </Typography.Paragraph>
      <AssessmentStats assessment={a} />
      <ConsistencyNote assessment={a} />
      <div style={{ marginTop: 16 }}>
        <AssessmentOverview assessment={a} definition={def.data?.definition} chartHeight={360} />
      </div>
      <h2 className="atlas-eval-page-break" style={{ fontSize: 17, marginTop: 24 }}>
        {t('evaluation.tabs.indicators', { count: a.total })}
      </h2>
      <Table<AssessmentIndicator>
        size="small"
        rowKey="no"
        pagination={false}
        dataSource={a.indicators}
        columns={[
          { title: t('evaluation.no'), dataIndex: 'no', width: 44, align: 'right' },
          { title: t('evaluation.indicator'), dataIndex: 'name' },
          { title: t('evaluation.aspect'), dataIndex: 'aspectCode', width: 60 },
          { title: t('evaluation.weight'), dataIndex: 'weight', width: 64, align: 'right', render: (w: number) => `${formatNumber(w)}%` },
          { title: t('evaluation.indicators.self'), dataIndex: 'selfLevel', width: 70, render: (v: number | null) => v ?? '—' },
          { title: t('evaluation.indicators.verified'), dataIndex: 'verifiedLevel', width: 80, render: (v: number | null) => v ?? '—' },
          {
            title: t('evaluation.indicators.level'),
            dataIndex: 'level',
            width: 150,
            render: (v: number | null, i) => (v === null ? t('evaluation.level.none') : `${v}${i.levelName && i.levelName !== String(v) ? ` — ${i.levelName}` : ''}`),
          },
          {
            title: t('evaluation.print.notes'),
            key: 'notes',
            render: (_, i) => (
              <div style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {[i.note, i.verificationNote].filter(Boolean).join('\n') || '—'}
                {i.evidence.length ? (
                  <div>
                    {t('evaluation.evidence.title')}: {i.evidence.map((e) => e.name).join(', ')}
                  </div>
                ) : null}
              </div>
            ),
          },
        ]}
      />
      {a.provenance && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 16 }}>
          {t('evaluation.provenance')}: {a.provenance}
        </Typography.Paragraph>
      )}
    </div>
  );
}
