/**
 * A small RFC 3492 punycode decoder, enough to read IDN labels (xn--...) of recipient domains.
 * Decoding only: the core never needs to encode. Bad input returns null instead of throwing,
 * because a malformed xn-- label is itself a reason for suspicion, not a crash.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
/** DNS labels are at most 63 octets; a longer decode is garbage. */
export const MAX_LABEL_LENGTH = 63;
const MAX_CODE_POINT = 0x10ffff;

function digitOf(code: number): number {
  if (code >= 48 && code <= 57) return code - 22; // 0-9 -> 26-35
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 97; // a-z
  return BASE;
}

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

/** Decodes the part after "xn--" into code points; null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  if (input.length > MAX_LABEL_LENGTH) return null;
  const output: number[] = [];
  const lastDash = input.lastIndexOf('-');
  const basicEnd = lastDash < 0 ? 0 : lastDash;
  for (let j = 0; j < basicEnd; j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  let pos = basicEnd > 0 ? basicEnd + 1 : 0;
  while (pos < input.length) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return null;
      const digit = digitOf(input.charCodeAt(pos++));
      if (digit >= BASE) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > MAX_CODE_POINT * 64 || w > MAX_CODE_POINT * 64) return null;
    }
    const length = output.length + 1;
    bias = adapt(i - oldi, length, oldi === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > MAX_CODE_POINT) return null;
    output.splice(i, 0, n);
    i++;
  }
  return codePointsToString(output);
}

function codePointsToString(points: readonly number[]): string {
  let out = '';
  for (const point of points) out += String.fromCodePoint(point);
  return out;
}

/** The Unicode form of a domain: each xn-- label decoded; undecodable labels stay as they are. */
export function domainToUnicode(domain: string): string {
  return domain
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      const decoded = decodePunycode(label.slice(4));
      return decoded === null ? label : decoded;
    })
    .join('.');
}
