import { ExtractFailure } from './extract-failure';
import { InflateDataError, InflateLimitError, inflateRaw } from './inflate';
import { RATIO_GRACE_BYTES } from './limits';
import { PdfDict, PdfStream, asArray, asDict, asName, asNumber, type PdfValue } from './pdf-lexer';

/**
 * Stream filters (ISO 32000-1 §7.4): FlateDecode with PNG/TIFF predictors, ASCIIHex, ASCII85,
 * RunLength and LZW. Image codecs (DCT, JPX, CCITT, JBIG2) are never decoded: text does not live
 * there. Inflation is capped by the message's inflate budget and the compression-ratio limit,
 * so a Flate bomb inside a PDF stops after a few MB, without allocating the rest.
 */

export interface InflateAllowance {
  /** Bytes still allowed to be inflated (the message budget minus what was inflated so far). */
  remaining(): number;
  charge(bytes: number): void;
  maxRatio: number;
}

/** Filters whose output is image data, never text. */
const IMAGE_FILTERS = ['DCTDecode', 'DCT', 'JPXDecode', 'CCITTFaxDecode', 'CCF', 'JBIG2Decode'];

export class ImageDataError extends Error {}

function zlibHeaderLength(data: Uint8Array): number {
  const cmf = data[0] ?? 0;
  const flg = data[1] ?? 0;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0) return 0;
  return flg & 0x20 ? 6 : 2;
}

/**
 * zlib (or raw deflate, which some writers emit) with caps. A truncated or damaged stream gives
 * what inflated before the damage, as viewers show it.
 */
export function inflatePdf(data: Uint8Array, allowance: InflateAllowance): Uint8Array {
  const ratioCap = Math.max(RATIO_GRACE_BYTES, data.length * allowance.maxRatio);
  let out: Uint8Array;
  try {
    out = inflateRaw(data.subarray(zlibHeaderLength(data)), {
      cap: Math.min(allowance.remaining(), ratioCap),
    });
  } catch (error) {
    if (error instanceof InflateLimitError)
      throw new ExtractFailure('too-large', 'a PDF stream inflates past the limits');
    if (!(error instanceof InflateDataError)) throw error;
    out = error.partial; // Damaged data: keep what came out.
  }
  allowance.charge(out.length);
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes PNG row predictors (10-15) and the TIFF predictor 2 for 8-bit components. */
export function unpredict(data: Uint8Array, params: PdfDict | undefined): Uint8Array {
  const predictor = asNumber(params?.get('Predictor')) ?? 1;
  if (predictor < 2) return data;
  const colors = asNumber(params?.get('Colors')) ?? 1;
  const bits = asNumber(params?.get('BitsPerComponent')) ?? 8;
  const columns = asNumber(params?.get('Columns')) ?? 1;
  const bpp = Math.max(1, Math.ceil((colors * bits) / 8));
  const rowBytes = Math.ceil((colors * bits * columns) / 8);
  if (rowBytes <= 0 || rowBytes > data.length + 1) return data;
  if (predictor === 2) {
    const out = data.slice();
    if (bits !== 8) return out;
    for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
      for (let i = bpp; i < rowBytes; i++)
        out[row + i] = ((out[row + i] as number) + (out[row + i - bpp] as number)) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)] as number;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i] as number;
      const left = i >= bpp ? (out[dst + i - bpp] as number) : 0;
      const up = r > 0 ? (out[dst - rowBytes + i] as number) : 0;
      const upLeft = r > 0 && i >= bpp ? (out[dst - rowBytes + i - bpp] as number) : 0;
      let v = raw;
      if (type === 1) v = raw + left;
      else if (type === 2) v = raw + up;
      else if (type === 3) v = raw + ((left + up) >> 1);
      else if (type === 4) v = raw + paeth(left, up, upLeft);
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export function asciiHexDecode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array((data.length >> 1) + 1);
  let n = 0;
  let high = -1;
  for (let i = 0; i < data.length; i++) {
    const c = data[i] as number;
    if (c === 62) break;
    const v = hexValue(c);
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high << 4;
  return out.subarray(0, n);
}

export function ascii85Decode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((data.length * 4) / 5) + 4);
  let n = 0;
  const group: number[] = [];
  const flush = (count: number): void => {
    let value = 0;
    for (let k = 0; k < 5; k++) value = value * 85 + (group[k] ?? 84);
    for (let k = 0; k < count - 1; k++) out[n++] = Math.floor(value / Math.pow(256, 3 - k)) & 0xff;
  };
  let i = 0;
  if (data[0] === 60 && data[1] === 126) i = 2;
  for (; i < data.length; i++) {
    const c = data[i] as number;
    if (c === 126) break;
    if (c === 122 && group.length === 0) {
      out.fill(0, n, n + 4);
      n += 4;
      continue;
    }
    if (c < 33 || c > 117) continue;
    group.push(c - 33);
    if (group.length === 5) {
      flush(5);
      group.length = 0;
    }
  }
  if (group.length > 1) flush(group.length);
  return out.subarray(0, n);
}

export function runLengthDecode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length;) {
    const len = data[i++] as number;
    if (len === 128) break;
    if (len < 128) {
      for (let k = 0; k <= len && i < data.length; k++) out.push(data[i++] as number);
    } else {
      const b = data[i++] ?? 0;
      for (let k = 0; k < 257 - len; k++) out.push(b);
    }
  }
  return new Uint8Array(out);
}

