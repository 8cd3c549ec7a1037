import { isDigitCode, isLetterCode, type Detector } from '../detect/detector';
import { maskEmail } from '../text/mask';

const MAX_DOMAIN = 253;

/** True when the top-level domain from `from` is letters (com, museum) or an IDN's ASCII form (xn--p1ai). */
function tldValid(value: string, from: number): boolean {
  const length = value.length - from;
  if (length >= 5 && (value.charCodeAt(from) | 32) === 120 && (value.charCodeAt(from + 1) | 32) === 110)
    return value.charCodeAt(from + 2) === 45 && value.charCodeAt(from + 3) === 45;
  if (length < 2) return false;
  for (let i = from; i < value.length; i++) if (!isLetterCode(value.charCodeAt(i))) return false;
  return true;
}

/**
 * Checks what the pattern's character classes leave open, for a value it matched (labels are
 * already 1-63 letters, digits and hyphens): an RFC 5321 dot-atom local part (no trailing or
 * doubled dot), no label starting or ending with a hyphen (RFC 1035), a letter TLD. Native
 * indexOf scans only: this runs for every '@' in a text.
 */
export function emailValid(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1 || value.charCodeAt(at - 1) === 46 || value.length - at - 1 > MAX_DOMAIN) return false;
  if (value.indexOf('..') >= 0) return false;
  // Most addresses have no hyphen after '@': two searches saved for tens of thousands of them.
  if (value.indexOf('-', at) >= 0 && (value.indexOf('-.', at) >= 0 || value.indexOf('.-', at) >= 0))
    return false;
  const lastDot = value.lastIndexOf('.');
  if (lastDot < at || value.charCodeAt(at + 1) === 45 || value.charCodeAt(value.length - 1) === 45)
    return false;
  return tldValid(value, lastDot + 1);
}

export const emailAddress: Detector = {
  entity: 'EMAIL_ADDRESS',
  description: 'E-mail address: local part, @, host name labels and a top-level domain of letters',
  trigger: {
    anchor: 'at',
    firstGroup: [1, 64],
    minDigits: 0,
    // The engine hands over the local part before '@'; the domain must start with a letter or digit.
    test: (g) => isLetterCode(g.next) || isDigitCode(g.next),
  },
  // Labels exclude the dot that separates them, so there is one way to match; up to 8 dots.
  pattern: /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/y,
  validate: (_digits, value) => emailValid(value),
  // No context keywords: nearly every message carries addresses, and an address is an address
  // with or without the word "email" nearby; looking words up would cost a pass over every text.
  keywords: [],
  // No column headers either: mail carries tens of thousands of addresses, and a header lookup
  // for each (the only thing that could lift medium to high) doubled this detector's cost on the
  // SpamAssassin ham corpus (+65 ms per 20 MB). The list, should that trade change:
  // ['email', 'e mail', 'email address', 'mail', 'correo', 'courriel'].
  headers: [],
  // A well-formed address is medium on its own (Presidio scores a validated one 1.0).
  score: (e) => (e.header ? 0.95 : 0.75),
  mask: maskEmail,
  examples: {
    positive: [
      { text: 'my email address is info@presidio.site', match: 'info@presidio.site', confidence: 'medium' },
      {
        text: 'write to <jane.doe+tax@mail.example.co.uk>.',
        match: 'jane.doe+tax@mail.example.co.uk',
        confidence: 'medium',
      },
      { text: 'a@xn--d1acufc.xn--p1ai', match: 'a@xn--d1acufc.xn--p1ai', confidence: 'medium' },
      { text: 'name,email\nAda,ada_l@example.org\n', match: 'ada_l@example.org', confidence: 'medium' },
      {
        text: 'ＪＯＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ',
        match: 'ＪＯＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ',
        confidence: 'medium',
      },
    ],
    negative: [
      'my email is info@presidio.',
      'this is not an email: hello-world here',
      'meet @ 5pm',
      'user@localhost',
      'john..doe@example.com',
      'jane@-example.com',
      'root@10.0.0.1',
      'a@b.c',
      'bob@example.com-',
      'bob@example-.com',
      'bob@example.x1',
    ],
  },
};
