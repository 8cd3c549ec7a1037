/**
 * DEFLATE decoding (RFC 1951) into an output buffer that never grows past a cap.
 *
 * Why our own and not fflate's: a zip entry declares its size, and a bomb lies about it. fflate
 * grows its output freely, or, given a fixed buffer, silently drops what does not fit and decodes
 * on: a one-call inflate of a lying 290 KB entry ran ~0.8 s before anyone could refuse it, so we
 * had to stream it in 16 KiB steps (1.3x slower on a roster sheet) to stop it in time. This
 * decoder checks the cap where the output grows and stops at the first byte past it, so every
 * entry inflates in one call into a buffer of its declared size: no steps, no growth, no copies.
 *
 * Design (as zlib's inflate_fast and puff.c, written for JavaScript): the hot loop reads 32 bits
 * at an absolute bit position with one DataView load and keeps its state in locals; Huffman codes
 * of up to LITERAL_FAST_BITS are looked up in one table load, longer (rare) ones decoded bit by
 * bit from canonical counts. Tables are small on purpose: a 15-bit table per block would let a few
 * bytes of crafted block headers cost 32,768 writes each. It refuses exactly what zlib refuses (a
 * differential test compares them on thousands of damaged streams), so truncated or damaged data
 * is never mistaken for a shorter file.
 */

/** Output would pass the caller's cap: a zip entry larger than declared, or a bomb. */
export class InflateLimitError extends Error {}

/** Damaged or truncated data. `partial` is what decoded before the damage (PDF viewers show it). */
export class InflateDataError extends Error {
  constructor(
    message: string,
    readonly partial: Uint8Array,
  ) {
    super(message);
  }
}

export interface InflateOptions {
  /** The output may not pass this many bytes. */
  cap: number;
  /** Expected size (a zip entry's declared size): allocated up front, and grown past only up to `cap`. */
  sizeHint?: number;
}

const MAX_BITS = 15;
/** Literal/length codes of up to 10 bits (nearly all of them) decode with one table load. */
const LITERAL_FAST_BITS = 10;
const DISTANCE_FAST_BITS = 8;
/** When nothing hints at the size, start at four times the input (typical text deflates 3-4x). */
const UNKNOWN_SIZE_FACTOR = 4;
const MIN_INITIAL_OUTPUT = 1024;

/** RFC 1951 §3.2.5: base and extra bits of length symbols 257-285, then of distance codes 0-29. */
// prettier-ignore
const LENGTH_BASE = Uint16Array.of(
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
  163, 195, 227, 258
);
// prettier-ignore
const LENGTH_EXTRA = Uint8Array.of(
  0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
);
// prettier-ignore
const DISTANCE_BASE = Uint16Array.of(
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
  3073, 4097, 6145, 8193, 12289, 16385, 24577
);
// prettier-ignore
const DISTANCE_EXTRA = Uint8Array.of(
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
);
/** The order code-length code lengths are stored in (RFC 1951 §3.2.7). */
const CODE_LENGTH_ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);
const LITERAL_SYMBOLS = 288;
const DISTANCE_SYMBOLS = 32;
const END_OF_BLOCK = 256;

/**
 * A canonical Huffman code: `fast` maps the next `fastBits` stream bits to (symbol << 4 | code
 * length), 0 where the code is longer (or invalid); `counts` and `symbols` decode those slowly.
 */
class HuffmanCode {
  fastBits = 0;
  readonly fast: Uint16Array;
  readonly counts = new Uint16Array(MAX_BITS + 1);
  readonly symbols: Uint16Array;
  private readonly nextCode = new Uint16Array(MAX_BITS + 2);

  constructor(
    private readonly maxFastBits: number,
    maxSymbols: number,
  ) {
    this.fast = new Uint16Array(1 << maxFastBits);
    this.symbols = new Uint16Array(maxSymbols);
  }

  /**
   * Builds the code from code lengths. Returns how much of the code space is unused: 0 for a
   * complete code; throws on an over-subscribed one.
   */
  build(lengths: Uint8Array, from: number, count: number): number {
    const counts = this.counts;
    counts.fill(0);
    let maxLength = 0;
    for (let i = 0; i < count; i++) {
      const length = lengths[from + i] as number;
      counts[length] = (counts[length] as number) + 1;
      if (length > maxLength) maxLength = length;
    }
    counts[0] = 0;
    let left = 1;
    for (let length = 1; length <= MAX_BITS; length++) {
      left = (left << 1) - (counts[length] as number);
      if (left < 0) throw new Error('over-subscribed code');
    }
    this.sortSymbols(lengths, from, count);
    this.fillFastTable(lengths, from, count, Math.max(1, Math.min(this.maxFastBits, maxLength)));
    return maxLength === 0 ? 0 : left;
  }

