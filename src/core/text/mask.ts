/**
 * Masked previews. The raw value never leaves the core: everything a user, a log or an
 * audit event sees is one of these.
 */

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Masks every letter and digit except the last `keep`, keeping separators so the shape stays
 * recognisable: 123-45-6789 -> ***-**-6789. Values too short to hide anything are fully masked.
 */
export function maskKeepLast(value: string, keep = 4): string {
  // Walk back over the last 2 * keep letters and digits: where the shown ones start, and whether
  // the value has enough of them to show `keep` (short values keep at most a third).
  let alnum = 0;
  let cut = value.length;
  let i = value.length;
  while (i > 0 && alnum < 2 * keep) {
    if (isAlnum(value.charCodeAt(--i))) {
      alnum++;
      if (alnum === keep) cut = i;
    }
  }
  if (alnum < 2 * keep) {
    const shown = Math.floor(alnum / 3);
    cut = value.length;
    for (let seen = 0; cut > 0 && seen < shown;) if (isAlnum(value.charCodeAt(--cut))) seen++;
  }
  // Everything before the first shown letter or digit is masked; the rest stays as written.
  return maskedPrefix(value, cut) + value.slice(cut);
}

const STARS = '*'.repeat(64);

/**
 * Masked prefixes built lately. A roster column masks thousands of values of one layout
 * ('***-**-' before an SSN's last four): a value whose prefix has the shape of one of these gets
 * that string back instead of a new one (a third of what building a roster's findings
 * allocated). They hold only '*' and the value's separators, as every preview does.
 */
const recentPrefixes: string[] = [];
const RECENT_PREFIXES = 8;

/** value[0, cut) with letters and digits as '*'. */
function maskedPrefix(value: string, cut: number): string {
  for (let k = 0; k < recentPrefixes.length; k++) {
    const recent = recentPrefixes[k] as string;
    if (recent.length === cut && isMaskOf(recent, value)) return recent;
  }
  const built = buildMaskedPrefix(value, cut);
  if (recentPrefixes.length === RECENT_PREFIXES) recentPrefixes.pop();
  recentPrefixes.unshift(built);
  return built;
}

/** Whether `masked` is value[0, masked.length) masked. */
function isMaskOf(masked: string, value: string): boolean {
  for (let i = 0; i < masked.length; i++) {
    const c = value.charCodeAt(i);
    if (masked.charCodeAt(i) !== (isAlnum(c) ? 42 : c)) return false;
  }
  return true;
}

/** value[0, cut) with letters and digits as '*', built run by run (twice as fast as a replace). */
function buildMaskedPrefix(value: string, cut: number): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < cut; i++) {
    if (isAlnum(value.charCodeAt(i))) {
      run++;
      continue;
    }
    if (run > 0) out += stars(run);
    run = 0;
    out += value.charAt(i);
  }
  return run > 0 ? out + stars(run) : out;
}

function stars(count: number): string {
  return count <= STARS.length ? STARS.slice(0, count) : '*'.repeat(count);
}

/** j***@example.com: the first character of the local part and the domain stay. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskKeepLast(value);
  return value[0] + '***' + value.slice(at);
}
