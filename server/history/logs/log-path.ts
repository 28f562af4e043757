import { badRequest } from '../../http/errors.ts';

// A path inside one node's `logs/` folder, as given by a client: refused (400) unless it is a
// plain relative '/'-separated path that cannot leave the folder.

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

function refuse(name: string, value: string): never {
  throw badRequest(
    `${name} must be a path inside the node's logs folder, got ${JSON.stringify(value)}`,
  );
}

/** Checks a file path relative to `logs/`; returns it unchanged. */
export function safeLogPath(value: string, name = 'filename'): string {
  if (value.startsWith('/') || value.includes('\\') || CONTROL.test(value) || value.endsWith('/'))
    refuse(name, value);
  // Fastify decodes once; a still-encoded dot or slash means a double-encoded escape attempt.
  if (/%(2e|2f|5c|00|25)/i.test(value)) refuse(name, value);
  if (value.split('/').some((part) => part === '' || part === '.' || part === '..'))
    refuse(name, value);
  return value;
}

/** Checks a folder path relative to `logs/` ('' for `logs/` itself); returns it ending with '/'. */
export function safeLogFolder(value: string | undefined, name = 'prefix'): string {
  if (value === undefined || value === '' || value === '/') return '';
  const folder = value.endsWith('/') ? value.slice(0, -1) : value;
  return `${safeLogPath(folder, name)}/`;
}

/** A path Ray recorded in task_log_info (often absolute, `/tmp/ray/session_x/logs/worker-...out`) made relative to `logs/`. */
export function recordedLogPath(recorded: string): string {
  const marker = recorded.lastIndexOf('/logs/');
  if (marker >= 0) return recorded.slice(marker + '/logs/'.length);
  return recorded.slice(recorded.lastIndexOf('/') + 1);
}
