// The request thread's time per event-loop turn, shared by every heavy answer (log slices, ANSI
// stripping, downloads, literal searches). Each paced their own work before, but every one of
// them ran its next piece in the same turn: with 64 clients a turn held tens of milliseconds of
// pieces and a /livez probe waited behind all of them (docs/hardening.md, "Round 5"). Now each
// piece waits in one queue, first come first served, and a turn runs pieces only until it has
// spent `turnMs`: the rest go in the next turn, after the requests that came in meanwhile.

/** Whether the turn running a piece still has time left: a piece may do more steps while it has. */
export type TimeLeft = () => boolean;

export class TurnBudget {
  readonly turnMs: number;
  private queue: ((timeLeft: TimeLeft) => void)[] = [];
  private scheduled = false;

  constructor(turnMs: number) {
    this.turnMs = turnMs;
  }

  /** Pieces waiting for a turn (for tests). */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Runs `piece`, synchronous work, in the first turn with time left after the pieces queued
   * before it. What the piece does is counted against the turn; what its caller does once the
   * promise settles is not, so a piece should hold all of its step's work (the socket write too).
   * A piece that can go on in steps (the next 64 KiB) may ask `timeLeft()` and take more of the turn.
   */
  run<T>(piece: (timeLeft: TimeLeft) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push((timeLeft) => {
        try {
          resolve(piece(timeLeft));
        } catch (error) {
          reject(error as Error);
        }
      });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.turn);
      }
    });
  }

  private readonly turn = (): void => {
    const pieces = this.queue;
    this.queue = [];
    const started = performance.now();
    const timeLeft = () => performance.now() - started < this.turnMs;
    let ran = 0;
    // At least one piece a turn, however long the last took: every answer moves on.
    while (ran < pieces.length && (ran === 0 || timeLeft())) pieces[ran++]!(timeLeft);
    // Pieces queued while these ran come after the ones left over.
    this.queue = ran < pieces.length ? pieces.slice(ran).concat(this.queue) : this.queue;
    this.scheduled = this.queue.length > 0;
    if (this.scheduled) setImmediate(this.turn);
  };
}
