import { useMemo, useState } from 'react';
import { App, Button, Col, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PaperClipOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../ErrorResult';
import { formatDateTime, formatNumber } from '../../lib/format';
import {
  evaluationKeys,
  levelText,
  setIndicator,
  storeAssessment,
  type Assessment,
  type AssessmentIndicator,
  type IndicatorScale,
} from './api';
import { EvidencePanel } from './EvidencePanel';
import { LevelText } from './parts';

const NONE = 'none';

function levelOptions(scale: IndicatorScale | undefined, range: { min: number; max: number }, noneLabel: string) {
  const levels = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
  return [
    { value: NONE, label: noneLabel },
    ...levels.map((l) => {
      const { name } = levelText(scale, l);
      return { value: String(l), label: name && name !== String(l) ? `${l} — ${name}` : String(l) };
    }),
  ];
}

/** The stage value an edit writes now (self level in draft, verified level in submitted). */
function stageLevel(a: Assessment, ind: AssessmentIndicator): number | null {
  return a.editStage === 'verification' ? ind.verifiedLevel : ind.selfLevel;
}

function stageNote(a: Assessment, ind: AssessmentIndicator): string | null {
  return a.editStage === 'verification' ? ind.verificationNote : ind.note;
}

function useSave(assessment: Assessment) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return async (no: number, body: { level: number | null; note?: string | null }, success: string): Promise<boolean> => {
    try {
      const next = await setIndicator(assessment.id, no, body);
      storeAssessment(qc, next);
      message.success(success);
      return true;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 403)) {
        // The status changed underneath (or the role no longer may): show the assessment as it is now.
        void qc.invalidateQueries({ queryKey: evaluationKeys.one(assessment.id) });
      }
      message.error(err instanceof ApiError && err.status === 409 ? t('evaluation.locked') : errorMessage(err, t));
      return false;
    }
  };
}

function LevelSelect({
  assessment,
  indicator,
  scale,
  range,
}: {
  assessment: Assessment;
  indicator: AssessmentIndicator;
  scale: IndicatorScale | undefined;
  range: { min: number; max: number };
}) {
  const { t } = useTranslation();
  const save = useSave(assessment);
  const [saving, setSaving] = useState(false);
  const value = stageLevel(assessment, indicator);
  const stage = assessment.editStage === 'verification' ? 'verified' : 'self';
  return (
    <Select
      size="small"
      value={value === null ? NONE : String(value)}
      loading={saving}
      disabled={saving}
      aria-label={t(`evaluation.indicators.${stage}For`, { no: indicator.no, name: indicator.name })}
      data-testid={`level-${indicator.no}`}
      popupMatchSelectWidth={false}
      options={levelOptions(scale, range, t('evaluation.level.none'))}
      style={{ width: 150 }}
      onChange={async (v: string) => {
        const level = v === NONE ? null : Number(v);
        setSaving(true);
        await save(indicator.no, { level }, t('evaluation.indicators.saved', { no: indicator.no }));
        setSaving(false);
      }}
      onClick={(e) => e.stopPropagation()}
    />
  );
}

function NoteEditor({ assessment, indicator }: { assessment: Assessment; indicator: AssessmentIndicator }) {
  const { t } = useTranslation();
  const save = useSave(assessment);
  const current = stageNote(assessment, indicator) ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const value = draft ?? current;
  const id = `note-${assessment.id}-${indicator.no}`;
  const label = assessment.editStage === 'verification' ? t('evaluation.indicators.verificationNote') : t('evaluation.indicators.note');
  return (
    <div>
      <label htmlFor={id}>
        <Typography.Text strong>{label}</Typography.Text>
      </label>
      <Input.TextArea id={id} value={value} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
      <Button
        size="small"
        icon={<SaveOutlined />}
        style={{ marginTop: 6 }}
        disabled={draft === null || draft === current}
        loading={saving}
        onClick={async () => {
          setSaving(true);
          const ok = await save(
            indicator.no,
            { level: stageLevel(assessment, indicator), note: value.trim() === '' ? null : value },
            t('evaluation.indicators.noteSaved', { no: indicator.no }),
          );
          setSaving(false);
          if (ok) setDraft(null);
        }}
      >
        {t('evaluation.indicators.saveNote')}
      </Button>
    </div>
  );
}

/** Everything about one indicator: what each level asks, the notes of both stages, the evidence. */
function IndicatorDetail({
  assessment,
  indicator,
  scale,
  range,
}: {
  assessment: Assessment;
  indicator: AssessmentIndicator;
  scale: IndicatorScale | undefined;
  range: { min: number; max: number };
}) {
  const { t, i18n } = useTranslation();
  const levels = Array.from({ length: range.max - range.min + 1 }, (_, i) => range.min + i);
  const otherNotes = [
    { key: 'note', label: t('evaluation.indicators.note'), value: indicator.note, editing: assessment.editStage === 'self' },
    {
      key: 'verificationNote',
      label: t('evaluation.indicators.verificationNote'),
      value: indicator.verificationNote,
      editing: assessment.editStage === 'verification',
    },
  ].filter((n) => !n.editing && (n.value || n.key === 'note' || assessment.status !== 'draft'));
  return (
    <Row gutter={[24, 16]}>
      <Col xs={24} lg={12}>
        {scale?.description && <Typography.Paragraph>{scale.description}</Typography.Paragraph>}
        <Typography.Text strong>{t('evaluation.indicators.levels')}</Typography.Text>
        <ol className="atlas-eval-levels" aria-label={t('evaluation.indicators.levelsFor', { no: indicator.no })}>
          {levels.map((l) => {
            const { name, text } = levelText(scale, l);
            const current = indicator.level === l;
            return (
              <li key={l} className={current ? 'atlas-eval-current-level' : undefined} aria-current={current ? 'true' : undefined}>
                <strong>
                  {l}
                  {name !== String(l) ? ` — ${name}` : ''}
                </strong>
                {current ? <Tag style={{ marginLeft: 8 }}>{t('evaluation.indicators.current')}</Tag> : null}
                {text ? <div style={{ fontSize: 13 }}>{text}</div> : null}
              </li>
            );
          })}
        </ol>
      </Col>
      <Col xs={24} lg={12}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {assessment.editStage && <NoteEditor key={`${assessment.editStage}-${indicator.no}`} assessment={assessment} indicator={indicator} />}
          {otherNotes.map((n) => (
            <div key={n.key}>
              <Typography.Text strong>{n.label}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {n.value || <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
              </Typography.Paragraph>
            </div>
          ))}
          {indicator.updatedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('evaluation.indicators.updatedAt', { at: formatDateTime(indicator.updatedAt, i18n.language) })}
            </Typography.Text>
          )}
          <EvidencePanel assessment={assessment} indicator={indicator} />
        </Space>
      </Col>
    </Row>
  );
}