  /** Symbols in canonical order: by code length, then by symbol value. */
  private sortSymbols(lengths: Uint8Array, from: number, count: number): void {
    const offsets = this.nextCode;
    offsets[1] = 0;
    for (let length = 1; length < MAX_BITS; length++)
      offsets[length + 1] = (offsets[length] as number) + (this.counts[length] as number);
    for (let symbol = 0; symbol < count; symbol++) {
      const length = lengths[from + symbol] as number;
      if (length === 0) continue;
      const at = offsets[length] as number;
      offsets[length] = at + 1;
      this.symbols[at] = symbol;
    }
  }

  private fillFastTable(lengths: Uint8Array, from: number, count: number, fastBits: number): void {
    const size = 1 << fastBits;
    const fast = this.fast;
    fast.fill(0, 0, size);
    this.fastBits = fastBits;
    const nextCode = this.nextCode;
    let code = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      code = (code + (this.counts[length - 1] as number)) << 1;
      nextCode[length] = code;
    }
    for (let symbol = 0; symbol < count; symbol++) {
      const length = lengths[from + symbol] as number;
      if (length === 0) continue;
      const assigned = nextCode[length] as number;
      nextCode[length] = assigned + 1;
      if (length > fastBits) continue;
      // Codes are stored most significant bit first; the stream is read least significant first.
      const entry = (symbol << 4) | length;
      for (let index = reverseBits(assigned, length); index < size; index += 1 << length) fast[index] = entry;
    }
  }
}

function reverseBits(code: number, length: number): number {
  let reversed = 0;
  for (let i = 0; i < length; i++) {
    reversed = (reversed << 1) | (code & 1);
    code >>>= 1;
  }
  return reversed;
}

function fixedCodes(): { literals: HuffmanCode; distances: HuffmanCode } {
  const lengths = new Uint8Array(LITERAL_SYMBOLS);
  lengths.fill(8, 0, 144);
  lengths.fill(9, 144, 256);
  lengths.fill(7, 256, 280);
  lengths.fill(8, 280, 288);
  const literals = new HuffmanCode(LITERAL_FAST_BITS, LITERAL_SYMBOLS);
  literals.build(lengths, 0, LITERAL_SYMBOLS);
  const distances = new HuffmanCode(DISTANCE_FAST_BITS, DISTANCE_SYMBOLS);
  distances.build(new Uint8Array(DISTANCE_SYMBOLS).fill(5), 0, DISTANCE_SYMBOLS);
  return { literals, distances };
}

let fixed: { literals: HuffmanCode; distances: HuffmanCode } | undefined;

/**
 * One decode: the input, the bit reader of the block headers, the output. Header parsing reads
 * bits through the methods; the hot loop ({@link decodeBlock}) works on an absolute bit position
 * in locals and syncs the reader through seek and bitPosition.
 */
class InflateState {
  pos = 0;
  bitBuffer = 0;
  bitCount = 0;
  outPos = 0;
  readonly literals = new HuffmanCode(LITERAL_FAST_BITS, LITERAL_SYMBOLS);
  readonly distances = new HuffmanCode(DISTANCE_FAST_BITS, DISTANCE_SYMBOLS);
  readonly codeLengths = new HuffmanCode(7, 19);
  readonly lengths = new Uint8Array(LITERAL_SYMBOLS + DISTANCE_SYMBOLS);

  /** The input and READ_PAST_END bytes after it, so 32-bit reads near the end stay in bounds. */
  readonly view: DataView;

  constructor(
    readonly data: Uint8Array,
    public out: Uint8Array,
    private readonly cap: number,
  ) {
    this.view = paddedView(data);
  }

  /** The absolute position of the next unread bit. */
  bitPosition(): number {
    return this.pos * 8 - this.bitCount;
  }

  /** Moves the bit reader to an absolute bit position (empties the bit buffer). */
  seek(bitPosition: number, outPos: number): void {
    this.pos = bitPosition >>> 3;
    this.bitBuffer = 0;
    this.bitCount = 0;
    this.outPos = outPos;
    const skip = bitPosition & 7;
    if (skip !== 0) this.bits(skip);
  }

