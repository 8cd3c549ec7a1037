import { isDigitCode, isLetterCode, type Detector } from '../detect/detector';
import { maskEmail } from '../text/mask';

/** Letters, digits and the RFC 5321 atom specials we accept in a local part. */
const ATOM = "[A-Za-z0-9_%+'-]+";
/** A host name label (RFC 1035): letters, digits and hyphens, never starting or ending with one. */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';

/**
 * The whole address in one sticky pattern, so nothing is left to check afterwards: a dot-atom
 * local part (no leading, trailing or doubled dot), at most 253 characters of host name, labels
 * that neither start nor end with a hyphen, and a top-level domain of letters or an IDN's ASCII
 * form (xn--p1ai). It must end the address: no label character, and no dot before one, follows.
 * One regex run replaced a regex run plus seven string searches per '@' (tens of thousands in a
 * day's mail). Linear: dots and '@' separate the repeated parts, so each character is read a
 * bounded number of times.
 */
const EMAIL_PATTERN = new RegExp(
  `${ATOM}(?:\\.${ATOM})*@(?=[A-Za-z0-9.-]{1,253}(?![A-Za-z0-9.-]))` +
    `${LABEL}(?:\\.${LABEL})*\\.(?:[A-Za-z]{2,}|xn--[A-Za-z0-9-]+)(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`,
  'y',
);

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
  pattern: EMAIL_PATTERN,
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
