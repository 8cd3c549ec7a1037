import { scanText } from '../../src/core/detect/scan-text';
import { foldCodePoint, normalizeText } from '../../src/core/text/normalize';
import { maskKeepLast } from '../../src/core/text/mask';

const ssnOf = (text: string, options = {}) =>
  scanText(text, options).findings.filter((f) => f.entity === 'US_SSN');

describe('normalization maps offsets back to the original text', () => {
  it.each([
    ['fullwidth digits and dashes', 'SSN ５３６－２２－８４７１ end', '５３６－２２－８４７１'],
    ['non-breaking spaces', 'SSN 536\u00a022\u00a08471 end', '536\u00a022\u00a08471'],
    ['Unicode dashes', 'SSN 536\u201322\u20148471 end', '536\u201322\u20148471'],
    ['zero-width characters inside', 'SSN 53\u200b6-22-84\u200d71 end', '53\u200b6-22-84\u200d71'],
    ['HTML entities', 'SSN&#58; 536&#x2D;22&ndash;8471 end', '536&#x2D;22&ndash;8471'],
    ['an emoji before the value', '\u{1F600} SSN 536-22-8471', '536-22-8471'],
  ])('%s', (_name, text, expected) => {
    const [finding] = ssnOf(text);
    expect(finding).toBeDefined();
    expect(text.slice(finding!.start, finding!.end)).toBe(expected);
  });

  it('leaves plain ASCII untouched', () => {
    const norm = normalizeText('plain text 123');
    expect(norm.identity).toBe(true);
    expect(norm.text).toBe('plain text 123');
  });

  it('decodes numeric and named entities', () => {
    expect(normalizeText('a&#49;&#x32;&amp;&nbsp;b').text).toBe('a12& b');
  });

  // The fast "nothing to fold" check reads long texts in 64K-character chunks.
  it.each([
    ['a fullwidth digit past the first chunk', 'x'.repeat(70_000) + '\uff15', 'x'.repeat(70_000) + '5'],
    ['an entity in otherwise plain ASCII', 'y'.repeat(70_000) + '&#53;', 'y'.repeat(70_000) + '5'],
    ['an entity after a lone ampersand', 'a & b &amp; c', 'a & b & c'],
  ])('folds %s', (_name, text, expected) => {
    const norm = normalizeText(text);
    expect(norm.identity).toBe(false);
    expect(norm.text).toBe(expected);
  });

  it('looks for exactly the code points foldCodePoint folds', () => {
    const wrong: string[] = [];
    const check = (cp: number): void => {
      const folds = foldCodePoint(cp) !== null;
      if (normalizeText('a' + String.fromCodePoint(cp) + 'b').identity === folds) wrong.push(cp.toString(16));
    };
    for (let cp = 0x80; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) check(cp);
    for (let cp = 0x1d000; cp <= 0x1dfff; cp++) check(cp);
    expect(wrong).toEqual([]);
  });

  it('keeps ASCII with ampersands that open no entity, and DEL, unchanged', () => {
    expect(normalizeText('R&D & co. &1 \u007f').identity).toBe(true);
  });
});

describe('context words', () => {
  it('raise an SSN-shaped number only when the keyword is a whole word', () => {
    expect(ssnOf('SSN: 536-22-8471')[0]?.confidence).toBe('high');
    expect(ssnOf('classnid 536-22-8471')[0]?.confidence).toBe('low');
  });

  it('respect the configurable window', () => {
    const text = 'SSN' + ' filler'.repeat(60) + ' 536-22-8471';
    expect(ssnOf(text)[0]?.confidence).toBe('low');
    expect(ssnOf(text, { contextWindow: 1000 })[0]?.confidence).toBe('high');
  });
});

