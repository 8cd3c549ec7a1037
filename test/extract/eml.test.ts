import { emlExtractor, parseAddressList, snapshotFromEml } from '../../src/core/extract/eml';
import { decodeCharset, decodeWords } from '../../src/core/extract/eml-mime';
import { bytesOf, contextWith, locate, texts } from './extract-helpers';

const b64 = (text: string): string =>
  Buffer.from(text, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');

const inner = [
  'From: hr@example.com',
  'To: ann@example.com',
  'Subject: =?UTF-8?Q?Payroll_=E2=80=94_March?=',
  'Content-Type: multipart/mixed; boundary=in',
  '',
  '--in',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Employee SSN 287-65-4321',
  '--in--',
  '',
].join('\r\n');

const message = [
  'From: "Lee, Ann" <ann.lee@corp.example>',
  'To: Bob <bob@partner.example>, carol@corp.example (Carol)',
  'Cc: Team: dan@corp.example, =?UTF-8?B?w4lsaXNl?= <elise@outside.example>;',
  'Subject: =?UTF-8?B?Um9zdGVy?= =?ISO-8859-1?Q?_f=FCr_review?=',
  'X-SendWarden-Encrypt: yes',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'preamble',
  '--outer',
  'Content-Type: multipart/alternative; boundary=alt',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hi =E2=80=94 the SSN is 536-22-=',
  '8471.',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  b64('<p>Hi &mdash; the SSN is <b>536-22-8471</b>.</p>'),
  '--alt--',
  '--outer',
  'Content-Type: text/csv; name="ignored.csv"',
  "Content-Disposition: attachment; filename*=utf-8''R%C3%A9sum%C3%A9.csv",
  'Content-Transfer-Encoding: base64',
  '',
  b64('Name,SSN\nAnn,412-56-7890\n'),
  '--outer',
  'Content-Type: message/rfc822',
  '',
  inner,
  '--outer',
  'Content-Type: image/png',
  'Content-Disposition: inline',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgo=',
  '--outer--',
  'epilogue',
].join('\r\n');

describe('eml extractor', () => {
  const context = contextWith();

  it('reads the subject, the plain alternative of the body and every attachment', () => {
    const outcome = emlExtractor.extract(bytesOf(message), 'fwd.eml', context);
    expect(texts(outcome).map((t) => [t.where, t.text])).toEqual([
      ['subject', 'Roster für review'],
      ['body', 'Hi — the SSN is 536-22-8471.'],
    ]);
    const files = outcome.ok ? (outcome.files ?? []) : [];
    expect(files.map((f) => [f.name, f.contentType])).toEqual([
      ['Résumé.csv', 'text/csv'],
      ['Payroll — March.eml', 'message/rfc822'],
      ['attachment 3.bin', 'image/png'],
    ]);
    expect(new TextDecoder().decode(files[0]?.bytes)).toBe('Name,SSN\nAnn,412-56-7890\n');
    expect(new TextDecoder().decode(files[1]?.bytes)).toContain('Employee SSN 287-65-4321');
    expect(locate(outcome).map((f) => f.where)).toEqual(['body']);
  });

  it('reads the attached message on its own, as the message scanner recursion does', () => {
    const outcome = emlExtractor.extract(bytesOf(inner), 'Payroll.eml', context);
    expect(locate(outcome).map((f) => f.where)).toEqual(['body']);
    expect(texts(outcome)[0]).toEqual({ text: 'Payroll — March', where: 'subject' });
  });

  it('converts an HTML-only body to text and honours the charset', () => {
    const html = [
      'Subject: x',
      'Content-Type: text/html; charset=windows-1252',
      '',
      '<style>p{}</style><p>Caf\u00e9 \u0080 SSN&nbsp;536-22-8471</p>',
    ].join('\n');
    const latin = new Uint8Array(html.split('').map((c) => c.charCodeAt(0)));
    expect(texts(emlExtractor.extract(latin, 'x.eml', context))[1]?.text).toBe(
      'Café € SSN\u00a0536-22-8471\n',
    );
  });

  it('stops at the MIME part limit and honest-fails instead of crashing on junk', () => {
    expect(emlExtractor.extract(bytesOf(message), 'x.eml', contextWith({ maxEntries: 3 }))).toMatchObject({
      ok: false,
      reason: 'limit',
    });
    const junk = new Uint8Array(2000).map((_, i) => (i * 7919) % 256);
    expect(emlExtractor.extract(junk, 'junk.eml', context).ok).toBe(true);
  });
});

describe('snapshotFromEml', () => {
  it('builds the message snapshot the CLI scans', () => {
    const snapshot = snapshotFromEml(bytesOf(message));
    expect(snapshot.subject).toBe('Roster für review');
    expect(snapshot.bodyType).toBe('html');
    expect(snapshot.body).toBe('<p>Hi &mdash; the SSN is <b>536-22-8471</b>.</p>');
    expect(snapshot.from).toEqual({ address: 'ann.lee@corp.example', name: 'Lee, Ann' });
    expect(snapshot.recipients).toEqual([
      { address: 'bob@partner.example', name: 'Bob', field: 'to' },
      { address: 'carol@corp.example', field: 'to' },
      { address: 'dan@corp.example', field: 'cc' },
      { address: 'elise@outside.example', name: 'Élise', field: 'cc' },
    ]);
    expect(snapshot.headers?.['x-sendwarden-encrypt']).toBe('yes');
    expect(snapshot.attachments.map((a) => [a.name, a.kind, a.size])).toEqual([
      ['Résumé.csv', 'file', 25],
      ['Payroll — March.eml', 'item', inner.length],
      ['attachment 3.bin', 'file', 8],
    ]);
    expect(snapshot.attachments[1]?.eml).toContain('Employee SSN 287-65-4321');
    expect(snapshot.attachments[2]?.isInline).toBe(true);
  });

  it('reads a plain-text message as text', () => {
    const snapshot = snapshotFromEml(bytesOf('To: a@b.example\nSubject: hi\n\nSSN 536-22-8471\n'));
    expect(snapshot).toMatchObject({
      subject: 'hi',
      bodyType: 'text',
      body: 'SSN 536-22-8471\n',
      attachments: [],
    });
  });
});

describe('MIME pieces', () => {
  it('decodes other charsets through TextDecoder when the runtime has it', () => {
    // 'Привет' in KOI8-R.
    expect(decodeCharset(new Uint8Array([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'koi8-r')).toBe('Привет');
    expect(decodeCharset(new Uint8Array([0x41, 0xe9]), 'no-such-charset')).toBe('A\u00e9');
  });

  it('decodes encoded words, joining adjacent ones', () => {
    expect(decodeWords('=?utf-8?q?a_b?= =?utf-8?b?w6k=?= c')).toBe('a bé c');
    expect(decodeWords('plain')).toBe('plain');
  });

  it('parses address lists with groups, quotes and comments', () => {
    expect(parseAddressList('"Doe, J" <j@x.example>, k@y.example (K), Undisclosed:;')).toEqual([
      { address: 'j@x.example', name: 'Doe, J' },
      { address: 'k@y.example' },
    ]);
  });
});
