import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { InflateDataError, InflateLimitError, inflateRaw } from '../../src/core/extract/inflate';

/** Deterministic numbers in [0, 1), so a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const WORDS = 'the SSN 536-22-8471 of <c r="A1" t="str"><v>broker</v></c> license roster and data\n'.split(
  ' ',
);

/** Text-like, random or run-heavy bytes: each exercises different block types and code shapes. */
function sample(next: () => number, length: number): Buffer {
  const kind = next();
  const bytes = Buffer.alloc(length);
  if (kind < 0.3) for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
  else if (kind < 0.4) bytes.fill(Math.floor(next() * 256));
  else {
    let text = '';
    while (text.length < length) text += `${WORDS[Math.floor(next() * WORDS.length)]} `;
    bytes.write(text.slice(0, length), 'latin1');
  }
  return bytes;
}

const STRATEGIES = [
  constants.Z_DEFAULT_STRATEGY,
  constants.Z_FILTERED,
  constants.Z_HUFFMAN_ONLY,
  constants.Z_RLE,
  constants.Z_FIXED,
];

function deflate(next: () => number, data: Buffer): Buffer {
  const level = [0, 1, 6, 9][Math.floor(next() * 4)] as number;
  const strategy = STRATEGIES[Math.floor(next() * STRATEGIES.length)] as number;
  return deflateRawSync(data, { level, strategy });
}

/** zlib's verdict: the bytes, or undefined when it refuses the data. */
function zlibVerdict(data: Uint8Array): Buffer | undefined {
  try {
    return inflateRawSync(data);
  } catch {
    return undefined;
  }
}

function ourVerdict(data: Uint8Array): Buffer | undefined {
  try {
    return Buffer.from(inflateRaw(data, { cap: 64 * 1024 * 1024 }));
  } catch (error) {
    if (error instanceof InflateDataError) return undefined;
    throw error;
  }
}

/** One damaged variant of a valid stream: flipped bits, a replaced byte, a cut, or trailing bytes. */
function damage(next: () => number, valid: Buffer): Buffer {
  const bytes = Buffer.from(valid);
  const kind = next();
  const at = Math.floor(next() * bytes.length);
  if (kind < 0.4) {
    for (let flips = 1 + Math.floor(next() * 3); flips > 0; flips--)
      bytes[Math.floor(next() * bytes.length)]! ^= 1 << Math.floor(next() * 8);
    return bytes;
  }
  if (kind < 0.6) return bytes.subarray(0, at);
  if (kind < 0.7) return Buffer.concat([bytes, Buffer.from([next() * 256, next() * 256, 7])]);
  if (kind < 0.9) {
    bytes[at] = Math.floor(next() * 256);
    return bytes;
  }
  return Buffer.from(Array.from({ length: Math.floor(next() * 64) }, () => Math.floor(next() * 256)));
}

