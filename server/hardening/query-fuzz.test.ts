import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLogFileQuery } from '../history/logs/log-file-query.ts';
import { compileSearch, SEARCH_MODES } from '../history/logs/search-pattern.ts';
import { HttpError } from '../http/errors.ts';
import { dateBound, oneOf, positiveInt, type RawQuery } from '../http/query-params.ts';
import { sessionFilters } from '../routes/sessions.ts';
import { taskQueryOf } from '../routes/session/task-params.ts';
import { hostileHistory, scoped, type HostileHistory } from '../test/hostile.ts';

// Arbitrary query strings: every parser either parses or throws a 400 HttpError; nothing else
// escapes. Then the same through the app: never a 5xx.

const nasty = fc.constantFrom(
  '',
  '-1',
  '0',
  '1e3',
  'NaN',
  '99999999999999999999',
  '%',
  '%00',
  '..',
  '/',
  '\\',
  '__proto__',
  '(a+)+$',
  '[',
  '日本',
  '=',
  '!=',
  'true',
  'FAILED',
  'asc',
);
const text = fc.oneof(fc.string({ maxLength: 20 }), nasty);
const value = fc.oneof(text, fc.array(text, { minLength: 2, maxLength: 3 }));

function queryOf(names: readonly string[]): fc.Arbitrary<RawQuery> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 6 })), value, {
    maxKeys: 6,
  });
}

/** Runs a parser; anything thrown must be a 400 HttpError with a message. */
function parsesOr400(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(400);
    expect((error as HttpError).message.length).toBeGreaterThan(0);
  }
}

const TASK_PARAMS = [
  'limit',
  'offset',
  'detail',
  'exclude_driver',
  'sort_by',
  'order',
  'filter_keys',
  'filter_predicates',
  'filter_values',
];
const LOG_PARAMS = [
  'node_id',
  'node_ip',
  'filename',
  'task_id',
  'actor_id',
  'pid',
  'job_id',
  'suffix',
  'lines',
  'start',
  'end',
  'before',
  'bytes',
  'download',
  'download_filename',
  'filter_ansi_code',
  'attempt_number',
];
const SESSION_PARAMS = ['namespace', 'kind', 'owner', 'q', 'from', 'to', 'page', 'pageSize'];

describe('query parser fuzz', () => {
  it('task list parameters', () => {
    fc.assert(
      fc.property(queryOf(TASK_PARAMS), (q) => parsesOr400(() => taskQueryOf(q))),
      { numRuns: 500 },
    );
  });

  it('log file parameters (which file, which range)', () => {
    fc.assert(
      fc.property(queryOf(LOG_PARAMS), (q) => parsesOr400(() => parseLogFileQuery(q))),
      { numRuns: 500 },
    );
  });

  it('session list parameters', () => {
    fc.assert(
      fc.property(queryOf(SESSION_PARAMS), (q) => parsesOr400(() => sessionFilters(q))),
      { numRuns: 500 },
    );
  });

  it('single-value helpers', () => {
    fc.assert(
      fc.property(queryOf(['n']), fc.integer({ min: 0, max: 5 }), (q, min) => {
        parsesOr400(() => positiveInt(q, 'n', { min, max: 100 }));
        parsesOr400(() => oneOf(q, 'n', ['a', 'b'] as const));
        parsesOr400(() => dateBound(q, 'n', 'from'));
      }),
      { numRuns: 500 },
    );
  });

  it('search patterns in every mode', () => {
    const pattern = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.stringMatching(/^[()[\]{}*+?|\\^$.a-z0-9,<=!:]{0,20}$/),
      nasty,
    );
    fc.assert(
      fc.property(pattern, fc.constantFrom(...SEARCH_MODES), (q, mode) =>
        parsesOr400(() => compileSearch(q, mode)),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('query fuzz through the app', () => {
  let h: HostileHistory;
  beforeAll(async () => {
    h = await hostileHistory();
  });
  afterAll(() => h.close());

  const encoded = (q: RawQuery) =>
    Object.entries(q)
      .flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map(
          (x) => `${encodeURIComponent(k)}=${encodeURIComponent(String(x))}`,
        ),
      )
      .join('&');

  it('never answers 5xx, whatever the parameters of any route', async () => {
    const routes = [
      '/api/v0/tasks',
      '/api/v0/logs/file',
      '/api/v0/logs',
      '/logs/files',
      '/logs/search',
      '/events',
      '/api/v0/tasks/summarize',
      '/api/v0/tasks/timeline',
      '/nodes',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        queryOf([
          ...TASK_PARAMS,
          ...LOG_PARAMS,
          'q',
          'mode',
          'glob',
          'prefix',
          'view',
          'summary_by',
          'job_id',
          'context',
          'max_matches',
        ]),
        async (route, q) => {
          const res = await h.app.inject(scoped(`${route}?${encoded(q)}`));
          expect(res.statusCode, `${route}?${encoded(q)} ${res.body.slice(0, 200)}`).toBeLessThan(
            500,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never answers 5xx, whatever the session named in the URL', async () => {
    const segment = fc.oneof(
      text,
      fc.constantFrom('raycluster', 'rayjob', 'latest', 'session_2026-01-11_19-38-40_146706_1'),
    );
    await fc.assert(
      fc.asyncProperty(fc.tuple(segment, segment, segment, segment), async (parts) => {
        const path = `/api/c/${parts.map((p) => encodeURIComponent(p) || 'x').join('/')}/summary`;
        const res = await h.app.inject(path);
        expect(res.statusCode, `${path} ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
