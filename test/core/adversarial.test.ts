/**
 * Every pattern must run in linear time. Adversarial 1 MB inputs shaped to make backtracking
 * regexes explode (long digit runs, separators between single digits, dots, '@' runs, ...)
 * must each scan in well under a second with every detector on. This guards a safety property
 * (a pasted log must not hang Send), not a performance goal: those live in BENCHMARKS.md.
 */
import { scanText } from '../../src/core/detect/scan-text';

const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

const ADVERSARIAL: Array<[string, string]> = [
  ['a digit run', fill('7')],
  ['digit, dash', fill('1-')],
  ['digit, space', fill('1 ')],
  ['digit, dot', fill('1.')],
  ['digit pairs with dots', fill('12.')],
  ['digit, colon', fill('1:')],
  ['letter, dot', fill('a.')],
  ['dots', fill('.')],
  ['at signs', fill('@')],
  ['letter, at sign', fill('a@')],
  ['local parts without domains', fill('john.smith@')],
  ['whitespace', fill(' \t\n')],
  ['SSN-like groups glued together', fill('123-45-')],
  ['card-like groups glued together', fill('4111 ')],
  ['capital letters and digits', fill('GB82')],
  ['hex and colons', fill('fe80:')],
  ['keyword spam', fill('ssn ')],
  ['CSV with many columns', fill('1,')],
  ['CSV lines', fill('a,b,c\n1,2,3\n')],
];

describe('scanning is linear on adversarial input', () => {
  it.each(ADVERSARIAL)('%s (1 MB) scans in well under a second', (_name, text) => {
    const started = Date.now();
    const result = scanText(text);
    const elapsed = Date.now() - started;
    expect(result.scannedChars).toBe(MB);
    expect(elapsed).toBeLessThan(1000);
  });
});