describe('inflateRaw', () => {
  it('inflates what zlib deflates, at every level and strategy', () => {
    const next = random(1);
    for (let i = 0; i < 300; i++) {
      const data = sample(next, next() < 0.5 ? Math.floor(next() * 300) : Math.floor(next() * 70_000));
      const out = inflateRaw(deflate(next, data), { cap: data.length, sizeHint: data.length });
      // Compared as hex: Jest compares typed arrays element by element, slowly.
      expect(Buffer.from(out).toString('hex')).toBe(data.toString('hex'));
    }
  });

  it('decodes codes longer than the fast table next to short ones', () => {
    // One common byte and 200 rare ones, each once: the rare literals get codes of 11-15 bits,
    // decoded bit by bit, between runs of 1-bit codes.
    const next = random(5);
    const bytes: number[] = [];
    for (let rare = 0; rare < 200; rare++) {
      for (let run = Math.floor(next() * 300); run > 0; run--) bytes.push(97);
      bytes.push(rare === 97 ? 98 : rare);
      bytes.push(rare + 1 === 97 ? 99 : (rare + 1) % 256);
    }
    const data = Buffer.from(bytes);
    const compressed = deflateRawSync(data, { strategy: constants.Z_HUFFMAN_ONLY });
    const out = inflateRaw(compressed, { cap: data.length, sizeHint: data.length });
    expect(Buffer.from(out).toString('hex')).toBe(data.toString('hex'));
  });

  it('agrees with zlib on damaged data: the same bytes, or both refuse it', () => {
    const next = random(2);
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const data = sample(next, next() < 0.5 ? Math.floor(next() * 300) : Math.floor(next() * 20_000));
      const damaged = damage(next, deflate(next, data));
      const expected = zlibVerdict(damaged);
      const actual = ourVerdict(damaged);
      if (expected === undefined) refused++;
      expect(actual === undefined ? 'refused' : actual.toString('hex')).toBe(
        expected === undefined ? 'refused' : expected.toString('hex'),
      );
    }
    // Both outcomes are exercised, not just one.
    expect(refused).toBeGreaterThan(500);
    expect(refused).toBeLessThan(2500);
  });

  it('refuses data cut at any byte, in a literal, a length or a distance, as zlib does', () => {
    const next = random(6);
    for (const strategy of STRATEGIES) {
      const data = sample(next, 3000);
      const compressed = deflateRawSync(data, { level: 9, strategy });
      // Each cut also starts the input at another offset of its buffer: reads past the end then
      // meet other bytes, not zeros.
      const pool = Buffer.concat([compressed, Buffer.alloc(16, 0xff)]);
      for (let cut = 0; cut < compressed.length; cut++) {
        const truncated = pool.subarray(0, cut);
        expect(ourVerdict(truncated)).toEqual(zlibVerdict(truncated));
      }
    }
  });

  it('stops at the first byte past the cap', () => {
    const data = sample(random(3), 50_000);
    const compressed = deflateRawSync(data);
    expect(inflateRaw(compressed, { cap: data.length })).toHaveLength(data.length);
    expect(() => inflateRaw(compressed, { cap: data.length - 1 })).toThrow(InflateLimitError);
    expect(() => inflateRaw(compressed, { cap: data.length - 1, sizeHint: data.length - 1 })).toThrow(
      `inflates past ${data.length - 1} bytes`,
    );
    // A size hint is only where the output starts: it grows past it up to the cap.
    expect(inflateRaw(compressed, { cap: data.length, sizeHint: 10 })).toHaveLength(data.length);
  });

  it('refuses a bomb at the cap, whatever the data would inflate to', () => {
    // 200 MB of zeros deflate to ~200 KB; with a cap of 1 MB only that much is ever written.
    const bomb = deflateRawSync(Buffer.alloc(200 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(300 * 1024);
    expect(() => inflateRaw(bomb, { cap: 1024 * 1024, sizeHint: 1000 })).toThrow(InflateLimitError);
  });

  it('keeps what decoded before the damage', () => {
    const data = sample(random(4), 40_000);
    const compressed = deflateRawSync(data, { level: 1 });
    let error: unknown;
    try {
      inflateRaw(compressed.subarray(0, compressed.length >> 1), { cap: data.length });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InflateDataError);
    const partial = Buffer.from((error as InflateDataError).partial);
    expect(partial.length).toBeGreaterThan(1000);
    expect(partial.toString('hex')).toBe(data.subarray(0, partial.length).toString('hex'));
  });

  it('reports stream errors as zlib words them', () => {
    expect(() => inflateRaw(Uint8Array.of(0x07), { cap: 10 })).toThrow('invalid block type');
    expect(() => inflateRaw(Uint8Array.of(0x01, 0x05, 0x00, 0x00, 0x00), { cap: 10 })).toThrow(
      'invalid stored block lengths',
    );
    expect(() => inflateRaw(new Uint8Array(0), { cap: 10 })).toThrow('unexpected end of data');
  });

  it('rejects a cap that is not a number of bytes', () => {
    expect(() => inflateRaw(Uint8Array.of(3, 0), { cap: Number.NaN })).toThrow(RangeError);
    expect(() => inflateRaw(Uint8Array.of(3, 0), { cap: -1 })).toThrow(RangeError);
    expect(inflateRaw(Uint8Array.of(3, 0), { cap: 0 })).toHaveLength(0);
  });
});
