import './live.css';

/** Above the sessions list when running clusters could not be listed (the server says why). */
export function LiveListNotice({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="live-notice" role="status">
      {message}
    </p>
  );
}
