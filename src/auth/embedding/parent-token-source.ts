import { TOKEN_REQUEST_MESSAGE, postToParent, tokenFromMessage } from './parent-channel';
import type { TokenMessage } from './parent-channel';

// Tokens handed over by the framing page, kept in memory only (never in storage or URLs).

/** Treat a token this close to its expiry as gone, so a request never races the clock. */
const EXPIRY_MARGIN_MS = 10_000;

export class ParentTokenSource {
  private token: TokenMessage | null = null;
  private everReceived = false;
  private pending: Promise<string | null> | null = null;
  private readonly waiters = new Set<(token: string) => void>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly origins: readonly string[],
    private readonly win: Window = window,
  ) {}

  /** Starts listening for the parent's messages; returns a function that stops. */
  listen(): () => void {
    const onMessage = (event: MessageEvent) => {
      const token = tokenFromMessage(event, this.win.parent, this.origins);
      if (!token) return;
      this.token = token;
      this.everReceived = true;
      for (const resolve of this.waiters) resolve(token.accessToken);
      this.waiters.clear();
      for (const listener of this.listeners) listener();
    };
    this.win.addEventListener('message', onMessage);
    return () => this.win.removeEventListener('message', onMessage);
  }

  /** Called whenever a new token arrives. */
  onToken(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A token came at some point (so the parent is the one to renew it). */
  get used(): boolean {
    return this.everReceived;
  }

  get enabled(): boolean {
    return this.origins.length > 0;
  }

  current(now = Date.now()): string | null {
    if (!this.token || this.token.expiresAt - EXPIRY_MARGIN_MS <= now) return null;
    return this.token.accessToken;
  }

  /** Asks the parent for a (new) token; null when none arrives within `timeoutMs`. */
  request(timeoutMs: number): Promise<string | null> {
    if (!this.enabled) return Promise.resolve(null);
    // Requests that fail together share one question to the parent.
    this.pending ??= new Promise<string | null>((resolve) => {
      this.token = null;
      const done = (token: string | null) => {
        clearTimeout(timer);
        this.waiters.delete(done);
        this.pending = null;
        resolve(token);
      };
      const timer = setTimeout(() => done(null), timeoutMs);
      this.waiters.add(done);
      postToParent({ type: TOKEN_REQUEST_MESSAGE }, this.origins, this.win);
    });
    return this.pending;
  }
}
