import { isApiError } from '../../lib/api-client';
import './ui.css';

/** A failed request: what went wrong (the API's own message and status) and a retry button. */
export function ErrorPanel({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  const status = isApiError(error) ? error.status : null;
  const message =
    error instanceof Error ? error.message : 'Something went wrong while loading this.';
  return (
    <section className="ui-error" role="alert" aria-label={title}>
      <h2 className="ui-error__title">{title}</h2>
      <p className="ui-error__message">{message}</p>
      {status !== null && <p className="ui-error__status">HTTP status {status}</p>}
      {onRetry && (
        <button type="button" className="ui-button" onClick={onRetry}>
          Retry
        </button>
      )}
    </section>
  );
}
