import { openDocumentExtractor } from '../../src/core/extract/opendocument';
import { pickExtractor } from '../../src/core/extract';
import { scanAttachment } from '../../src/core/scan/scan-message';
import type { AttachmentInput } from '../../src/core/types';
import { odf } from './fixtures';
import { context, textsByWhere } from './helpers';

const file = (name: string, bytes: Uint8Array): AttachmentInput => ({
  name,
  size: bytes.length,
  kind: 'file',
  bytes,
});

describe('OpenDocument', () => {
  const odt = odf(
    'text',
    '<office:text><text:tracked-changes><text:changed-region text:id="c1"><text:deletion>' +
      '<office:change-info><dc:creator>Bob</dc:creator></office:change-info><text:p>SSN 536-22-9012</text:p>' +
      '</text:deletion></text:changed-region></text:tracked-changes>' +
      '<text:h>Staff</text:h><text:p>Employee SSN:<text:s/>536-22-8471<text:tab/>end</text:p>' +
      '<table:table><table:table-row><table:table-cell><text:p>SSN</text:p></table:table-cell><table:table-cell><text:p>Name</text:p></table:table-cell></table:table-row></table:table>' +
      '<text:p>see<office:annotation><text:p>note: 536-22-7001</text:p></office:annotation></text:p></office:text>',
    '<style:master-page><style:header><text:p>Header text</text:p></style:header><style:footer><text:p>Footer SSN 536-22-7002</text:p></style:footer></style:master-page>',
  );

  it('is recognized by its mimetype entry whatever its name', () => {
    expect(pickExtractor('renamed.bin', undefined, odt)?.id).toBe('opendocument');
  });

  it('reads odt body, tables, annotations, deletions, headers and footers', () => {
    const texts = textsByWhere(openDocumentExtractor.extract(odt, 'a.odt', context()));
    expect(texts.body).toContain('Employee SSN: 536-22-8471\tend');
    expect(texts.body).toContain('\nSSN\tName\n');
    expect(texts.body).not.toContain('536-22-9012');
    expect(texts.body).not.toContain('Bob');
    expect(texts['deleted text']).toContain('SSN 536-22-9012');
    expect(texts['body comments']).toContain('note: 536-22-7001');
    expect(texts.header).toContain('Header text');
    expect(texts.footer).toContain('Footer SSN 536-22-7002');
  });

  it('locates odt findings by part', () => {
    const where = scanAttachment(file('a.odt', odt))
      .findings.filter((f) => f.entity === 'US_SSN')
      .map((f) => f.location.where)
      .sort();
    expect(where).toEqual(['body', 'body comments', 'deleted text', 'footer']);
  });

  it('lays ods sheets out with repeated rows and columns, locating cells', () => {
    const ods = odf(
      'spreadsheet',
      '<office:spreadsheet><table:table table:name="Staff">' +
        '<table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/><table:table-cell><text:p>SSN</text:p></table:table-cell></table:table-row>' +
        '<table:table-row table:number-rows-repeated="5"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
        '<table:table-row><table:table-cell><text:p>Ann</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/>' +
        '<table:table-cell office:value-type="float" office:value="536228471"><text:p>536-22-8471</text:p></table:table-cell></table:table-row>' +
        '</table:table></office:spreadsheet>',
    );
    const ssn = scanAttachment(file('staff.ods', ods)).findings.find((f) => f.entity === 'US_SSN');
    expect(ssn?.location.where).toBe('Staff!E7');
    expect(ssn?.confidence).toBe('high');
  });

  it('reads odp slides and notes', () => {
    const odp = odf(
      'presentation',
      '<office:presentation><draw:page draw:name="p1"><draw:frame><draw:text-box><text:p>Intro</text:p></draw:text-box></draw:frame></draw:page>' +
        '<draw:page draw:name="p2"><draw:frame><draw:text-box><text:p>Roster</text:p></draw:text-box></draw:frame>' +
        '<presentation:notes><draw:frame><draw:text-box><text:p>SSN 536-22-8471</text:p></draw:text-box></draw:frame></presentation:notes></draw:page></office:presentation>',
    );
    const texts = textsByWhere(openDocumentExtractor.extract(odp, 'deck.odp', context()));
    expect(texts['slide 1']).toContain('Intro');
    expect(texts['slide 2']).toContain('Roster');
    expect(texts['slide 2 notes']).toContain('536-22-8471');
  });
});
