import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { splitAuditAction } from './api';

export { splitAuditAction };

/** "lewat permintaan perubahan" linking to /review/:id, shown beside the audit action. */
export function ChangeRequestRef({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/review/${id}`} style={{ whiteSpace: 'nowrap' }}>
      {t('review.viaRequest')}
    </Link>
  );
}

/**
 * The content of the message shown when a write answers 202 (it became a change request):
 * the sentence and a link to /review/:id. Messages render outside the router, so the
 * link navigates through the caller's `navigate`.
 */
export function proposedMessage(text: string, linkText: string, id: string, navigate: (to: string) => void) {
  return (
    <span>
      {text}.{' '}
      <a
        href={`/review/${id}`}
        onClick={(e) => {
          e.preventDefault();
          navigate(`/review/${id}`);
        }}
      >
        {linkText}
      </a>
    </span>
  );
}
