import { SESSION_KINDS, type SessionKind } from './api.ts';

// The names a session URL is made of, checked the same way by the server (storage keys, API
// scopes, cookies, LIVE_CLUSTERS) and the SPA (route params).

const SESSION_NAME = /^session_(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})_(\d{6})_(\d+)$/;
// Kubernetes object names (RFC 1123 subdomain) and namespaces (RFC 1123 label).
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isSessionKind(value: string): value is SessionKind {
  return (SESSION_KINDS as readonly string[]).includes(value);
}

/** Start time (unix ms, UTC) of a session name, or null when the name does not parse. */
export function parseSessionName(name: string): number | null {
  const m = SESSION_NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, micros] = m.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, Math.floor(micros! / 1000));
  const date = new Date(ms);
  // Reject dates that roll over (e.g. month 13, Feb 30).
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59)
    return null;
  return ms;
}

/** A Kubernetes object name: an owner or cluster name (also accepted for namespaces in URLs). */
export function isDnsName(name: string): boolean {
  return DNS_SUBDOMAIN.test(name);
}

/** A Kubernetes namespace name. */
export function isDnsLabel(name: string): boolean {
  return DNS_LABEL.test(name);
}
