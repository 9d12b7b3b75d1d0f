import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Radio, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { API_BASE, ApiError, queryString } from '../../api/client';
import type { Problem, Session } from '../../api/types';
import { useKindIndex } from '../../api/hooks';
import { useAuth } from '../../auth/auth';
import { errorMessage } from '../../components/ErrorResult';
import { useLabel } from '../../lib/label';
import { usePageTitle } from '../../lib/usePageTitle';

const SIA_DOMAINS = ['business', 'service', 'data', 'application', 'infrastructure', 'security'] as const;
type Counts = { create: number; update: number; unchanged: number };
interface ImportReport {
  mode: 'preview' | 'commit';
  committed: boolean;
  summary: { orgUnits: Counts; elements: Counts; relations: Counts; unmapped: number; skipped: number; errors: number };
  items: { ref: string; row?: number; entity: string; action: string; id: string; name?: string | null }[];
  unmapped: { ref: string; name?: string | null; reason: string }[];
  skipped: { ref: string; row?: number; reason: string }[];
  errors: { ref: string; column?: string; field: string; rule: string; message: string }[];
}

/** Upload one file (multipart) with the session's CSRF token; a 422 carries the report in the problem body. */
async function upload(path: string, file: File, csrf: string | null): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file);
  const res = await fetch(API_BASE + path, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
  });
  const data = (await res.json().catch(() => ({}))) as ImportReport & Problem & { report?: ImportReport };
  if (!res.ok) {
    if (data.report) return { ...data.report, committed: false };
    throw new ApiError(res.status, { status: res.status, ...data });
  }
  return data;
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const c = (x: Counts) => t('exchange.counts', x);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {report.mode === 'commit' && (
        <Alert type={report.committed ? 'success' : 'error'} showIcon title={t(report.committed ? 'exchange.committed' : 'exchange.notCommitted')} />
      )}
      <Typography.Text>
        {t('exchange.orgUnits')}: {c(report.summary.orgUnits)} · {t('exchange.elements')}: {c(report.summary.elements)} · {t('exchange.relations')}: {c(report.summary.relations)}
      </Typography.Text>
      {report.errors.length > 0 && (
        <Table
          size="small"
          rowKey={(e, i) => `${e.ref}-${i}`}
          title={() => <strong>{t('exchange.errors', { count: report.errors.length })}</strong>}
          dataSource={report.errors}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('exchange.ref'), dataIndex: 'ref', width: 160 },
            { title: t('exchange.field'), render: (_, e) => e.column ?? e.field, width: 160 },
            { title: t('exchange.message'), dataIndex: 'message' },
          ]}
        />
      )}
      {[...report.unmapped, ...report.skipped].length > 0 && (
        <Table
          size="small"
          rowKey={(e, i) => `${e.ref}-${i}`}
          title={() => <strong>{t('exchange.skipped', { count: report.unmapped.length + report.skipped.length })}</strong>}
          dataSource={[...report.unmapped, ...report.skipped]}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('exchange.ref'), dataIndex: 'ref', width: 200 },
            { title: t('exchange.message'), dataIndex: 'reason' },
          ]}
        />
      )}
      <Table
        size="small"
        rowKey={(e, i) => `${e.ref}-${i}`}
        dataSource={report.items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('exchange.ref'), dataIndex: 'ref', width: 160 },
          { title: t('exchange.entity'), dataIndex: 'entity', width: 120 },
          { title: t('exchange.name'), render: (_, i) => (i.entity === 'element' && report.committed ? <Link to={`/elements/${i.id}`}>{i.name ?? i.id}</Link> : (i.name ?? '')) },
          { title: t('exchange.action'), dataIndex: 'action', width: 120, render: (a: string) => <Tag color={a === 'create' ? 'green' : a === 'update' ? 'blue' : 'default'}>{a}</Tag> },
        ]}
      />
    </Space>
  );
}

