import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Form, InputNumber, Modal, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DiffOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorResult, errorMessage } from '../../components/ErrorResult';
import {
  createAssessment,
  storeAssessment,
  useAssessments,
  useFrameworkDefinition,
  useFrameworks,
  type AssessmentSummary,
} from '../../components/evaluation/api';
import { PredicateText, StatusTag, formatScore } from '../../components/evaluation/parts';
import { formatDate, formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { LoginNeeded } from './LoginNeeded';
import '../../components/evaluation/evaluation.css';

const TrendChart = lazy(() => import('../../components/evaluation/TrendChart'));

/** Roles that may start an assessment (the server's EDITORS); the server has the final word. */
export const CREATORS = ['admin', 'operator'];

function NewAssessmentModal({
  open,
  onClose,
  defaultYear,
}: {
  open: boolean;
  onClose: () => void;
  defaultYear: number;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ framework: string; year: number }>();
  const frameworks = useFrameworks(open);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const options = (frameworks.data?.items ?? [])
    .filter((f) => f.type === 'framework' && f.latest)
    .map((f) => ({ value: f.id, label: `${f.name} (v${f.version})` }));
  const initialFramework = options.find((o) => o.value === 'spbe-59-2020')?.value ?? options[0]?.value;

  const submit = async (values: { framework: string; year: number }) => {
    setSaving(true);
    setConflict(null);
    try {
      const a = await createAssessment(values);
      storeAssessment(qc, a);
      message.success(t('evaluation.new.created', { year: a.year }));
      onClose();
      navigate(`/evaluation/${a.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const id = (err.problem as { id?: string }).id;
        setConflict(id ?? '');
        form.setFields([{ name: 'year', errors: [t('evaluation.new.exists', { year: values.year })] }]);
      } else if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        form.setFields(
          err.problem.errors.map((e) => ({ name: e.field === 'framework' ? 'framework' : 'year', errors: [e.message] })),
        );
      } else {
        message.error(errorMessage(err, t));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('evaluation.new.title')}
      onCancel={onClose}
      okText={t('evaluation.new.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('evaluation.new.intro')}</Typography.Paragraph>
      {frameworks.isLoading ? (
        <Skeleton active />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ framework: initialFramework, year: defaultYear }}
          preserve={false}
        >
          <Form.Item name="framework" label={t('evaluation.framework')} rules={[{ required: true }]}>
            <Select options={options} />
          </Form.Item>
          <Form.Item name="year" label={t('evaluation.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
          </Form.Item>
          {conflict ? (
            <Link to={`/evaluation/${conflict}`} onClick={onClose}>
              {t('evaluation.new.openExisting')}
            </Link>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}

export default function EvaluationListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { user, loading } = useAuth();
  const assessments = useAssessments(!!user);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  usePageTitle(t('evaluation.title'));

  const items = useMemo(() => assessments.data?.items ?? [], [assessments.data]);
  const frameworkFilter = params.get('framework') ?? '';
  const frameworks = useMemo(() => {
    const m = new Map<string, string>();
    for (const a of items) m.set(a.framework, a.frameworkName);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [items]);
  const shown = frameworkFilter ? items.filter((a) => a.framework === frameworkFilter) : items;
  // The trend shows the main framework (that of the newest assessment) with its predicate bands.
  const main = items[0];
  const mainDef = useFrameworkDefinition(main?.framework, main?.frameworkVersion);
  const trend = useMemo(() => {
    const byFramework = new Map<string, AssessmentSummary[]>();
    for (const a of shown) byFramework.set(a.frameworkName, [...(byFramework.get(a.frameworkName) ?? []), a]);
    return [...byFramework].map(([name, list]) => ({
      name,
      points: [...list]
        .sort((a, b) => a.year - b.year)
        .map((a) => ({ year: a.year, value: a.indexRounded, predicate: a.predicate?.name ?? null })),
    }));
  }, [shown]);

  if (loading) return <Skeleton active />;
  if (!user) return <LoginNeeded />;

  const canCreate = CREATORS.includes(user.role);
  const selectedItems = items.filter((a) => selected.includes(a.id));
  const compareFramework = selectedItems[0]?.framework;
  const canCompare = selectedItems.length >= 2 && selectedItems.every((a) => a.framework === compareFramework);
  const nextYear = Math.max(new Date().getFullYear(), ...items.map((a) => a.year + 1));

  const columns: TableColumnsType<AssessmentSummary> = [
    {
      title: t('evaluation.year'),
      dataIndex: 'year',
      width: 90,
      sorter: (a, b) => a.year - b.year,
      render: (year: number, a) => <Link to={`/evaluation/${a.id}`}>{year}</Link>,
    },
    { title: t('evaluation.framework'), dataIndex: 'frameworkName', width: 340, render: (v: string, a) => `${v} · v${a.frameworkVersion}` },
    { title: t('evaluation.statusLabel'), dataIndex: 'status', width: 140, render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('evaluation.index'),
      dataIndex: 'indexRounded',
      width: 100,
      align: 'right',
      sorter: (a, b) => (a.indexRounded ?? -1) - (b.indexRounded ?? -1),
      render: (v: number | null) => <strong>{formatScore(v)}</strong>,
    },
    { title: t('evaluation.predicate'), dataIndex: 'predicate', width: 150, render: (p) => <PredicateText predicate={p} /> },
    {
      title: t('evaluation.assessedCol'),
      key: 'assessed',
      width: 130,
      render: (_, a) => t('evaluation.assessedOf', { assessed: formatNumber(a.assessed), total: formatNumber(a.total) }),
    },
    { title: t('evaluation.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDate(v, i18n.language) },
  ];

  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('evaluation.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('evaluation.intro')}</Typography.Paragraph>
      {assessments.error ? (
        <ErrorResult error={assessments.error} onRetry={() => void assessments.refetch()} />
      ) : (
        <>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('evaluation.trendTitle')}</h2>} style={{ marginBottom: 24 }}>
            {assessments.isLoading ? (
              <Skeleton active />
            ) : trend.length === 0 ? (
              <Typography.Text type="secondary">{t('evaluation.none')}</Typography.Text>
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <TrendChart
                  series={trend}
                  bands={mainDef.data?.definition.predicates ?? []}
                  max={mainDef.data?.definition.levelRange.max ?? 5}
                  ariaLabel={t('evaluation.trendLabel', {
                    values: trend
                      .flatMap((s) => s.points.map((p) => `${p.year}: ${formatScore(p.value)}`))
                      .join(', '),
                  })}
                />
              </Suspense>
            )}
          </Card>
          <div className="atlas-toolbar">
            <Select
              aria-label={t('evaluation.filterFramework')}
              value={frameworkFilter}
              onChange={(v: string) => {
                const p = new URLSearchParams(params);
                if (v) p.set('framework', v);
                else p.delete('framework');
                setParams(p, { replace: true });
              }}
              options={[{ value: '', label: t('evaluation.allFrameworks') }, ...frameworks]}
              style={{ minWidth: 280 }}
            />
            <div style={{ flex: 1 }} />
            <Space wrap>
              <Button
                icon={<DiffOutlined />}
                disabled={!canCompare}
                title={canCompare ? undefined : t('evaluation.compare.selectHint')}
                onClick={() =>
                  navigate(
                    `/evaluation/compare?framework=${encodeURIComponent(compareFramework!)}&years=${selectedItems
                      .map((a) => a.year)
                      .sort()
                      .join(',')}`,
                  )
                }
              >
                {t('evaluation.compare.button')}
              </Button>
              {canCreate && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('evaluation.new.button')}
                </Button>
              )}
            </Space>
          </div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('evaluation.compare.selectHint')}
          </Typography.Paragraph>
          <Table<AssessmentSummary>
            rowKey="id"
            size="middle"
            loading={assessments.isLoading}
            dataSource={shown}
            columns={columns}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: t('evaluation.none') }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: (keys) => setSelected(keys as string[]),
              getCheckboxProps: (a) => ({ 'aria-label': t('evaluation.compare.select', { year: a.year }) }),
            }}
            onRow={(a) => ({
              className: 'atlas-table-row',
              onClick: (e) => {
                // Clicks on the link, the checkbox or text being selected keep their own meaning.
                if ((e.target as HTMLElement).closest('a, input, label, .ant-checkbox-wrapper, .ant-table-selection-column')) return;
                navigate(`/evaluation/${a.id}`);
              },
            })}
          />
          <NewAssessmentModal open={creating} onClose={() => setCreating(false)} defaultYear={nextYear} />
        </>
      )}
    </div>
  );
}
