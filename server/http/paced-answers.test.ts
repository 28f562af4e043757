import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { pacedChunks, pacedPieces, piecesOf } from './paced-answers.ts';
import { TurnBudget, type TimeLeft } from './turn-budget.ts';

// Heavy answers as streams whose every step (making a piece, handing it to the response) runs
// within the request thread's turn budget.

/** A budget that says whether a piece is running now, and counts them. */
class WatchedTurns extends TurnBudget {
  inPiece = false;
  pieces = 0;

  override run<T>(piece: (timeLeft: TimeLeft) => T): Promise<T> {
    return super.run((timeLeft) => {
      this.pieces++;
      this.inPiece = true;
      try {
        return piece(timeLeft);
      } finally {
        this.inPiece = false;
      }
    });
  }
}

/** A response stand-in: keeps what is written and whether each write came within a piece. */
function response(turns: WatchedTurns) {
  const chunks: Buffer[] = [];
  const writtenInPiece: boolean[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      writtenInPiece.push(turns.inPiece);
      setImmediate(done); // a socket that takes a while to drain
    },
  });
  return { sink, chunks, writtenInPiece };
}

const bytes = Buffer.from(Array.from({ length: 10_000 }, (_, i) => `line ${i}\n`).join(''));

describe('pacedPieces', () => {
  it('sends every piece in order, each written to the response within a step of the budget', async () => {
    // No time to spare: a step makes one piece.
    const turns = new WatchedTurns(0);
    const { sink, chunks, writtenInPiece } = response(turns);
    await pipeline(pacedPieces(turns, piecesOf(bytes, 4096)), sink);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(chunks.length).toBe(Math.ceil(bytes.length / 4096));
    expect(writtenInPiece.every(Boolean)).toBe(true);
    expect(turns.pieces).toBe(chunks.length + 1); // and one for the end
  });

  it('makes several pieces in one step while the response takes them and the turn has time', async () => {
    const turns = new WatchedTurns(1000);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      highWaterMark: 1024 * 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await pipeline(pacedPieces(turns, piecesOf(bytes, 4096)), sink);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(turns.pieces).toBeLessThan(chunks.length / 4);
  });

  it('makes no more pieces once the answer is destroyed (its client went away)', async () => {
    const turns = new TurnBudget(5);
    let made = 0;
    function* counted() {
      for (const piece of piecesOf(bytes, 1024)) {
        made++;
        yield piece;
      }
    }
    const answer = pacedPieces(turns, counted());
    answer.once('data', () => answer.destroy());
    await once(answer, 'close');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(made).toBeLessThanOrEqual(2);
    expect(turns.waiting).toBe(0);
  });

  it('fails the answer when making a piece fails', async () => {
    const turns = new TurnBudget(5);
    const broken = (function* () {
      yield Buffer.from('first\n');
      throw new Error('storage broke');
    })();
    await expect(
      pipeline(pacedPieces(turns, broken), new Writable({ write: (_c, _e, done) => done() })),
    ).rejects.toThrow('storage broke');
  });
});

describe('pacedChunks', () => {
  it("passes a source's chunks on unchanged, each written within a piece of the budget", async () => {
    const turns = new WatchedTurns(0);
    const { sink, chunks, writtenInPiece } = response(turns);
    await pipeline(pacedChunks(turns, Readable.from([...piecesOf(bytes, 8192)])), sink);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(writtenInPiece.every(Boolean)).toBe(true);
    expect(turns.pieces).toBe(Math.ceil(bytes.length / 8192));
  });

  it('stops the source when the answer is destroyed, and fails the answer when the source fails', async () => {
    const turns = new TurnBudget(5);
    const source = Readable.from([...piecesOf(bytes, 1024)]);
    const answer = pacedChunks(turns, source);
    answer.once('data', () => answer.destroy());
    await new Promise((resolve) => source.once('close', resolve));
    expect(source.destroyed).toBe(true);

    const failing = new Readable({ read() {} });
    const failed = pacedChunks(turns, failing);
    failing.destroy(new Error('disk failed'));
    const [error] = (await once(failed, 'error')) as [Error];
    expect(error.message).toBe('disk failed');
  });
});
