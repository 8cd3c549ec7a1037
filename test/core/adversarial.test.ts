/**
 * Every pattern must run in linear time. Adversarial 1 MB inputs shaped to make backtracking
 * regexes explode (long digit runs, separators between single digits, dots, '@' runs, ...)
 * must each scan in well under a second of CPU time with every detector on. This guards a safety property
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
  // One long line of numbers (a PDF's text, a one-line CSV): header lookups must not re-read the line.
  ['account-like numbers on one line', fill('38271990 ')],
  ['routing-like numbers on one line', fill('0711-0130-7 ')],
  ['passport-like values on one line', fill('A5830194 ')],
  ['SSNs on one line under a header', ('SSN\n' + fill('536228471,')).slice(0, MB)],
];

describe('scanning is linear on adversarial input', () => {
  it.each(ADVERSARIAL)('%s (1 MB) scans in well under a second', (_name, text) => {
    // CPU time, not wall time: other test workers share the cores.
    const started = process.cpuUsage();
    const result = scanText(text);
    const used = process.cpuUsage(started);
    expect(result.scannedChars).toBe(MB);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });
});
