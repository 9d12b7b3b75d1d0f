import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Breadcrumb, Button, Modal, Skeleton, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorResult, errorMessage } from '../../components/ErrorResult';
import {
  indicatorScales,
  storeAssessment,
  transition,
  useAssessment,
  useFrameworkDefinition,
  useFrameworks,
  type Assessment,
  type AssessmentStatus,
} from '../../components/evaluation/api';
import { AssessmentOverview, AssessmentStats, ConsistencyNote } from '../../components/evaluation/AssessmentSummary';
import { CrosswalkPanel } from '../../components/evaluation/CrosswalkPanel';
import { downloadAssessmentCsv } from '../../components/evaluation/exportCsv';
import { HistoryPanel } from '../../components/evaluation/HistoryPanel';
import { IndicatorTable } from '../../components/evaluation/IndicatorTable';
import { PlannerPanel } from '../../components/evaluation/PlannerPanel';
import { usePageTitle } from '../../lib/usePageTitle';
import { LoginNeeded } from './LoginNeeded';
import '../../components/evaluation/evaluation.css';

const TABS = ['summary', 'indicators', 'planner', 'crosswalk', 'history'] as const;

function TransitionButtons({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [pending, setPending] = useState<AssessmentStatus | null>(null);
  const [missing, setMissing] = useState<string[] | null>(null);

  const go = async (to: AssessmentStatus) => {
    setPending(to);
    try {
      const next = await transition(assessment.id, to);
      storeAssessment(qc, next);
      message.success(t('evaluation.transitions.done', { status: t(`evaluation.status.${to}`) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        // "indicators.12.level" → "12. Peta Rencana SPBE"; other errors as the server words them.
        setMissing(
          err.problem.errors.map((e) => {
            const no = Number(/^indicators\.(\d+)\./.exec(e.field)?.[1]);
            const ind = assessment.indicators.find((i) => i.no === no);
            return ind ? `${ind.no}. ${ind.name}` : e.message;
          }),
        );
      } else {
        message.error(errorMessage(err, t));
        void qc.invalidateQueries({ queryKey: ['assessment', assessment.id] });
      }
    } finally {
      setPending(null);
    }
  };

  const ask = (to: AssessmentStatus) => {
    const key = `${assessment.status}_${to}`;
    modal.confirm({
      title: t(`evaluation.transitions.${key}`),
      content: t(`evaluation.transitions.${key}_body`),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => go(to),
    });
  };

  if (!assessment.allowedTransitions.length) return null;
  return (
    <>
      <Space wrap>
        {assessment.allowedTransitions.map((to) => {
          const back = assessment.status === 'submitted' && to === 'draft';
          return (
            <Button key={to} type={back ? 'default' : 'primary'} danger={back} loading={pending === to} onClick={() => ask(to)}>
              {t(`evaluation.transitions.${assessment.status}_${to}`)}
            </Button>
          );
        })}
      </Space>
      <Modal
        open={missing !== null}
        title={t('evaluation.transitions.missingTitle', { count: missing?.length ?? 0 })}
        onCancel={() => setMissing(null)}
        footer={<Button onClick={() => setMissing(null)}>{t('common.close')}</Button>}
      >
        <Typography.Paragraph>{t('evaluation.transitions.missingBody')}</Typography.Paragraph>
        <ul style={{ maxHeight: 320, overflow: 'auto', paddingLeft: 18 }}>
          {(missing ?? []).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </Modal>
    </>
  );
}

export default function AssessmentPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { user, loading } = useAuth();
  const assessment = useAssessment(id, !!user);
  const a = assessment.data;
  const def = useFrameworkDefinition(a?.framework, a?.frameworkVersion);
  const frameworks = useFrameworks(!!user);
  const scales = useMemo(() => indicatorScales(def.data?.definition), [def.data]);
  usePageTitle(a ? `${t('evaluation.assessment')} ${a.year}` : t('evaluation.title'));

  if (loading) return <Skeleton active />;
  if (!user) return <LoginNeeded />;
  if (assessment.error) return <ErrorResult error={assessment.error} onRetry={() => void assessment.refetch()} />;
  if (!a) return <Skeleton active />;

  const crosswalk = (frameworks.data?.items ?? []).find((f) => f.type === 'crosswalk' && f.from === a.framework && f.latest);
  const crosswalkTarget = crosswalk ? frameworks.data?.items.find((f) => f.id === crosswalk.to && f.latest) : undefined;
  const range = def.data?.definition.levelRange ?? { min: 1, max: 5 };
  const requested = params.get('tab') as (typeof TABS)[number] | null;
  const tab = requested && TABS.includes(requested) && (requested !== 'crosswalk' || crosswalk) ? requested : 'summary';

  return (
    <div>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/evaluation">{t('evaluation.title')}</Link> }, { title: `${a.frameworkName} · ${a.year}` }]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 16, flexWrap: 'wrap' }}>
        <div>
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
            {t('evaluation.assessmentTitle', { year: a.year })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {a.frameworkName} · v{a.frameworkVersion}
          </Typography.Text>
        </div>
        <Space wrap>
          {/* the server builds the files; the session cookie goes with a plain link */}
          <Button icon={<FileExcelOutlined />} href={`${API_BASE}/assessments/${a.id}/export?format=xlsx`} download>
            {t('evaluation.download.xlsx')}
          </Button>
          <Button icon={<FilePdfOutlined />} href={`${API_BASE}/assessments/${a.id}/export?format=pdf`} download>
            {t('evaluation.download.pdf')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => downloadAssessmentCsv(a, t)}>
            {t('common.exportCsv')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => navigate(`/evaluation/${a.id}/print`)}>
            {t('evaluation.print.button')}
          </Button>
        </Space>
      </div>
      <AssessmentStats assessment={a} />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
          <TransitionButtons assessment={a} />
          <Typography.Text type="secondary">
            {a.editStage === 'self'
              ? t('evaluation.stage.self')
              : a.editStage === 'verification'
                ? t('evaluation.stage.verification')
                : a.status === 'verified' || a.status === 'final'
                  ? t('evaluation.stage.locked')
                  : t('evaluation.stage.readOnly')}
          </Typography.Text>
        </div>
        <ConsistencyNote assessment={a} />
        {a.provenance && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
            {t('evaluation.provenance')}: {a.provenance}
          </Typography.Paragraph>
        )}
        {!a.complete && a.editStage === 'self' && (
          <Alert type="info" showIcon title={t('evaluation.incomplete', { count: a.total - a.assessed })} />
        )}
      </Space>
      <Tabs
        style={{ marginTop: 16 }}
        activeKey={tab}
        onChange={(k) => {
          const p = new URLSearchParams(params);
          if (k === 'summary') p.delete('tab');
          else p.set('tab', k);
          setParams(p, { replace: true });
        }}
        items={[
          {
            key: 'summary',
            label: t('evaluation.tabs.summary'),
            children: <AssessmentOverview assessment={a} definition={def.data?.definition} />,
          },
          {
            key: 'indicators',
            label: t('evaluation.tabs.indicators', { count: a.total }),
            children: <IndicatorTable assessment={a} scales={scales} range={range} />,
          },
          {
            key: 'planner',
            label: t('evaluation.tabs.planner'),
            destroyOnHidden: true,
            children: <PlannerPanel assessment={a} maxLevel={range.max} />,
          },
          ...(crosswalk
            ? [
                {
                  key: 'crosswalk',
                  label: t('evaluation.tabs.crosswalk', { name: crosswalkTarget?.name.replace(/\s*\(.*\)$/, '') ?? crosswalk.to }),
                  destroyOnHidden: true,
                  children: <CrosswalkPanel assessment={a} />,
                },
              ]
            : []),
          {
            key: 'history',
            label: t('evaluation.tabs.history'),
            destroyOnHidden: true,
            children: <HistoryPanel assessment={a} />,
          },
        ]}
      />
    </div>
  );
}
