/**
 * Presidio's recognizer test vectors (shared/eval, copied to test/fixtures) as a conformance
 * suite for IBAN_CODE, ABA_ROUTING_NUMBER, US_ITIN, US_BANK_NUMBER, US_PASSPORT and
 * US_DRIVER_LICENSE. Presidio tests one recognizer at a time without context boosting, so each
 * row runs through the whole engine with only that entity's detector, and its weak hits count
 * as expected: spans are compared at any tier.
 */
import { agrees, expectContextRaisesScore, rowsFor, spansOf } from './presidio-vectors';

/** Checksum types: Presidio's validated hits and failed checksums must match row for row. */
const CHECKSUM_ENTITIES = ['IBAN_CODE', 'ABA_ROUTING_NUMBER'] as const;
/** Shape-only types: agreement is measured and must stay above the floor. */
const SHAPE_ENTITIES = ['US_ITIN', 'US_BANK_NUMBER', 'US_PASSPORT', 'US_DRIVER_LICENSE'] as const;
/** Share of shape-type rows (all four entities together) that must agree with Presidio. */
const AGREEMENT_FLOOR = 0.9;

/** Rows where we differ from Presidio on purpose, with the reason. Any other difference fails. */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  // Presidio reports all five digit runs as very weak (0.01) licenses. We find the last three;
  // 123456789 and 1234567890 are ascending runs, which we treat as placeholders everywhere.
  '123456789 1234567890 12345679012 123456790123 1234567901234 1234': 'sequential placeholders',
};

/** Context rows (Presidio only asserts the score rises with context) we do not find at all. */
const KNOWN_CONTEXT_MISSES: Readonly<Record<string, string>> = {
  // "AA1B2**9ABA7" is no state's license layout; Presidio's regex does not match it either.
  'my driver license number: AA1B2**9ABA7': 'not a license layout',
  // Keyword and number glued into one word: our keywords are whole words, on purpose (Presidio's
  // substring matching is what made "lic" match "duplicate").
  mypassportnumberis912803456: 'no word boundaries',
};

describe.each(CHECKSUM_ENTITIES)('%s agrees with Presidio row for row', (entity) => {
  const rows = rowsFor(entity, true);

  it('has vectors with and without a valid checksum', () => {
    expect(rows.some((r) => r.expected_count === 0)).toBe(true);
    expect(rows.some((r) => (r.expected_count ?? 0) > 0)).toBe(true);
  });

  it.each(rows.map((r) => [r.text, r] as const))('%j', (_text, row) => {
    expect(spansOf(row.text, entity)).toEqual(row.spans);
  });
});

describe('shape-only entities agree with Presidio above the floor', () => {
  const rows = SHAPE_ENTITIES.flatMap((entity) => rowsFor(entity, true));

  it('has vectors for every entity', () => {
    for (const entity of SHAPE_ENTITIES) expect(rows.some((r) => r.entity === entity)).toBe(true);
  });

  it.each(rows.map((r) => [r.entity, r.text, r] as const))('%s %j', (_entity, _text, row) => {
    expect(agrees(row)).toBe(KNOWN_DISAGREEMENTS[row.text] === undefined);
  });

  it(`agrees on at least ${AGREEMENT_FLOOR * 100}% of rows`, () => {
    const agreed = rows.filter(agrees).length;
    expect(agreed / rows.length).toBeGreaterThanOrEqual(AGREEMENT_FLOOR);
  });
});

/** Entities with Presidio context rows (tests/data/context_sentences_tests.txt). */
const CONTEXT_ENTITIES = [...CHECKSUM_ENTITIES, ...SHAPE_ENTITIES].filter(
  (e) => rowsFor(e, false).length > 0,
);

describe.each(CONTEXT_ENTITIES)('%s: context raises the score', (entity) => {
  const rows = rowsFor(entity, false).filter((r) => KNOWN_CONTEXT_MISSES[r.text] === undefined);

  it.each(rows.map((r) => [r.text, r] as const))('%j', (_text, row) => {
    expectContextRaisesScore(row, entity);
  });
});