  failAt(bitPosition: number, outPos: number, message: string): never {
    this.outPos = outPos;
    this.pos = bitPosition >>> 3;
    return this.fail(message);
  }

  fail(message: string): never {
    throw new InflateDataError(message, this.out.subarray(0, this.outPos));
  }

  /**
   * Tops the bit buffer up to at least 24 bits and at most 31, so it stays a positive 32-bit
   * integer (V8 would box a uint32 above 2^31). Bytes past the end read as 0; a real stream never
   * buffers 4 of them, so that many means it was cut short.
   */
  refill(): void {
    const data = this.data;
    while (this.bitCount <= 23) {
      this.bitBuffer |= (this.pos < data.length ? (data[this.pos] as number) : 0) << this.bitCount;
      this.pos++;
      this.bitCount += 8;
    }
    if (this.pos > data.length + 4) this.fail('unexpected end of data');
  }

  bits(count: number): number {
    if (this.bitCount < count) this.refill();
    const value = this.bitBuffer & ((1 << count) - 1);
    this.bitBuffer >>>= count;
    this.bitCount -= count;
    return value;
  }

  /** Room for `needed` output bytes in total, or InflateLimitError past the cap. */
  grow(needed: number): Uint8Array {
    if (needed > this.cap) throw new InflateLimitError(`inflates past ${this.cap} bytes`);
    const grown = new Uint8Array(Math.min(this.cap, Math.max(this.out.length * 2, needed)));
    grown.set(this.out.subarray(0, this.outPos));
    this.out = grown;
    return grown;
  }