describe('tabular context', () => {
  it('lets a CSV header vouch for every value in its column', () => {
    const csv = 'Name,Soc Sec #,Phone\nAda,536228471,555\nBob,536228472,556\n';
    const found = ssnOf(csv);
    expect(found.map((f) => csv.slice(f.start, f.end))).toEqual(['536228471', '536228472']);
    expect(found.every((f) => f.confidence === 'high' && f.reasons.includes('header:Soc Sec #'))).toBe(true);
  });

  it('gives the findings of a column one shared, frozen list of reasons', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `Ada,5362284${10 + i}`);
    const found = ssnOf(['Name,Soc Sec #', ...rows].join('\n'));
    expect(found.length).toBeGreaterThan(40);
    expect(found[0]?.reasons).toEqual(['pattern', 'header:Soc Sec #']);
    expect(new Set(found.map((f) => f.reasons)).size).toBe(1);
    expect(Object.isFrozen(found[0]?.reasons)).toBe(true);
  });

  it('lists every piece of evidence once, in order', () => {
    const text = 'Name,Card\nAda,4111 1111 1111 1111\n';
    const card = scanText(text).findings.find((f) => f.entity === 'CREDIT_CARD');
    expect(card?.reasons).toEqual(['pattern', 'checksum:luhn', 'header:Card']);
  });

  it('does not let a header vouch for another column', () => {
    const tsv = 'SSN\tRef\n536-22-8471\t536228473\n';
    const other = ssnOf(tsv).find((f) => tsv.slice(f.start, f.end) === '536228473');
    // The keyword "SSN" nearby still counts as context, but the Ref column is not vouched for.
    expect(other?.reasons.some((r) => r.startsWith('header:'))).toBe(false);
    expect(other?.confidence).toBe('medium');
  });

  it('reads quoted cells, semicolons and pipes as spreadsheets write them', () => {
    const quoted = 'Name,"Ref, internal",SSN\n"Doe, Jane",A-1,536228471\n';
    expect(ssnOf(quoted)[0]?.reasons).toContain('header:SSN');
    for (const delimiter of [';', '|']) {
      const text = ['Name', 'Soc Sec #'].join(delimiter) + '\n' + ['Ada', '536228471'].join(delimiter) + '\n';
      expect(ssnOf(text)[0]?.reasons).toContain('header:Soc Sec #');
    }
  });

  it('takes the delimiter a line has most of, and on a tie the first of tab, comma, semicolon', () => {
    // One tab and one comma per line: the tab wins, so the header of "536228471" is "SSN".
    const tie = 'SSN\tRef,x\n536228471\tz,y\n';
    expect(ssnOf(tie)[0]?.reasons).toContain('header:SSN');
    // A header cell without a letter vouches for nothing.
    const [noLetter] = ssnOf('Name,123\nAda,536-22-8471\n');
    expect(noLetter?.reasons.some((r) => r.startsWith('header:'))).toBe(false);
  });

  it('follows a block line by line, with CRLF too, and ends it where the delimiter count changes', () => {
    const crlf = ['SSN,Ref', ...Array.from({ length: 20 }, (_, i) => `5362284${10 + i},${i}`)].join('\r\n');
    expect(ssnOf(crlf).every((f) => f.reasons.includes('header:SSN'))).toBe(true);
    const broken = 'SSN,Ref\n536-22-8471,1\nnote without commas\n536-22-8472,2\n';
    expect(ssnOf(broken).map((f) => f.reasons.some((r) => r.startsWith('header:')))).toEqual([true, false]);
  });

  it('takes headers from the caller for tables laid out as text', () => {
    const text = '536228471\t536228472';
    const found = ssnOf(text, { headerAt: (offset: number) => (offset < 10 ? 'SSN' : 'Order') });
    expect(found.map((f) => f.confidence)).toEqual(['high', 'low']);
  });
});

describe('limits', () => {
  it('reports truncation instead of hiding it', () => {
    const result = scanText('SSN 536-22-8471 '.repeat(10), { maxChars: 20 });
    expect(result.truncated).toBe(true);
    expect(result.scannedChars).toBe(20);
    expect(result.findings).toHaveLength(1);
  });

  it.each([0, -1, 1.5, NaN])('rejects maxChars %p', (maxChars) => {
    expect(() => scanText('x', { maxChars })).toThrow(RangeError);
  });

  it('stops at maxFindings and says which limit stopped it', () => {
    const text = 'SSN\n' + Array.from({ length: 50 }, (_, i) => `5362284${String(10 + i)}`).join('\n');
    const capped = scanText(text, { maxFindings: 5 });
    expect(capped.truncated).toBe(true);
    expect(capped.limitHit).toBe('maxFindings');
    expect(capped.findings.length).toBeLessThanOrEqual(5);
    const full = scanText(text);
    expect(full.truncated).toBe(false);
    expect(full.limitHit).toBeUndefined();
    expect(full.findings.length).toBe(50);
  });

  it.each([0, -3, 2.5])('rejects maxFindings %p', (maxFindings) => {
    expect(() => scanText('x', { maxFindings })).toThrow(RangeError);
  });

  it('filters by minimum confidence', () => {
    const text = 'ref 536-22-8471;' + ' filler'.repeat(50) + ' SSN 536-22-8472';
    const starts = scanText(text, { minConfidence: 'medium' }).findings.map((f) => f.start);
    expect(starts).toEqual([text.length - 11]);
  });
});

describe('previews', () => {
  it('never show the whole value', () => {
    expect(maskKeepLast('536-22-8471')).toBe('***-**-8471');
    expect(maskKeepLast('12345')).toBe('****5');
  });

  it('mask every value by its own shape, however layouts alternate', () => {
    // Reference: letters and digits before the last four become '*' (values of 8+ of them).
    const expected = (value: string): string => {
      let cut = value.length;
      for (let seen = 0; seen < 4;) if (/[A-Za-z0-9]/.test(value.charAt(--cut))) seen++;
      return value.slice(0, cut).replace(/[A-Za-z0-9]/g, '*') + value.slice(cut);
    };
    const layouts = [
      '536-22-8471',
      '(612) 555-0147',
      '536228471',
      'IN-25045113',
      '5362-2847-1000',
      'A12 345 678',
    ];
    let seed = 9;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 69069 + 1) >>> 0;
      const layout = layouts[seed % layouts.length] as string;
      const value = layout.replace(/\d/g, () => String((seed = (seed * 69069 + 1) >>> 0) % 10));
      expect(maskKeepLast(value)).toBe(expected(value));
    }
  });

  it('are what findings carry', () => {
    const [finding] = ssnOf('SSN 536-22-8471');
    expect(finding?.preview).toBe('***-**-8471');
  });
});
