// The two loops a literal log search spends its time in, over raw bytes 16 at a time: counting
// newlines (line numbers need every one of them) and folding ASCII letters to lower case (so a
// case-insensitive needle is found by Buffer#indexOf). In JavaScript either loop costs about a
// nanosecond a byte, more than `grep` spends on the whole search; as WebAssembly SIMD they run
// near memory speed. The module is a few dozen instructions, assembled below from named opcodes
// so it can be read; byte-kernel.test.ts checks it against plain JavaScript.

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Popcnt: 0x69,
  i32Add: 0x6a,
  void: 0x40,
};
/** SIMD instructions: the 0xfd prefix, then the instruction's number. */
const simd = {
  load: [0xfd, 0x00, 0x00, 0x00], // v128.load, alignment 1, offset 0
  store: [0xfd, 0x0b, 0x00, 0x00], // v128.store, alignment 1, offset 0
  splat: (byte: number) => [0xfd, 0x0c, ...new Array<number>(16).fill(byte)], // v128.const
  eq: [0xfd, 0x23], // i8x16.eq
  ltU: [0xfd, 0x26], // i8x16.lt_u
  and: [0xfd, 0x4e], // v128.and
  or: [0xfd, 0x50], // v128.or
  bitmask: [0xfd, 0x64], // i8x16.bitmask
  sub: [0xfd, 0x71], // i8x16.sub
};

// Locals of both functions: 0 = from, 1 = to (parameters), 2 = count, 3 = the 16 bytes.
const FROM = 0;
const TO = 1;
const COUNT = 2;
const BYTES = 3;
const NEWLINE = 0x0a;

/** `(from, to) → newlines in [from, to)`; with `fold`, also lower-cases A–Z there in place. */
function countingLoop(fold: boolean): number[] {
  const lowerCase = [
    ...[op.localGet, FROM, op.localGet, BYTES],
    // (bytes - 'A') < 26 (unsigned) marks exactly A–Z; OR-ing 0x20 into those lower-cases them.
    ...[op.localGet, BYTES, ...simd.splat(0x41), ...simd.sub, ...simd.splat(26), ...simd.ltU],
    ...[...simd.splat(0x20), ...simd.and, ...simd.or, ...simd.store],
  ];
  const body = [
    ...[op.block, op.void, op.loop, op.void],
    ...[op.localGet, FROM, op.localGet, TO, op.i32GeU, op.brIf, 1],
    ...[op.localGet, FROM, ...simd.load, op.localSet, BYTES],
    ...[op.localGet, BYTES, ...simd.splat(NEWLINE), ...simd.eq, ...simd.bitmask, op.i32Popcnt],
    ...[op.localGet, COUNT, op.i32Add, op.localSet, COUNT],
    ...(fold ? lowerCase : []),
    ...[op.localGet, FROM, op.i32Const, 16, op.i32Add, op.localSet, FROM, op.br, 0],
    ...[op.end, op.end, op.localGet, COUNT, op.end],
  ];
  const locals = [2, 1, I32, 1, V128];
  return sized([...locals, ...body]);
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
}
const sized = (bytes: number[]) => [...leb128(bytes.length), ...bytes];
const section = (id: number, bytes: number[]) => [id, ...sized(bytes)];
const name = (text: string) => sized([...Buffer.from(text)]);

const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
  ...section(1, [1, 0x60, 2, I32, I32, 1, I32]), // one type: (i32, i32) → i32
  ...section(3, [2, 0, 0]), // two functions of that type
  ...section(5, [1, 0x00, 1]), // a memory of one 64 KiB page, grown from JavaScript
  ...section(7, [3, ...name('memory'), 2, 0, ...name('lines'), 0, 0, ...name('foldLines'), 0, 1]),
  ...section(10, [2, ...countingLoop(false), ...countingLoop(true)]),
]);

/** The WebAssembly API this file uses (the server's TypeScript libraries do not declare it). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;

interface Exports {
  memory: { buffer: ArrayBuffer; grow: (pages: number) => number };
  lines: (from: number, to: number) => number;
  foldLines: (from: number, to: number) => number;
}

const PAGE = 64 * 1024;
let kernel: Exports | null = null;

function instance(): Exports {
  kernel ??= new wasm.Instance(new wasm.Module(MODULE)).exports as Exports;
  return kernel;
}

/** A block of bytes in the kernel's memory; valid until the next `scanBytes` call. */
export interface ScannedBytes {
  /** The copy searched: A–Z lower-cased when asked to fold case. */
  copy: Buffer;
  /** Newlines in the whole block. */
  newlines: number;
  /** Newlines in [from, to) of the block. */
  newlinesIn: (from: number, to: number) => number;
}

function newlinesByByte(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (bytes[i] === NEWLINE) count++;
  return count;
}

/**
 * Copies `bytes` into the kernel's memory and counts their newlines; with `foldCase`, the copy
 * has A–Z lower-cased. One memory serves the whole thread (callers use the copy synchronously);
 * it grows to the largest block searched, no further.
 */
export function scanBytes(bytes: Buffer, foldCase: boolean): ScannedBytes {
  const k = instance();
  // Whole 16-byte steps: the padding past the bytes is zeroed so it counts no newline.
  const padded = (bytes.length + 15) & ~15;
  const missing = padded - k.memory.buffer.byteLength;
  if (missing > 0) k.memory.grow(Math.ceil(missing / PAGE));
  const memory = Buffer.from(k.memory.buffer, 0, padded);
  bytes.copy(memory, 0);
  memory.fill(0, bytes.length, padded);
  const newlines = foldCase ? k.foldLines(0, padded) : k.lines(0, padded);
  const copy = memory.subarray(0, bytes.length);
  const newlinesIn = (from: number, to: number) => {
    // The aligned middle in the kernel, the ragged ends (under 16 bytes each) here.
    const first = (from + 15) & ~15;
    const last = to & ~15;
    if (first >= last) return newlinesByByte(copy, from, to);
    return (
      newlinesByByte(copy, from, first) + k.lines(first, last) + newlinesByByte(copy, last, to)
    );
  };
  return { copy, newlines, newlinesIn };
}
