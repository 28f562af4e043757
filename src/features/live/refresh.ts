// How often a live session's views are read again, and how "updated N s ago" reads.

export const LIVE_REFRESH_MS = 10_000;

export function updatedAgo(updatedAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - updatedAt) / 1000));
  if (seconds < 60) return `updated ${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  return `updated ${minutes} min ago`;
}