/** LZW (§7.4.4). Codes are stored as prefix links, so memory stays at 4096 entries whatever the input. */
export function lzwDecode(data: Uint8Array, earlyChange: number, cap: number): Uint8Array {
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const lengths = new Int32Array(4096);
  for (let k = 0; k < 256; k++) {
    prefix[k] = -1;
    suffix[k] = k;
    lengths[k] = 1;
  }
  let next = 258;
  let width = 9;
  let out = new Uint8Array(Math.min(cap, Math.max(1024, data.length * 3)));
  let n = 0;
  let previous = -1;
  let bitBuf = 0;
  let bitCount = 0;
  const firstByte = (code: number): number => {
    let c = code;
    while ((prefix[c] as number) >= 0) c = prefix[c] as number;
    return suffix[c] as number;
  };
  const emit = (code: number, extra: number): void => {
    const len = (lengths[code] as number) + (extra >= 0 ? 1 : 0);
    if (n + len > cap) throw new ExtractFailure('too-large', 'a PDF stream decodes past the limits');
    if (n + len > out.length) {
      const grown = new Uint8Array(Math.min(cap, Math.max(out.length * 2, n + len)));
      grown.set(out.subarray(0, n));
      out = grown;
    }
    let at = n + (lengths[code] as number) - 1;
    for (let c = code; c >= 0; c = prefix[c] as number) out[at--] = suffix[c] as number;
    if (extra >= 0) out[n + len - 1] = extra;
    n += len;
  };
  for (let i = 0; i < data.length; i++) {
    bitBuf = ((bitBuf << 8) | (data[i] as number)) & 0xffffff;
    bitCount += 8;
    while (bitCount >= width) {
      const code = (bitBuf >> (bitCount - width)) & ((1 << width) - 1);
      bitCount -= width;
      if (code === 256) {
        next = 258;
        width = 9;
        previous = -1;
        continue;
      }
      if (code === 257) return out.subarray(0, n);
      if (code < next && code !== 256 && code !== 257) {
        emit(code, -1);
        if (previous >= 0 && next < 4096) {
          prefix[next] = previous;
          suffix[next] = firstByte(code);
          lengths[next] = (lengths[previous] as number) + 1;
          next++;
        }
      } else if (code === next && previous >= 0 && next < 4096) {
        const first = firstByte(previous);
        emit(previous, first);
        prefix[next] = previous;
        suffix[next] = first;
        lengths[next] = (lengths[previous] as number) + 1;
        next++;
      } else {
        return out.subarray(0, n);
      }
      previous = code;
      if (next + earlyChange >= 1 << width && width < 12) width++;
    }
  }
  return out.subarray(0, n);
}

function filterList(dict: PdfDict, resolve: (v: PdfValue | undefined) => PdfValue | undefined): string[] {
  const filter = resolve(dict.get('Filter') ?? dict.get('F'));
  const name = asName(filter);
  if (name) return [name];
  return (asArray(filter) ?? []).map((f) => asName(resolve(f)) ?? '');
}

function paramsList(
  dict: PdfDict,
  count: number,
  resolve: (v: PdfValue | undefined) => PdfValue | undefined,
): Array<PdfDict | undefined> {
  const params = resolve(dict.get('DecodeParms') ?? dict.get('DP'));
  const single = asDict(params);
  if (single) return [single];
  const list = asArray(params) ?? [];
  const out: Array<PdfDict | undefined> = [];
  for (let i = 0; i < count; i++) out.push(asDict(resolve(list[i])));
  return out;
}

/** True when the stream's filters say it holds image data (nothing to read for text). */
export function isImageStream(
  stream: PdfStream,
  resolve: (v: PdfValue | undefined) => PdfValue | undefined,
): boolean {
  return filterList(stream.dict, resolve).some((f) => IMAGE_FILTERS.indexOf(f) >= 0);
}

/** The decoded bytes of a stream. Throws ImageDataError for image codecs, ExtractFailure past limits. */
export function decodeStream(
  stream: PdfStream,
  allowance: InflateAllowance,
  resolve: (v: PdfValue | undefined) => PdfValue | undefined,
): Uint8Array {
  const filters = filterList(stream.dict, resolve);
  const params = paramsList(stream.dict, filters.length, resolve);
  let data = stream.raw;
  filters.forEach((filter, i) => {
    const p = params[i];
    switch (filter) {
      case 'FlateDecode':
      case 'Fl':
        data = unpredict(inflatePdf(data, allowance), p);
        break;
      case 'LZWDecode':
      case 'LZW': {
        const decoded = lzwDecode(data, asNumber(p?.get('EarlyChange')) ?? 1, allowance.remaining());
        allowance.charge(decoded.length);
        data = unpredict(decoded, p);
        break;
      }
      case 'ASCIIHexDecode':
      case 'AHx':
        data = asciiHexDecode(data);
        break;
      case 'ASCII85Decode':
      case 'A85':
        data = ascii85Decode(data);
        break;
      case 'RunLengthDecode':
      case 'RL':
        data = runLengthDecode(data);
        break;
      case 'Crypt':
        throw new ExtractFailure('encrypted', 'a PDF stream is encrypted');
      default:
        if (IMAGE_FILTERS.indexOf(filter) >= 0) throw new ImageDataError(filter);
        throw new ExtractFailure('unsupported', 'a PDF stream uses an unknown filter');
    }
  });
  return data;
}
