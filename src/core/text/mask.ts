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

/** value[0, cut) with letters and digits as '*', built run by run (twice as fast as a replace). */
function maskedPrefix(value: string, cut: number): string {
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
