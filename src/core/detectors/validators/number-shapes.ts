import { isDigitCode, isWordCode } from '../../detect/detector';

/**
 * Shape checks shared by the account and ID detectors (bank, ABA, ITIN, EIN, passport,
 * driver's license), which have no checksum or only a weak one, so context in the text around
 * the digits must rule out numbers that are plainly something else.
 */

/**
 * True when a value starting at `index` stands alone: not the tail of a word (A123) or of a
 * dotted token (3D64E94E.8060301@host), of a URL query or path (?id=1570036, /123456789), or
 * of a longer number written with dashes (12-123-45-6789). A value written in space-separated
 * groups (`spaced`) must not follow a digit and a space either (0818 304 304 is one number);
 * an unformatted one may (a list: 123456789 987654321).
 */
export function startsAlone(text: string, index: number, spaced = false): boolean {
  const c = text.charCodeAt(index - 1);
  if (isWordCode(c) || c === 61 || c === 38 || c === 63 || c === 47) return false;
  const before = text.charCodeAt(index - 2);
  if (c === 46) return !isWordCode(before);
  return !((c === 45 || (spaced && c === 32)) && isDigitCode(before));
}

/**
 * 8, 12 or 14 digits that read as a date or a timestamp (20020823, 200208221811,
 * 20020823145439): mail headers, Message-Ids and logs are full of them, and no account or
 * license number is worth flagging in that shape.
 */
export function looksLikeTimestamp(digits: string): boolean {
  return timestampAt(digits, 0, digits.length);
}

/**
 * looksLikeTimestamp for the `length` digits at `start` of `text`, from char codes only, so a
 * trigger can drop a Message-Id's 20020823145439 before any regex runs.
 */
export function timestampAt(text: string, start: number, length: number): boolean {
  if (length !== 8 && length !== 12 && length !== 14) return false;
  const digit = (i: number) => text.charCodeAt(start + i) - 48;
  const century = digit(0) * 10 + digit(1);
  const year = century * 100 + digit(2) * 10 + digit(3);
  const month = digit(4) * 10 + digit(5);
  const day = digit(6) * 10 + digit(7);
  return year >= 1970 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