/**
 * The indicators of an assessment. Users who may edit get a level Select in
 * the column of the stage they write (self-assessment in draft, verification
 * in submitted); the level that counts is the verified one when set.
 */
export function IndicatorTable({
  assessment,
  scales,
  range,
}: {
  assessment: Assessment;
  scales: Map<number, IndicatorScale>;
  range: { min: number; max: number };
}) {
  const { t } = useTranslation();
  const [aspect, setAspect] = useState<string>('');
  const [q, setQ] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const aspectName = useMemo(() => new Map(assessment.aspects.map((a) => [a.code, a.name])), [assessment.aspects]);
  const rows = assessment.indicators.filter(
    (i) =>
      (!aspect || i.aspectCode === aspect) &&
      (!q || `${i.no} ${i.name}`.toLowerCase().includes(q.toLowerCase())) &&
      (!onlyMissing || i.level === null),
  );
  const edit = assessment.editStage;

  const columns: TableColumnsType<AssessmentIndicator> = [
    { title: t('evaluation.no'), dataIndex: 'no', width: 56, align: 'right' },
    {
      title: t('evaluation.indicator'),
      dataIndex: 'name',
      render: (name: string, i) => (
        <div>
          <div>{name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('evaluation.aspect')} {i.aspectCode}. {aspectName.get(i.aspectCode)}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('evaluation.weight'), dataIndex: 'weight', width: 80, align: 'right', render: (w: number) => `${formatNumber(w)}%` },
    {
      title: t('evaluation.indicators.self'),
      dataIndex: 'selfLevel',
      width: edit === 'self' ? 170 : 90,
      render: (v: number | null, i) =>
        edit === 'self' ? (
          <LevelSelect assessment={assessment} indicator={i} scale={scales.get(i.no)} range={range} />
        ) : v === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          v
        ),
    },
    {
      title: t('evaluation.indicators.verified'),
      dataIndex: 'verifiedLevel',
      width: edit === 'verification' ? 170 : 100,
      render: (v: number | null, i) =>
        edit === 'verification' ? (
          <LevelSelect assessment={assessment} indicator={i} scale={scales.get(i.no)} range={range} />
        ) : v === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          v
        ),
    },
    {
      title: t('evaluation.indicators.level'),
      dataIndex: 'level',
      width: 200,
      render: (v: number | null, i) => <LevelText level={v} name={i.levelName} />,
    },
    {
      title: <span aria-label={t('evaluation.evidence.title')}>{t('evaluation.evidence.short')}</span>,
      key: 'evidence',
      width: 70,
      align: 'center',
      render: (_, i) =>
        i.evidence.length ? (
          <span aria-label={t('evaluation.evidence.count', { count: i.evidence.length })}>
            <PaperClipOutlined aria-hidden /> {formatNumber(i.evidence.length)}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <div>
      <div className="atlas-toolbar" role="search">
        <Input.Search
          aria-label={t('evaluation.indicators.search')}
          placeholder={t('evaluation.indicators.search')}
          allowClear
          onSearch={setQ}
          onChange={(e) => setQ(e.target.value)}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('evaluation.indicators.filterAspect')}
          value={aspect}
          onChange={setAspect}
          options={[
            { value: '', label: t('evaluation.indicators.allAspects') },
            ...assessment.aspects.map((a) => ({ value: a.code, label: `${a.code}. ${a.name}` })),
          ]}
          style={{ minWidth: 280 }}
          popupMatchSelectWidth={false}
        />
        <Select
          aria-label={t('evaluation.indicators.filterMissing')}
          value={onlyMissing ? 'missing' : 'all'}
          onChange={(v) => setOnlyMissing(v === 'missing')}
          options={[
            { value: 'all', label: t('evaluation.indicators.all') },
            { value: 'missing', label: t('evaluation.indicators.onlyMissing') },
          ]}
          style={{ width: 200 }}
        />
        <Typography.Text aria-live="polite">
          {t('evaluation.indicators.count', { shown: formatNumber(rows.length), total: formatNumber(assessment.indicators.length) })}
        </Typography.Text>
      </div>
      {edit && (
        <Typography.Paragraph type="secondary">
          {edit === 'self' ? t('evaluation.indicators.editSelfHint') : t('evaluation.indicators.editVerificationHint')}
        </Typography.Paragraph>
      )}
      <Table<AssessmentIndicator>
        rowKey="no"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 980 }}
        sticky={{ offsetHeader: 64 }}
        expandable={{
          expandedRowRender: (i) => <IndicatorDetail assessment={assessment} indicator={i} scale={scales.get(i.no)} range={range} />,
          expandRowByClick: false,
        }}
      />
    </div>
  );
}
