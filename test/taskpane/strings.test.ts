import { paneLocale, stringsFor } from '../../src/taskpane/strings';

const LOCALES = ['en', 'es', 'fr', 'de'];

function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    );
  }
  return typeof value;
}

describe('pane strings', () => {
  test('every language has every string, none empty', () => {
    const english = shape(stringsFor('en'));
    for (const locale of LOCALES) {
      const strings = stringsFor(locale);
      expect(shape(strings)).toEqual(english);
      for (const [key, value] of Object.entries(strings)) {
        if (typeof value === 'string') expect(`${key}:${value.trim().length > 0}`).toBe(`${key}:true`);
      }
      expect(strings.unscannedReason('encrypted')).not.toBe('encrypted');
    }
  });

  test('languages differ where they should', () => {
    const titles = LOCALES.map((l) => stringsFor(l).actionLabel.encrypt);
    expect(new Set(titles).size).toBe(4);
  });

  test('region and unknown locales fall back sensibly', () => {
    expect(paneLocale('de-AT')).toBe('de');
    expect(paneLocale('pt-BR')).toBe('en');
    expect(paneLocale(undefined)).toBe('en');
  });
});