function Importer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [format, setFormat] = useState<'archimate' | 'spreadsheet'>('spreadsheet');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (mode: 'preview' | 'commit') => {
    if (!file) return;
    setBusy(true);
    try {
      const csrf = qc.getQueryData<Session | null>(['me'])?.csrfToken ?? null;
      const r = await upload(`/import/${format}${queryString({ mode })}`, file, csrf);
      setReport(r);
      if (mode === 'commit' && r.committed) {
        message.success(t('exchange.committed'));
        await qc.invalidateQueries();
      }
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('exchange.import')}</h2>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={format}
          onChange={(e) => {
            setFormat(e.target.value);
            setFile(null);
            setReport(null);
          }}
          options={[
            { value: 'spreadsheet', label: t('exchange.spreadsheet') },
            { value: 'archimate', label: 'ArchiMate (XML)' },
          ]}
        />
        <Space wrap>
          <Upload
            accept={format === 'archimate' ? '.xml' : '.xlsx,.csv'}
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setReport(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setReport(null);
            }}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{t('exchange.chooseFile')}</Button>
          </Upload>
          <Button disabled={!file} loading={busy} onClick={() => run('preview')}>
            {t('exchange.preview')}
          </Button>
          <Button type="primary" disabled={!file || !report || report.mode !== 'preview' || report.summary.errors > 0} loading={busy} onClick={() => run('commit')}>
            {t('exchange.commit')}
          </Button>
        </Space>
        {report && <ReportView report={report} />}
      </Space>
    </Card>
  );
}

export default function ExchangePage() {
  const { t } = useTranslation();
  const label = useLabel();
  usePageTitle(t('exchange.title'));
  const { canWrite } = useAuth();
  const { kinds } = useKindIndex();
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const kindOptions = kinds.map((k) => ({ value: k.id, label: label(k.label) }));
  const dl = (path: string, q?: Record<string, string | undefined>) => `${API_BASE}${path}${queryString(q)}`;
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  return (
    <div>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('exchange.title')}
      </Typography.Title>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('exchange.export')}</h2>}>
          <Space orientation="vertical" size="middle">
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={dl('/export/archimate')}>
                {t('exchange.archimate')}
              </Button>
              <Button icon={<DownloadOutlined />} href={dl('/documents/architecture', { format: 'pdf' })}>
                {t('exchange.document')} (PDF)
              </Button>
              <Button icon={<DownloadOutlined />} href={dl('/documents/architecture', { format: 'docx' })}>
                {t('exchange.document')} (DOCX)
              </Button>
            </Space>
            <Space wrap>
              <Select
                aria-label={t('exchange.kind')}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('exchange.allKinds')}
                style={{ width: 280 }}
                value={kind}
                onChange={setKind}
                options={kindOptions}
              />
              <Button icon={<DownloadOutlined />} href={dl('/export/elements', { kind, format: 'xlsx' })}>
                {t('exchange.elementsXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} href={dl('/export/elements', { kind, format: 'csv' })}>
                {t('exchange.elementsCsv')}
              </Button>
              <Button icon={<DownloadOutlined />} disabled={!kind} href={kind ? dl(`/templates/${kind}`, { format: 'xlsx' }) : undefined}>
                {t('exchange.template')} (XLSX)
              </Button>
              <Button icon={<DownloadOutlined />} disabled={!kind} href={kind ? dl(`/templates/${kind}`, { format: 'csv' }) : undefined}>
                {t('exchange.template')} (CSV)
              </Button>
            </Space>
            <Space wrap>
              <Typography.Text>{t('exchange.sia')}:</Typography.Text>
              {SIA_DOMAINS.map((d) => (
                <Button key={d} size="small" icon={<DownloadOutlined />} href={dl(`/export/sia-spbe/${d}`)}>
                  {t(`domain.${d}`)}
                </Button>
              ))}
            </Space>
            <Space wrap>
              <Typography.Text>{t('exchange.changes')}:</Typography.Text>
              <DatePicker.RangePicker aria-label={t('exchange.changes')} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} />
              <Button icon={<DownloadOutlined />} disabled={!from || !to} href={from && to ? dl('/documents/changes', { from, to, format: 'pdf' }) : undefined}>
                PDF
              </Button>
              <Button icon={<DownloadOutlined />} disabled={!from || !to} href={from && to ? dl('/documents/changes', { from, to, format: 'docx' }) : undefined}>
                DOCX
              </Button>
            </Space>
          </Space>
        </Card>
        {canWrite ? <Importer /> : <Typography.Text type="secondary">{t('exchange.importNeedsWriter')}</Typography.Text>}
      </Space>
    </div>
  );
}
