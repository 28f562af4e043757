import type { LoadProgress } from './api/get-load-progress';

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1);
}

/** "Reading events: 12 of 40 files, 30 of 120 MB", or null when there is nothing to say. */
export function describeLoadProgress(progress: LoadProgress | undefined): string | null {
  if (!progress || progress.state !== 'loading' || progress.filesTotal === 0) return null;
  const files = `${progress.filesRead} of ${progress.filesTotal} files`;
  const bytes =
    progress.bytesTotal > 0
      ? `, ${megabytes(progress.bytesRead)} of ${megabytes(progress.bytesTotal)} MB`
      : '';
  return `Reading events: ${files}${bytes}`;
}

/** 0–1 progress by bytes when known, else by files. */
export function loadFraction(progress: LoadProgress): number {
  if (progress.bytesTotal > 0) return Math.min(1, progress.bytesRead / progress.bytesTotal);
  if (progress.filesTotal > 0) return Math.min(1, progress.filesRead / progress.filesTotal);
  return 0;
}
