// What the rest of the app sees of the login, whatever the mode.

export interface SignedInUser {
  /** What the header shows: the server's view of the user, else the token's profile. */
  name: string;
}

export type AuthView =
  /** Finding out (config read, callback being processed, session being checked). */
  | { status: 'checking' }
  /** The user may use the app (also: mode none). */
  | { status: 'ready'; user: SignedInUser | null }
  /** Credentials needed; `resume` is true when the app already ran and stays mounted below. */
  | { status: 'sign-in'; resume: boolean; problem: string | null; signedOut: boolean }
  /** A top-level redirect to the provider is under way. */
  | { status: 'redirecting' }
  /** This window is the login popup and has handed the answer to its opener. */
  | { status: 'popup-done' }
  /** The server refused the signed-in user (403), with its message. */
  | { status: 'forbidden'; message: string }
  /** The login itself failed (provider error, broken callback). */
  | { status: 'failed'; message: string };

/** A login mode's controller; the React side only renders its view and forwards clicks. */
export interface AuthController {
  view(): AuthView;
  subscribe(listener: () => void): () => void;
  start(): Promise<void>;
  /** The Authorization header for API calls, or null when the cookie carries the session. */
  authorization(): Promise<string | null>;
  /** After a 401: true when fresh credentials are in place. */
  recover(): Promise<boolean>;
  forbidden(message: string): void;
  signOut(): Promise<void>;
}

/** Listener bookkeeping shared by the controllers. */
export class ViewStore {
  private current: AuthView = { status: 'checking' };
  private readonly listeners = new Set<() => void>();

  get(): AuthView {
    return this.current;
  }

  set(view: AuthView): void {
    this.current = view;
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