  /** The next symbol of a code whose fast table missed: canonical decoding, bit by bit. */
  decodeSlow(code: HuffmanCode): number {
    if (this.bitCount < MAX_BITS) this.refill();
    let bits = this.bitBuffer;
    let value = 0;
    let first = 0;
    let index = 0;
    for (let length = 1; length <= MAX_BITS; length++) {
      value |= bits & 1;
      bits >>>= 1;
      const count = code.counts[length] as number;
      if (value - first < count) {
        this.bitBuffer >>>= length;
        this.bitCount -= length;
        return code.symbols[index + value - first] as number;
      }
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    return this.fail('invalid code');
  }

  decode(code: HuffmanCode): number {
    if (this.bitCount < MAX_BITS) this.refill();
    const entry = code.fast[this.bitBuffer & ((1 << code.fastBits) - 1)] as number;
    if (entry === 0) return this.decodeSlow(code);
    this.bitBuffer >>>= entry & 15;
    this.bitCount -= entry & 15;
    return entry >>> 4;
  }

  /** Stored block: byte-aligned length, its complement, then the bytes as they are. */
  copyStored(): void {
    this.bits(this.bitCount & 7);
    // Give back the whole bytes still in the bit buffer.
    this.pos -= this.bitCount >>> 3;
    this.bitBuffer = 0;
    this.bitCount = 0;
    const data = this.data;
    if (this.pos + 4 > data.length) this.fail('unexpected end of data');
    const length = (data[this.pos] as number) | ((data[this.pos + 1] as number) << 8);
    const complement = (data[this.pos + 2] as number) | ((data[this.pos + 3] as number) << 8);
    if (length !== (~complement & 0xffff)) this.fail('invalid stored block lengths');
    this.pos += 4;
    const available = Math.min(length, data.length - this.pos);
    if (this.outPos + available > this.out.length) this.grow(this.outPos + available);
    this.out.set(data.subarray(this.pos, this.pos + available), this.outPos);
    this.outPos += available;
    this.pos += available;
    if (available < length) this.fail('unexpected end of data');
  }

  /** Dynamic block header (RFC 1951 §3.2.7): the code-length code, then both codes' lengths. */
  readDynamicCodes(): void {
    const literalCount = this.bits(5) + 257;
    const distanceCount = this.bits(5) + 1;
    const codeLengthCount = this.bits(4) + 4;
    if (literalCount > 286 || distanceCount > 30) this.fail('too many length or distance symbols');
    const lengths = this.lengths;
    lengths.fill(0, 0, 19);
    for (let i = 0; i < codeLengthCount; i++) lengths[CODE_LENGTH_ORDER[i] as number] = this.bits(3);
    if (this.tryBuild(this.codeLengths, 0, 19) !== 0) this.fail('invalid code lengths set');
    this.readCodeLengths(literalCount + distanceCount);
    if (lengths[END_OF_BLOCK] === 0) this.fail('invalid code -- missing end-of-block');
    // Incomplete codes are allowed only as a single one-bit code (zlib's rule).
    const literalsLeft = this.tryBuild(this.literals, 0, literalCount);
    if (literalsLeft > 0 && !isSingleOneBitCode(this.literals)) this.fail('invalid literal/lengths set');
    const distancesLeft = this.tryBuild(this.distances, literalCount, distanceCount);
    if (distancesLeft > 0 && !isSingleOneBitCode(this.distances)) this.fail('invalid distances set');
  }

  private readCodeLengths(total: number): void {
    const lengths = this.lengths;
    let i = 0;
    while (i < total) {
      const symbol = this.decode(this.codeLengths);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (symbol === 16) {
        if (i === 0) this.fail('invalid bit length repeat');
        value = lengths[i - 1] as number;
        repeat = 3 + this.bits(2);
      } else repeat = symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      if (i + repeat > total) this.fail('invalid bit length repeat');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
  }

  private tryBuild(code: HuffmanCode, from: number, count: number): number {
    try {
      return code.build(this.lengths, from, count);
    } catch {
      return this.fail('over-subscribed code lengths set');
    }
  }
}

/** Bytes the hot loop may read past the input: a 32-bit read at up to 20 bits past its end. */
const READ_PAST_END = 8;

/**
 * A view of the input that reads READ_PAST_END bytes past its end. A zip entry has the rest of
 * the file after it (the central directory at least): view those bytes in place rather than copy
 * the entry (2.9 MB for a 15,870-row sheet). Whatever they hold, bits read past the end only ever
 * make up a code the end-of-data check then refuses, or fill a fast-table index's don't-care bits.
 */
function paddedView(data: Uint8Array): DataView {
  const after = data.buffer.byteLength - data.byteOffset - data.length;
  if (after >= READ_PAST_END) return new DataView(data.buffer, data.byteOffset, data.length + READ_PAST_END);
  const padded = new Uint8Array(data.length + READ_PAST_END);
  padded.set(data);
  return new DataView(padded.buffer);
}

function isSingleOneBitCode(code: HuffmanCode): boolean {
  for (let length = 2; length <= MAX_BITS; length++) if (code.counts[length] !== 0) return false;
  return code.counts[1] === 1;
}

/**
 * Decodes one Huffman-coded block: the hot loop. Bits are read at an absolute bit position, 32 at
 * a time with one DataView load (at least 25 of them valid, enough for any code and its extra
 * bits); reads may run past the end (see paddedView), and using more bits than the input
 * has is checked before each symbol is written. State lives in locals; the bit reader of the
 * header parsing is synced before and after (seek, bitPosition).
 */
function decodeBlock(state: InflateState, literals: HuffmanCode, distances: HuffmanCode): void {
  const data = state.data;
  const view = state.view;
  const end = data.length;
  const totalBits = end * 8;
  const literalFast = literals.fast;
  const literalMask = (1 << literals.fastBits) - 1;
  const distanceFast = distances.fast;
  const distanceMask = (1 << distances.fastBits) - 1;
  let out = state.out;
  let outView = new DataView(out.buffer, out.byteOffset, out.length);
  let outEnd = out.length;
  let outPos = state.outPos;
  let bitPos = state.bitPosition();
  for (;;) {
    let at = bitPos >>> 3;
    let bits = view.getInt32(at, true) >> (bitPos & 7);
    let entry = literalFast[bits & literalMask] as number;
    let symbol: number;
    if (entry !== 0) {
      symbol = entry >>> 4;
      bitPos += entry & 15;
    } else {
      state.seek(bitPos, outPos);
      symbol = state.decodeSlow(literals);
      bitPos = state.bitPosition();
    }
    // A code read partly from past the end: the data was cut short.
    if (bitPos > totalBits) return state.failAt(bitPos, outPos, 'unexpected end of data');
    if (symbol < 256) {
      if (outPos === outEnd) {
        state.seek(bitPos, outPos);
        out = state.grow(outPos + 1);
        outView = new DataView(out.buffer, out.byteOffset, out.length);
        outEnd = out.length;
      }
      out[outPos++] = symbol;
      // Most symbols are literals: after a fast one, the next (if also a fast literal) comes from
      // the bits already read, as a fast code leaves at least 15 of them. Not after a slow one:
      // `bits` was read before it.
      if (entry === 0) continue;
      entry = literalFast[(bits >> (entry & 15)) & literalMask] as number;
      if (entry === 0 || entry >>> 4 >= 256 || bitPos + (entry & 15) > totalBits || outPos === outEnd)
        continue;
      bitPos += entry & 15;
      out[outPos++] = entry >>> 4;
      continue;
    }
    if (symbol === END_OF_BLOCK) {
      state.seek(bitPos, outPos);
      return;
    }
    symbol -= 257;
    if (symbol >= 29) return state.failAt(bitPos, outPos, 'invalid literal/length code');
    const lengthExtra = LENGTH_EXTRA[symbol] as number;
    at = bitPos >>> 3;
    bits = view.getInt32(at, true) >> (bitPos & 7);
    const length = (LENGTH_BASE[symbol] as number) + (bits & ((1 << lengthExtra) - 1));
    bitPos += lengthExtra;
    at = bitPos >>> 3;
    bits = view.getInt32(at, true) >> (bitPos & 7);
    entry = distanceFast[bits & distanceMask] as number;
    if (entry !== 0) {
      symbol = entry >>> 4;
      bitPos += entry & 15;
    } else {
      state.seek(bitPos, outPos);
      symbol = state.decodeSlow(distances);
      bitPos = state.bitPosition();
    }
    if (symbol >= 30) return state.failAt(bitPos, outPos, 'invalid distance code');
    const distanceExtra = DISTANCE_EXTRA[symbol] as number;
    at = bitPos >>> 3;
    bits = view.getInt32(at, true) >> (bitPos & 7);
    const distance = (DISTANCE_BASE[symbol] as number) + (bits & ((1 << distanceExtra) - 1));
    bitPos += distanceExtra;
    if (bitPos > totalBits) return state.failAt(bitPos, outPos, 'unexpected end of data');
    if (distance > outPos) return state.failAt(bitPos, outPos, 'invalid distance too far back');
    if (outPos + length > outEnd) {
      state.seek(bitPos, outPos);
      out = state.grow(outPos + length);
      outView = new DataView(out.buffer, out.byteOffset, out.length);
      outEnd = out.length;
    }
    let from = outPos - distance;
    const stop = outPos + length;
    if (distance >= length && length > 32) {
      out.copyWithin(outPos, from, stop - distance);
      outPos = stop;
      continue;
    }
    if (distance >= 4) {
      // Four bytes at a time: each word is read before it is written, and a distance of four or
      // more never reads a byte this word writes.
      while (outPos + 4 <= stop) {
        outView.setInt32(outPos, outView.getInt32(from, true), true);
        outPos += 4;
        from += 4;
      }
    }
    // In order, three at a time: with a distance shorter than the length, this repeats what the
    // copy itself just wrote, as DEFLATE means.
    while (outPos + 3 <= stop) {
      out[outPos] = out[from] as number;
      out[outPos + 1] = out[from + 1] as number;
      out[outPos + 2] = out[from + 2] as number;
      outPos += 3;
      from += 3;
    }
    while (outPos < stop) out[outPos++] = out[from++] as number;
  }
}

function initialOutput(data: Uint8Array, options: InflateOptions): Uint8Array {
  const hinted = options.sizeHint ?? Math.max(MIN_INITIAL_OUTPUT, data.length * UNKNOWN_SIZE_FACTOR);
  return new Uint8Array(Math.max(0, Math.min(options.cap, hinted)));
}

/**
 * Inflates raw DEFLATE data. Throws InflateLimitError as soon as the output would pass
 * `options.cap`, InflateDataError on damaged or truncated data. Bytes after the final block are
 * ignored, as zlib does.
 */
export function inflateRaw(data: Uint8Array, options: InflateOptions): Uint8Array {
  if (!(options.cap >= 0)) throw new RangeError('inflate cap must be a number >= 0');
  const state = new InflateState(data, initialOutput(data, options), options.cap);
  let final = 0;
  while (final === 0) {
    final = state.bits(1);
    const type = state.bits(2);
    if (type === 0) state.copyStored();
    else if (type === 1) {
      fixed = fixed ?? fixedCodes();
      decodeBlock(state, fixed.literals, fixed.distances);
    } else if (type === 2) {
      state.readDynamicCodes();
      decodeBlock(state, state.literals, state.distances);
    } else state.fail('invalid block type');
  }
  // Bits used past the input's end mean it was cut short (they read as zeros).
  if (state.pos * 8 - state.bitCount > data.length * 8) state.fail('unexpected end of data');
  return state.outPos === state.out.length ? state.out : state.out.subarray(0, state.outPos);
}
