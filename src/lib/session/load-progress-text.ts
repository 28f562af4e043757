import { formatBytes } from '../format';
import type { LoadProgress } from './api/get-load-progress';

/** "Reading events: 12 of 40 files, 30 MiB of 120 MiB", or null when there is nothing to say. */
export function describeLoadProgress(progress: LoadProgress | undefined): string | null {
  if (!progress || progress.state !== 'loading' || progress.filesTotal === 0) return null;
  const files = `${progress.filesRead} of ${progress.filesTotal} files`;
  const bytes =
    progress.bytesTotal > 0
      ? `, ${formatBytes(progress.bytesRead)} of ${formatBytes(progress.bytesTotal)}`
      : '';
  return `Reading events: ${files}${bytes}`;
}

/** 0–1 progress by bytes when known, else by files. */
export function loadFraction(progress: LoadProgress): number {
  if (progress.bytesTotal > 0) return Math.min(1, progress.bytesRead / progress.bytesTotal);
  if (progress.filesTotal > 0) return Math.min(1, progress.filesRead / progress.filesTotal);
  return 0;
}
