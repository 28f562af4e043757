import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache.ts';

interface Value {
  name: string;
  approxBytes: number;
}

const value = (name: string, approxBytes = 10): Value => ({ name, approxBytes });

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SnapshotCache', () => {
  it('loads once and then answers from memory with the same structure', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 100 });
    let loads = 0;
    const load = async () => (loads++, value('a'));
    const first = await cache.get('a', load);
    const second = await cache.get('a', load);
    expect(loads).toBe(1);
    expect(second).toBe(first);
  });

  it('evicts the least recently used sessions when over the byte budget', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 25 });
    await cache.get('a', async () => value('a'));
    await cache.get('b', async () => value('b'));
    await cache.get('a', async () => value('a again'));
    await cache.get('c', async () => value('c'));
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(cache.bytes).toBe(20);
  });

  it('keeps a single session larger than the budget rather than reloading it each time', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 25 });
    await cache.get('small', async () => value('small'));
    await cache.get('huge', async () => value('huge', 100));
    expect(cache.has('huge')).toBe(true);
    expect(cache.has('small')).toBe(false);
    expect(cache.size).toBe(1);
  });

  it('shares one load between concurrent first requests', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 100 });
    const gate = deferred<Value>();
    let loads = 0;
    const load = () => (loads++, gate.promise);
    const both = Promise.all([cache.get('a', load), cache.get('a', load)]);
    gate.resolve(value('a'));
    const [x, y] = await both;
    expect(loads).toBe(1);
    expect(x).toBe(y);
  });

  it('does not cache a failure: the next request loads again', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 100 });
    await expect(
      cache.get('a', async () => {
        throw new Error('storage down');
      }),
    ).rejects.toThrow('storage down');
    expect(cache.status('a').state).toBe('failed');
    await expect(cache.get('a', async () => value('a'))).resolves.toEqual(value('a'));
    expect(cache.status('a').state).toBe('ready');
  });

  it('a loader that throws synchronously fails the request, not the process', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 100 });
    const load = (): Promise<Value> => {
      throw new Error('bad');
    };
    await expect(cache.get('a', load)).rejects.toThrow('bad');
  });

  it('reports the progress of an in-flight load without starting one', async () => {
    const cache = new SnapshotCache<Value>({ maxBytes: 100 });
    expect(cache.status('a')).toEqual({
      state: 'idle',
      filesTotal: 0,
      filesRead: 0,
      bytesTotal: 0,
      bytesRead: 0,
    });
    const gate = deferred<Value>();
    const pending = cache.get('a', (progress) => {
      Object.assign(progress, { filesTotal: 4, filesRead: 1, bytesTotal: 400, bytesRead: 90 });
      return gate.promise;
    });
    expect(cache.status('a')).toEqual({
      state: 'loading',
      filesTotal: 4,
      filesRead: 1,
      bytesTotal: 400,
      bytesRead: 90,
    });
    gate.resolve(value('a'));
    await pending;
    expect(cache.status('a').state).toBe('ready');
    expect(cache.status('other').state).toBe('idle');
  });
});
