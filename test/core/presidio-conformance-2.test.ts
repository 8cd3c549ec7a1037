/**
 * Presidio's recognizer test vectors (shared/eval, copied to test/fixtures) as a conformance
 * suite for US_NPI, MEDICAL_LICENSE, EMAIL_ADDRESS, CA_SIN, UK_NHS, US_MBI, UK_NINO,
 * PHONE_NUMBER and IP_ADDRESS. Presidio tests one recognizer at a time without context
 * boosting, so each row runs through the whole engine with only that entity's detector and
 * spans are compared at any tier. Presidio's DATE_TIME rows are not used: it reports every date,
 * while DATE_OF_BIRTH reports a date only with birth evidence.
 */
import type { EntityId } from '../../src/core/types';
import { agrees, expectContextRaisesScore, rowsFor, spansOf, type Vector } from './presidio-vectors';

/** Checksum types (and e-mail, which Presidio validates): every row must agree exactly. */
const CHECKSUM_ENTITIES = ['US_NPI', 'MEDICAL_LICENSE', 'EMAIL_ADDRESS', 'CA_SIN', 'UK_NHS'] as const;
/** Shape types: agreement per entity must stay at or above its floor. */
const AGREEMENT_FLOORS: Readonly<Record<string, number>> = {
  US_MBI: 1,
  UK_NINO: 0.9,
  PHONE_NUMBER: 0.85,
  IP_ADDRESS: 0.9,
};
const SHAPE_ENTITIES = Object.keys(AGREEMENT_FLOORS) as EntityId[];
/** Presidio's default phone leniency; rows written for other leniencies expect other counts. */
const DEFAULT_LENIENCY = 1;

/** Rows where we differ from Presidio on purpose, with the reason. Any other difference fails. */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  // Presidio's NINO regex starts with an optional space, so its span includes the one before.
  'Here is my National Insurance Number YZ 61 48 68 B': 'span starts at the letters, not the space',
  // Israeli 9-digit national numbers: our national forms are the UK, German and French ones.
  'My Israeli number is 09-7625400': 'Israeli national form not covered',
  // "91-415-555-0132": a country code written without '+' is indistinguishable from an order
  // number prefix; Presidio itself drops it at leniency 2.
  'My US number is (415) 555-0132, and my international one is 91-415-555-0132': 'no + before 91',
  // The unspecified address "::" holds no digit and identifies nothing (Presidio scores it 0.1).
  'Use local ipv6 ::': 'unspecified address',
  'src=:: dst=::1': 'unspecified address',
  'Unspecified ::': 'unspecified address',
  '::/0': 'unspecified address',
  '::/128': 'unspecified address',
  // A fifth dotted number makes it a version or OID, not an address followed by ".1".
  '192.168.1.1.1': 'dotted run of five numbers',
  // Glued to a word: we require an address to start a word, as for every other entity.
  'text::ffff:192.0.2.1': 'glued to a word',
  'foo2001:db8::10.0.0.1': 'glued to a word',
};

/** Context rows (Presidio only asserts the score rises with context) we do not boost. */
const KNOWN_CONTEXT_MISSES: Readonly<Record<string, string>> = {
  // IP addresses carry no context keywords: relay headers put them in nearly every message and a
  // keyword lookup would cost a pass over every text for a low-severity type.
  'my ip: 192.168.0.1': 'no IP keywords by design',
};

function atDefaultLeniency(row: Vector): boolean {
  const leniency = row.recognizer_config?.leniency;
  return leniency === undefined || leniency === DEFAULT_LENIENCY;
}

describe.each(CHECKSUM_ENTITIES)('%s agrees with Presidio row for row', (entity) => {
  const rows = rowsFor(entity, true, atDefaultLeniency);

  it('has vectors that must be found and vectors that must not', () => {
    expect(rows.some((r) => r.expected_count === 0)).toBe(true);
    expect(rows.some((r) => (r.expected_count ?? 0) > 0)).toBe(true);
  });

  it.each(rows.map((r) => [r.text, r] as const))('%j', (_text, row) => {
    expect(spansOf(row.text, entity)).toEqual(row.spans);
  });
});

describe.each(SHAPE_ENTITIES)('%s agrees with Presidio above its floor', (entity) => {
  const rows = rowsFor(entity, true, atDefaultLeniency);
  const floor = AGREEMENT_FLOORS[entity] as number;

  it('has vectors to check', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it.each(rows.map((r) => [r.text, r] as const))('%j', (_text, row) => {
    expect(agrees(row)).toBe(KNOWN_DISAGREEMENTS[row.text] === undefined);
  });

  it(`agrees on at least ${floor * 100}% of rows`, () => {
    const agreed = rows.filter(agrees).length;
    expect(agreed / rows.length).toBeGreaterThanOrEqual(floor);
  });
});

function contextRowsFor(entity: EntityId): Vector[] {
  return rowsFor(entity, false, atDefaultLeniency).filter((r) => KNOWN_CONTEXT_MISSES[r.text] === undefined);
}

const CONTEXT_ENTITIES = [...CHECKSUM_ENTITIES, ...SHAPE_ENTITIES].filter(
  (e) => contextRowsFor(e).length > 0,
);

describe.each(CONTEXT_ENTITIES)('%s: context raises the score', (entity) => {
  const rows = contextRowsFor(entity);

  it.each(rows.map((r) => [r.text, r] as const))('%j', (_text, row) => {
    expectContextRaisesScore(row, entity);
  });
});
