import { extractMsg, msgExtractor } from '../../src/core/extract/msg';
import { latin1 } from './biff-fixtures';
import { contextWith, locate, texts } from './extract-helpers';
import { buildOle, utf16le } from './ole-fixtures';

const A0 = '__attach_version1.0_#00000000/';
const A1 = '__attach_version1.0_#00000001/';
const A2 = '__attach_version1.0_#00000002/';
const EMBEDDED = A2 + '__substg1.0_3701000D/';

function buildMsg(): Uint8Array {
  return buildOle({
    '__properties_version1.0': new Uint8Array(32),
    '__substg1.0_0037001F': utf16le('Roster for review'),
    '__substg1.0_1000001F': utf16le('Hi, the SSN is 536-22-8471.\u0000'),
    [A0 + '__substg1.0_37010102']: 'Name,SSN\nAnn,287-65-4321\n',
    [A0 + '__substg1.0_3707001F']: utf16le('roster.csv'),
    [A0 + '__substg1.0_370E001F']: utf16le('text/csv'),
    [A1 + '__substg1.0_37010102']: new Uint8Array([1, 2, 3]),
    [A1 + '__substg1.0_3704001E']: latin1('R\u00e9sum\u00e9.bin'),
    [EMBEDDED + '__properties_version1.0']: new Uint8Array(24),
    [EMBEDDED + '__substg1.0_0037001F']: utf16le('Fwd: payroll'),
    [EMBEDDED + '__substg1.0_10130102']:
      '<p>SSN <b>412-56-7890</b></p><script>var x = "111-22-3333";</script>',
    [A2 + '__substg1.0_3707001F']: utf16le('payroll.msg'),
    // An embedded OLE object (attach method 6): a storage without message properties.
    ['__attach_version1.0_#00000003/__substg1.0_3701000D/CONTENTS']: 'opaque',
    ['__attach_version1.0_#00000003/__substg1.0_3707001F']: utf16le('chart.xls'),
  });
}

describe('msg extractor (Outlook .msg)', () => {
  const context = contextWith();

  it('reads subject, body, attachments and attached messages', () => {
    const outcome = msgExtractor.extract(buildMsg(), 'mail.msg', context);
    expect(texts(outcome).map((t) => [t.where, t.text])).toEqual([
      ['subject', 'Roster for review'],
      ['body', 'Hi, the SSN is 536-22-8471.'],
      ['attached message payroll.msg: subject', 'Fwd: payroll'],
      ['attached message payroll.msg: body', 'SSN 412-56-7890\n'],
    ]);
    const files = outcome.ok ? (outcome.files ?? []) : [];
    expect(files.map((f) => [f.name, f.contentType, f.bytes.length])).toEqual([
      ['roster.csv', 'text/csv', 25],
      ['Résumé.bin', undefined, 3],
    ]);
    expect(outcome.ok && outcome.unscanned).toEqual([
      { name: 'chart.xls', reason: 'unsupported', detail: 'an embedded OLE object is not read' },
    ]);
  });

  it('locates SSNs in the body and the attached message', () => {
    expect(locate(extractMsg(buildMsg(), context)).map((f) => f.where)).toEqual([
      'body',
      'attached message payroll.msg: body',
    ]);
  });

  it('reports non-message OLE files as corrupt and encrypted packages as encrypted', () => {
    expect(extractMsg(buildOle({ Workbook: 'x' }), context)).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(extractMsg(buildOle({ EncryptedPackage: 'x', EncryptionInfo: 'y' }), context)).toMatchObject({
      ok: false,
      reason: 'encrypted',
    });
    expect(extractMsg(new Uint8Array(10), context)).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});
