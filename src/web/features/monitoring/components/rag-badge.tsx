import { useTranslation } from 'react-i18next';

/** A RAG status as text with its colour (the colour is never the only sign). */
export function RagBadge({ rag }: { rag: 'green' | 'amber' | 'red' | 'none' }) {
  const { t } = useTranslation();
  return <span className={`schakel-badge schakel-rag schakel-rag--${rag}`}>{t(`monitoring.rag.${rag}`)}</span>;
}

/** A progress bar with its percentage written out. */
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <span className="schakel-progress">
      <progress max={100} value={percent} aria-label={label}>
        {percent} %
      </progress>{' '}
      <span>{percent} %</span>
    </span>
  );
}

/** A level of the escalation ladder as text with its colour (the colour is never the only sign). */
export function EscalationBadge({ level }: { level: 'official' | 'administrative' | 'political' }) {
  const { t } = useTranslation();
  return (
    <span className={`schakel-badge schakel-escalation schakel-escalation--${level}`}>
      {t(`monitoring.escalation.level.${level}`)}
    </span>
  );
}
