import { pipeline, Readable, Transform } from 'node:stream';
import type { TurnBudget } from './turn-budget.ts';

// Heavy answers as streams whose every step runs in the request thread's turn budget
// (turn-budget.ts): making the next piece and handing it to the socket (a piped stream passes a
// chunk on to the response, and the kernel copies it, synchronously within the push).

/**
 * An answer made of `pieces`, each made (`next()`) and sent within the turn budget: one step
 * makes pieces while the response takes them and the turn has time left (a lone answer moves
 * at full speed, one among many gets its share of each turn).
 */
export function pacedPieces(turns: TurnBudget, pieces: Iterator<Buffer>): Readable {
  return new Readable({
    read() {
      turns
        .run((timeLeft) => {
          let taken = true;
          while (taken && !this.destroyed) {
            const piece = pieces.next();
            taken = this.push(piece.done ? null : piece.value) && !piece.done && timeLeft();
          }
        })
        .catch((error: unknown) => this.destroy(error as Error));
    },
  });
}

/** `bytes` as views of at most `pieceBytes` each (no copy). */
export function* piecesOf(bytes: Buffer, pieceBytes: number): Generator<Buffer> {
  for (let from = 0; from < bytes.length; from += pieceBytes)
    yield bytes.subarray(from, from + pieceBytes);
}

/**
 * `source` (a file's chunks) passed on a chunk per step within the budget. An error of either
 * side destroys both; the answer's end (or its client leaving) stops the source.
 */
export function pacedChunks(turns: TurnBudget, source: Readable): Readable {
  const paced = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      turns.run(() => void this.push(chunk)).then(() => done(), done);
    },
  });
  return pipeline(source, paced, () => {});
}
