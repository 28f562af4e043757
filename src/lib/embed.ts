import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

// `?embed=1` (chrome-less view for iframes) and `?theme=` follow the user through every link
// inside the app; this is the one place that carries them.

const CARRIED_PARAMS = ['embed', 'theme'] as const;

/** `to` plus the carried params present in `current` and not already set by `to`. */
export function carryChromeParams(to: string, current: URLSearchParams): string {
  const hashAt = to.indexOf('#');
  const hash = hashAt >= 0 ? to.slice(hashAt) : '';
  const withoutHash = hashAt >= 0 ? to.slice(0, hashAt) : to;
  const queryAt = withoutHash.indexOf('?');
  const path = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash;
  const params = new URLSearchParams(queryAt >= 0 ? withoutHash.slice(queryAt + 1) : '');
  for (const key of CARRIED_PARAMS) {
    const value = current.get(key);
    if (value !== null && !params.has(key)) params.set(key, value);
  }
  const query = params.toString();
  return `${path}${query ? `?${query}` : ''}${hash}`;
}

export function isEmbedded(search: URLSearchParams): boolean {
  const value = search.get('embed');
  return value === '1' || value === 'true';
}

export function useEmbedded(): boolean {
  const [search] = useSearchParams();
  return isEmbedded(search);
}

/** Turns an app path into an href that keeps `embed` / `theme`. */
export function useAppHref(): (to: string) => string {
  const [search] = useSearchParams();
  return useCallback((to: string) => carryChromeParams(to, search), [search]);
}
