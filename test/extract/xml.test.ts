import {
  NextIndex,
  attrValue,
  decodeXmlEntities,
  resolvePartPath,
  walkXml,
} from '../../src/core/extract/xml';

function events(xml: string): string[] {
  const out: string[] = [];
  walkXml(xml, {
    open: (name, attrs, selfClosing) => out.push(`<${name}${selfClosing ? '/' : ''}>${attrs.trim()}`),
    close: (name) => out.push(`</${name}>`),
    text: (raw, cdata) => out.push((cdata ? 'cdata:' : 'text:') + raw),
  });
  return out;
}

describe('walkXml', () => {
  it('reports tags and text, skipping comments, declarations and processing instructions', () => {
    expect(
      events('<?xml version="1.0"?><!DOCTYPE x><a k="v">one<!-- no --><b/><![CDATA[<raw>]]></a>'),
    ).toEqual(['<a>k="v"', 'text:one', '<b/>', 'cdata:<raw>', '</a>']);
  });

  it('ends quietly on malformed input', () => {
    expect(events('<a>text<b unclosed')).toEqual(['<a>', 'text:text']);
    expect(events('<!-- never closed <a>')).toEqual([]);
    expect(events('plain')).toEqual(['text:plain']);
  });
});

describe('xml helpers', () => {
  it('decodes entities and character references', () => {
    expect(decodeXmlEntities('a &amp; b &lt;c&gt; &quot;&apos; &#65;&#x42; &bogus; &#0;')).toBe(
      'a & b <c> "\' AB &bogus; \ufffd',
    );
  });

  it('reads attribute values by exact name', () => {
    const attrs = ' r:id="rId7" id="x" name="A &amp; B" state=\'hidden\'';
    expect(attrValue(attrs, 'id')).toBe('x');
    expect(attrValue(attrs, 'r:id')).toBe('rId7');
    expect(attrValue(attrs, 'name')).toBe('A & B');
    expect(attrValue(attrs, 'state')).toBe('hidden');
    expect(attrValue(attrs, 'missing')).toBeUndefined();
  });

  it('resolves relationship targets', () => {
    expect(resolvePartPath('xl/worksheets/sheet1.xml', '../comments1.xml')).toBe('xl/comments1.xml');
    expect(resolvePartPath('xl/workbook.xml', 'worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(resolvePartPath('ppt/slides/slide1.xml', '/ppt/notesSlides/notesSlide1.xml')).toBe(
      'ppt/notesSlides/notesSlide1.xml',
    );
  });

  it('NextIndex finds the next occurrence at or after each position, forward and back', () => {
    const text = 'a<v>b<v>c';
    const next = NextIndex.of(text, '<v>');
    expect([next.from(0), next.from(1), next.from(2), next.from(5), next.from(6), next.from(0)]).toEqual([
      1, 1, 5, 5, -1, 1,
    ]);
  });
});
