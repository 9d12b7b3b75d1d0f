import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useKindIndex } from '../../api/hooks';
import { useLabel } from '../../lib/label';
import { errorMessage } from '../ErrorResult';
import { formatNumber } from '../../lib/format';
import { makePlan, type Assessment, type Plan, type PlanRaise } from './api';
import { formatPrecise, formatScore, predicateText } from './parts';

interface PlanForm {
  targetIndex: number;
  maxRaisePerIndicator: number;
}

/**
 * The planner: the fewest level raises that bring the index (as shown) to a
 * target, each with what the next level asks and the roadmap initiatives
 * (Peta Rencana) that name the indicator.
 */
export function PlannerPanel({ assessment, maxLevel }: { assessment: Assessment; maxLevel: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlanForm>();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const ran = useRef<string | null>(null);
  const kinds = useKindIndex();
  const label = useLabel();
  const statusOptions = kinds.byId.get('initiative')?.attributes.find((a) => a.key === 'status')?.options ?? [];
  const statusLabel = (v: string) => label(statusOptions.find((o) => o.value === v)?.label) || v;

  const run = async (values: PlanForm) => {
    setRunning(true);
    setError(null);
    try {
      setPlan(await makePlan(assessment.id, values));
    } catch (err) {
      setPlan(null);
      setError(errorMessage(err, t));
    } finally {
      setRunning(false);
    }
  };

  // A first plan with the defaults, and a fresh one whenever the levels change (updatedAt moves).
  useEffect(() => {
    const key = `${assessment.id}@${assessment.updatedAt}`;
    if (ran.current === key) return;
    ran.current = key;
    void run(form.getFieldsValue() as PlanForm);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [assessment.id, assessment.updatedAt]);

  const columns = [
    { title: t('evaluation.no'), dataIndex: 'no', width: 56, align: 'right' as const },
    {
      title: t('evaluation.indicator'),
      dataIndex: 'name',
      width: 220,
      render: (name: string, r: PlanRaise) => (
        <div>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evaluation.aspect')} {r.aspectCode} · {t('evaluation.weight')} {formatNumber(r.weight)}%
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('evaluation.planner.raise'),
      key: 'raise',
      width: 130,
      render: (_: unknown, r: PlanRaise) => (
        <span>
          {r.from ?? <abbr title={t('evaluation.level.none')}>—</abbr>} → <strong>{r.to}</strong>
        </span>
      ),
    },
    {
      title: t('evaluation.planner.gain'),
      dataIndex: 'indexGain',
      width: 120,
      align: 'right' as const,
      render: (v: number) => `+${formatPrecise(v)}`,
    },
    {
      title: t('evaluation.planner.asks'),
      key: 'asks',
      render: (_: unknown, r: PlanRaise) => (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {r.asks.map((a) => (
            <li key={a.level}>
              <strong>
                {t('evaluation.planner.levelN', { level: a.level })}
                {a.name !== String(a.level) ? ` — ${a.name}` : ''}
              </strong>
              {a.criteria ? <div style={{ fontSize: 13 }}>{a.criteria}</div> : null}
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: t('evaluation.planner.initiatives'),
      key: 'initiatives',
      width: 220,
      render: (_: unknown, r: PlanRaise) =>
        r.initiatives.length ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {r.initiatives.map((i) => (
              <li key={i.id}>
                <Link to={`/elements/${i.id}`}>{[i.code, i.name].filter(Boolean).join(' ')}</Link>
                {i.startYear || i.endYear ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    ({[i.startYear, i.endYear].filter(Boolean).join('–')})
                  </Typography.Text>
                ) : null}
                {i.status ? <Tag style={{ marginLeft: 4 }}>{statusLabel(i.status)}</Tag> : null}
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('evaluation.planner.noInitiative')}</Typography.Text>
        ),
    },
  ];

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('evaluation.planner.intro')}</Typography.Paragraph>
      <Form<PlanForm>
        form={form}
        layout="inline"
        initialValues={{ targetIndex: 3.5, maxRaisePerIndicator: 1 }}
        onFinish={run}
        style={{ rowGap: 8, marginBottom: 16 }}
      >
        <Form.Item name="targetIndex" label={t('evaluation.planner.target')} rules={[{ required: true }]}>
          <InputNumber min={1} max={maxLevel} step={0.01} precision={2} decimalSeparator="," style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="maxRaisePerIndicator" label={t('evaluation.planner.maxRaise')} rules={[{ required: true }]}>
          <InputNumber min={1} max={Math.max(1, maxLevel - 1)} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={running}>
            {t('evaluation.planner.run')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {plan && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} aria-live="polite">
          {plan.alreadyReached ? (
            <Alert
              type="success"
              showIcon
              title={t('evaluation.planner.reached', { current: formatScore(plan.currentRounded), target: formatScore(plan.targetIndex) })}
            />
          ) : plan.feasible ? (
            <Alert
              type="info"
              showIcon
              data-testid="plan-summary"
              title={t('evaluation.planner.summary', {
                count: plan.steps,
                steps: formatNumber(plan.steps),
                indicators: formatNumber(plan.raises.length),
                target: formatScore(plan.targetIndex),
              })}
              description={t('evaluation.planner.result', {
                current: formatScore(plan.currentRounded),
                currentPredicate: predicateText(plan.currentPredicate, t),
                result: formatScore(plan.resultRounded),
                resultPredicate: predicateText(plan.resultPredicate, t),
              })}
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t('evaluation.planner.infeasible', { target: formatScore(plan.targetIndex), max: formatScore(plan.maxReachableRounded) })}
            />
          )}
          {plan.unassessed.length > 0 && (
            <Alert type="warning" showIcon title={t('evaluation.planner.unassessed', { list: plan.unassessed.join(', ') })} />
          )}
          {plan.raises.length > 0 && (
            <Table<PlanRaise>
              rowKey="no"
              size="small"
              pagination={false}
              dataSource={plan.raises}
              columns={columns}
              scroll={{ x: 1000 }}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('evaluation.planner.linkHint', { format: plan.initiativeLink.format })}
          </Typography.Paragraph>
        </Space>
      )}
    </div>
  );
}
