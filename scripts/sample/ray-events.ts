import { randomBase64 } from './ids.ts';
import type { Random } from './random.ts';
import { rfc3339 } from './time.ts';

// Builders of Ray's exported events in ProtoJSON, exactly as the collector stores them:
// ids are standard base64 with padding, int64 values are quoted strings, default values are
// printed (empty strings, zeros, false), unset message fields are left out, timestamps are
// RFC 3339 with nanoseconds.

export type RayEvent = Record<string, unknown>;

const EVENT_ID_BYTES = 16;

/** Who writes events: the session (every event names it) and the id generator. */
export interface EventSource {
  sessionName: string;
  random: Random;
}

export type SourceType = 'CORE_WORKER' | 'GCS' | 'RAYLET';

export function rayEvent(
  source: EventSource,
  sourceType: SourceType,
  eventType: string,
  us: number,
  payloadKey: string,
  payload: Record<string, unknown>,
): RayEvent {
  return {
    eventId: randomBase64(source.random, EVENT_ID_BYTES),
    sourceType,
    eventType,
    timestamp: rfc3339(us),
    severity: 'INFO',
    message: '',
    sessionName: source.sessionName,
    [payloadKey]: payload,
  };
}

let quotedFor = '';
let quoted = '""';

/**
 * The JSON text of `rayEvent(...)` up to its payload's value: `{"eventId":…,"<payloadKey>":`.
 * Writers of millions of events append the payload's JSON and `}` to it themselves.
 */
export function rayEventHead(
  source: EventSource,
  sourceType: SourceType,
  eventType: string,
  us: number,
  payloadKey: string,
): string {
  if (source.sessionName !== quotedFor) {
    quotedFor = source.sessionName;
    quoted = JSON.stringify(quotedFor);
  }
  return (
    '{"eventId":"' +
    randomBase64(source.random, EVENT_ID_BYTES) +
    '","sourceType":"' +
    sourceType +
    '","eventType":"' +
    eventType +
    '","timestamp":"' +
    rfc3339(us) +
    '","severity":"INFO","message":"","sessionName":' +
    quoted +
    ',"' +
    payloadKey +
    '":'
  );
}
