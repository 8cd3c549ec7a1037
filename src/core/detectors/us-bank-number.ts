import { isDigitCode, type Detector } from '../detect/detector';
import { allSameDigit, sequentialDigits } from './validators/digits';
import { looksLikeTimestamp, startsAlone, timestampAt } from './validators/number-shapes';

export const usBankNumber: Detector = {
  entity: 'US_BANK_NUMBER',
  description: 'U.S. bank account number: 6 to 17 consecutive digits next to a bank account keyword',
  trigger: {
    firstGroup: [6, 17],
    minDigits: 6,
    // The group must be the whole number: not part of 1234-56789012, 12345678.90, $12345678,
    // or an HTML colour (#990000).
    test: (g) =>
      !(isDigitCode(g.text.charCodeAt(g.start + g.len + 1)) && (g.next === 45 || g.next === 46)) &&
      g.prev !== 36 &&
      !(g.prev === 35 && g.len === 6) &&
      !timestampAt(g.text, g.start, g.len) &&
      startsAlone(g.text, g.start),
  },
  // Not followed by more digits, a letter, '@' (an e-mail local part such as 8060301@host) or
  // a dotted continuation (a host name such as eb-174121.od.nih.gov, or a decimal).
  pattern: /\d{6,17}(?![0-9A-Za-z_@]|[-,]\d|\.[0-9A-Za-z])/y,
  validate: (digits) => !allSameDigit(digits) && !sequentialDigits(digits) && !looksLikeTimestamp(digits),
  // Purview's Keyword_usa_Bank_Account: account phrases that name a bank account, not any account.
  keywords: [
    // Whole-word matching makes "bank account" cover "Bank Account Number", "Bank Account #" and
    // "bank account no." too, so Purview's longer variants are left out: each alternative
    // costs time on every message with a candidate number.
    'bank account',
    'bank acct',
    'banking account',
    'checking account',
    'checking acct',
    'savings account',
    'savings acct',
    'debit account',
    'debit acct',
    'deposit account',
    'direct deposit',
    'account and routing',
    'routing and account',
    // Spanish, French and German forms.
    'cuenta bancaria',
    'cuenta corriente',
    'cuenta de ahorros',
    'compte bancaire',
    'compte courant',
    'compte épargne',
    'kontonummer',
    'bankkonto',
    'girokonto',
    'sparkonto',
  ],
  headers: [
    'bank account',
    'bank account number',
    'account number',
    'acct number',
    'acct no',
    'account no',
    'checking account',
    'checking acct',
    'savings account',
    'savings acct',
    'bank acct',
    'dda',
  ],
  // No checksum: the keyword is what makes it an account (Purview's only pattern, 75). Alone it
  // is Presidio's very weak hit for 8-17 digits; 6-7 digits and dates say nothing on their own.
  score: (e) => {
    if (e.header) return 0.9;
    if (e.context) return 0.75;
    return e.digits.length < 8 ? 0 : 0.05;
  },
  examples: {
    positive: [
      { text: '4839201756', header: 'Checking Acct #', match: '4839201756', confidence: 'high' },
      { text: 'Checking account number: 004512783390', match: '004512783390', confidence: 'medium' },
      { text: 'deposit to bank acct # 7718204933 please', match: '7718204933', confidence: 'medium' },
      { text: 'name,account number\nAda,11907348215\n', match: '11907348215', confidence: 'high' },
      { text: 'ref 945456787654', match: '945456787654', confidence: 'low' },
      {
        text: 'número de cuenta bancaria: ３８２７１９９０４６',
        match: '３８２７１９９０４６',
        confidence: 'medium',
      },
      { text: 'Kontonummer\u00a0382719904', match: '382719904', confidence: 'medium' },
    ],
    negative: [
      'bank account 1234567',
      'bank account 11111111',
      'bank account 12345678901234567890',
      'bank account 2002-08-23',
      'received 20020823145439',
      'bank account $12345678',
      'bank account 12345678.90',
      'bank account 1234-56789012',
      'bank account mail 80603017@example.org',
      'bank account https://example.com/view?id=80603017',
      'bank account 3D64E94E.80603017',
      'bank account <font color="#616161">',
    ],
  },
};
