import { useRef, useState } from 'react';
import { Alert, App, Button, Popconfirm, Progress, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../ErrorResult';
import { formatDateTime } from '../../lib/format';
import {
  EVIDENCE_ACCEPT,
  detachEvidence,
  evaluationKeys,
  uploadEvidence,
  type Assessment,
  type AssessmentIndicator,
} from './api';
import { formatBytes } from './parts';

/** A readable reason for a refused upload: size and type refusals get their own words, the server's detail beside them. */
function uploadError(err: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return `${t('evaluation.evidence.tooLarge')} ${err.problem.detail ?? ''}`.trim();
    if (err.status === 415) return t('evaluation.evidence.badType');
    if (err.status === 422) {
      const e = err.problem.errors?.[0];
      return e?.field === 'file' && /empty/i.test(e.message) ? t('evaluation.evidence.empty') : errorMessage(err, t);
    }
    if (err.status === 409) return t('evaluation.locked');
  }
  return errorMessage(err, t);
}

/** The evidence (bukti dukung) of one indicator: download links, and upload / unlink for users who may edit. */
export function EvidencePanel({ assessment, indicator }: { assessment: Assessment; indicator: AssessmentIndicator }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canEdit = assessment.editStage !== null;
  const inputId = `evidence-${assessment.id}-${indicator.no}`;

  const refresh = () => qc.invalidateQueries({ queryKey: evaluationKeys.one(assessment.id) }).then(() =>
    qc.invalidateQueries({ queryKey: evaluationKeys.history(assessment.id) }),
  );

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const ev = await uploadEvidence(qc, assessment.id, indicator.no, file, setProgress);
      message.success(t('evaluation.evidence.uploaded', { name: ev.name }));
      await refresh();
    } catch (err) {
      setError(uploadError(err, t));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const onDetach = async (evidenceId: string, name: string) => {
    try {
      await detachEvidence(assessment.id, indicator.no, evidenceId);
      message.success(t('evaluation.evidence.removed', { name }));
      await refresh();
    } catch (err) {
      message.error(errorMessage(err, t));
    }
  };

  return (
    <section aria-label={t('evaluation.evidence.titleFor', { no: indicator.no })}>
      <Typography.Text strong>{t('evaluation.evidence.title')}</Typography.Text>
      {indicator.evidence.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('evaluation.evidence.none')}
        </Typography.Paragraph>
      ) : (
        <ul className="atlas-eval-evidence">
          {indicator.evidence.map((ev) => (
            <li key={ev.linkId}>
              <FileOutlined aria-hidden style={{ marginTop: 4 }} />
              <div style={{ flex: 1, minWidth: 0 }}>
                <a href={ev.url} download={ev.name} aria-label={t('evaluation.evidence.download', { name: ev.name })}>
                  {ev.name}
                </a>
                <div style={{ fontSize: 13, color: 'rgba(0, 0, 0, 0.68)' }}>
                  {ev.mediaType} · {formatBytes(ev.size)} · {formatDateTime(ev.createdAt, i18n.language)}
                </div>
              </div>
              <a href={ev.url} download={ev.name} aria-hidden tabIndex={-1}>
                <DownloadOutlined />
              </a>
              {canEdit && (
                <Popconfirm
                  title={t('evaluation.evidence.confirmRemove', { name: ev.name })}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => onDetach(ev.id, ev.name)}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('evaluation.evidence.remove', { name: ev.name })} />
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={EVIDENCE_ACCEPT}
            className="sr-only"
            aria-label={t('evaluation.evidence.chooseFor', { no: indicator.no })}
            onChange={(e) => void onFile(e.target.files?.[0])}
            disabled={progress !== null}
          />
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} loading={progress !== null}>
            {t('evaluation.evidence.upload')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('evaluation.evidence.hint')}
          </Typography.Text>
          {progress !== null && <Progress percent={progress} size="small" aria-label={t('evaluation.evidence.progress')} />}
          {error && <Alert type="error" showIcon title={error} role="alert" closable={{ onClose: () => setError(null) }} />}
        </Space>
      )}
    </section>
  );
}
