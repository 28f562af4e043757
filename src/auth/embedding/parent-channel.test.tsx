import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ROUTE_MESSAGE,
  TOKEN_MESSAGE,
  postToParent,
  routeMessage,
  tokenFromMessage,
  trustedOrigins,
} from './parent-channel';
import { ParentTokenSource } from './parent-token-source';

// The postMessage checks: only our parent, only from a configured exact origin, only well formed.

const CONSOLE = 'https://console.example.com';
const parent = {} as Window;
const later = Date.now() + 60_000;

function message(data: unknown, origin = CONSOLE, source: unknown = parent) {
  return new MessageEvent('message', { data, origin, source: source as Window });
}

const token = { type: TOKEN_MESSAGE, accessToken: 'tok-1', expiresAt: later };

describe('trustedOrigins', () => {
  it("keeps exact http(s) origins and drops '*', keywords, patterns and paths", () => {
    expect(
      trustedOrigins([
        CONSOLE,
        '*',
        "'self'",
        'https://*.example.com',
        'https://other.example.com/path',
        'http://127.0.0.1:9000',
        'javascript:alert(1)',
        CONSOLE,
      ]),
    ).toEqual([CONSOLE, 'http://127.0.0.1:9000']);
    expect(trustedOrigins(undefined)).toEqual([]);
  });
});

describe('tokenFromMessage', () => {
  it('accepts a token from the parent at a trusted origin', () => {
    expect(tokenFromMessage(message(token), parent, [CONSOLE])).toEqual(token);
  });

  it.each([
    ['another origin', message(token, 'https://evil.example')],
    ['a look-alike origin', message(token, 'https://console.example.com.evil.example')],
    ['a window that is not our parent', message(token, CONSOLE, {} as Window)],
    ['an unknown type', message({ ...token, type: 'ray-history:other' })],
    ['an empty token', message({ ...token, accessToken: '' })],
    ['a token with spaces', message({ ...token, accessToken: 'Bearer x' })],
    ['an expired token', message({ ...token, expiresAt: Date.now() - 1 })],
    ['expiry in seconds', message({ ...token, expiresAt: Math.floor(later / 1000) })],
    ['a string payload', message(JSON.stringify(token))],
  ])('ignores %s', (_what, event) => {
    expect(tokenFromMessage(event, parent, [CONSOLE])).toBeNull();
  });

  it('trusts nobody when no origin is configured', () => {
    expect(tokenFromMessage(message(token), parent, [])).toBeNull();
  });
});

describe('postToParent', () => {
  afterEach(() => vi.restoreAllMocks());

  it('addresses each configured origin, never *', () => {
    const postMessage = vi.fn();
    const framed = { top: {}, self: {}, parent: { postMessage } } as unknown as Window;
    const route = routeMessage({ pathname: '/c/a', search: '?embed=1', hash: '#L1' });
    postToParent(route, [CONSOLE, 'http://127.0.0.1:9000'], framed);
    expect(postMessage.mock.calls).toEqual([
      [{ type: ROUTE_MESSAGE, path: '/c/a', search: '?embed=1', hash: '#L1' }, CONSOLE],
      [
        { type: ROUTE_MESSAGE, path: '/c/a', search: '?embed=1', hash: '#L1' },
        'http://127.0.0.1:9000',
      ],
    ]);
  });

  it('says nothing at the top level', () => {
    const postMessage = vi.fn();
    const top = { postMessage } as unknown as Window;
    Object.assign(top, { top, self: top, parent: top });
    postToParent(routeMessage({ pathname: '/', search: '', hash: '' }), [CONSOLE], top);
    expect(postMessage).not.toHaveBeenCalled();
  });
});

describe('ParentTokenSource', () => {
  it('asks the parent for a token and takes only the answer from a trusted origin', async () => {
    const posted: unknown[] = [];
    const parentWindow = {
      postMessage: (data: unknown) => void posted.push(data),
    } as unknown as Window;
    const frame = Object.assign(new EventTarget(), {
      top: {},
      self: {},
      parent: parentWindow,
    }) as unknown as Window;
    const source = new ParentTokenSource([CONSOLE], frame);
    const stop = source.listen();

    const answer = source.request(1000);
    expect(posted).toEqual([{ type: 'ray-history:token-request' }]);
    frame.dispatchEvent(
      message({ ...token, accessToken: 'forged' }, 'https://evil.example', parentWindow),
    );
    frame.dispatchEvent(message(token, CONSOLE, parentWindow));
    await expect(answer).resolves.toBe('tok-1');
    expect(source.current()).toBe('tok-1');
    // Close to expiry counts as expired, so no request races the clock.
    expect(source.current(later - 5_000)).toBeNull();
    stop();
  });

  it('gives up when the parent does not answer', async () => {
    vi.useFakeTimers();
    const frame = Object.assign(new EventTarget(), {
      top: {},
      self: {},
      parent: { postMessage: () => undefined },
    }) as unknown as Window;
    const source = new ParentTokenSource([CONSOLE], frame);
    const answer = source.request(3000);
    await vi.advanceTimersByTimeAsync(3000);
    await expect(answer).resolves.toBeNull();
    vi.useRealTimers();
  });
});
