import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripAnsi } from '../../contract/ansi.ts';
import { TurnBudget, type TimeLeft } from '../http/turn-budget.ts';
import {
  expectStillServing,
  hostileHistory,
  ids,
  logFileUrl,
  scoped,
  type HostileHistory,
} from '../test/hostile.ts';

// Under the hostile mix every heavy answer ran its next piece in the same event-loop turn, and
// a /livez probe waited behind all of them (docs/hardening.md, "Round 5"). Each kind now does its
// work a piece at a time within the one budget of the request thread's time per turn
// (server/http/turn-budget.ts); this checks that each goes through it and still answers the
// same bytes.

class CountedTurns extends TurnBudget {
  pieces = 0;

  override run<T>(piece: (timeLeft: TimeLeft) => T): Promise<T> {
    this.pieces++;
    return super.run(piece);
  }
}

const MIB = 1024 * 1024;
const LINE = '\u001b[32mINFO\u001b[0m worker line of a colour-coded log\n';
const text = LINE.repeat(Math.ceil((6 * MIB) / LINE.length));

describe('heavy answers share the turn budget', () => {
  // No time to spare in a turn: each step does one piece of work, so steps count the pieces.
  const turns = new CountedTurns(0);
  let h: HostileHistory;
  beforeAll(async () => {
    h = await hostileHistory({}, { turns });
    await h.writeLog('big.log', text);
  }, 60_000);
  afterAll(() => h.close());

  /** The answer, and how many pieces of the budget it took. */
  async function piecesFor(url: string, method: 'GET' | 'HEAD' = 'GET') {
    const before = turns.pieces;
    const res = await h.app.inject({ url, method, headers: { 'accept-encoding': 'identity' } });
    return { res, pieces: turns.pieces - before };
  }

  it('sends a large slice a megabyte per piece, with its length', async () => {
    const { res, pieces } = await piecesFor(logFileUrl('filename=big.log&lines=-1'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(text);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(text)));
    expect(pieces).toBeGreaterThanOrEqual(6);
    const head = await piecesFor(logFileUrl('filename=big.log&lines=-1'), 'HEAD');
    expect(head.res.headers['content-length']).toBe(String(Buffer.byteLength(text)));
    expect(head.res.body).toBe('');
  });

  it('strips colour codes a piece of 64 KiB at a time', async () => {
    const { res, pieces } = await piecesFor(
      logFileUrl('filename=big.log&lines=-1&filter_ansi_code=true'),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(stripAnsi(text));
    expect(pieces).toBeGreaterThanOrEqual(60);
  });

  it('passes a download on a chunk per piece', async () => {
    const { res, pieces } = await piecesFor(logFileUrl('filename=big.log&download=true'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(text);
    expect(pieces).toBeGreaterThanOrEqual(2);
  });

  it('searches a megabyte per piece', async () => {
    const { res, pieces } = await piecesFor(
      scoped(`/logs/search?node_id=${ids.head}&q=never-there&glob=big.log`),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/"type":"done".*"matches":0/);
    expect(pieces).toBeGreaterThanOrEqual(6);
    await expectStillServing(h.app);
    expect(turns.waiting).toBe(0);
  });
});
