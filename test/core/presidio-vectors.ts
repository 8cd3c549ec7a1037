/**
 * Presidio's recognizer test vectors (shared/eval, copied to test/fixtures) and the helpers the
 * conformance suites share. Presidio tests one recognizer at a time without context boosting, so
 * a row runs through the whole engine with only its entity's detector, and spans are compared at
 * any tier.
 */
import vectors from '../fixtures/presidio-vectors.json';
import { scanText } from '../../src/core/detect/scan-text';
import { ALL_DETECTORS } from '../../src/core/detectors';
import type { Detector } from '../../src/core/detect/detector';
import type { EntityId, Finding } from '../../src/core/types';

export interface Vector {
  entity: string;
  text: string;
  /** null for context rows: Presidio only asserts that context raises the score. */
  expected_count: number | null;
  spans: Array<[number, number]>;
  /** False when Presidio's test asserted only a count. */
  spans_specified?: boolean;
  recognizer_config?: { leniency?: number };
}

function detectorFor(entity: EntityId): Detector {
  const detector = ALL_DETECTORS.find((d) => d.entity === entity);
  if (!detector) throw new Error(`no detector registered for ${entity}`);
  return detector;
}

/** Rows for `entity`: counted rows (`withCounts`) or context rows, optionally filtered further. */
export function rowsFor(
  entity: EntityId,
  withCounts: boolean,
  keep: (row: Vector) => boolean = () => true,
): Vector[] {
  return (vectors as Vector[]).filter(
    (v) => v.entity === entity && (v.expected_count !== null) === withCounts && keep(v),
  );
}

/** Findings of `entity` with only its own detector, as Presidio runs one recognizer. */
export function findingsOf(text: string, entity: EntityId): Finding[] {
  return scanText(text, { detectors: [detectorFor(entity)] }).findings;
}

export function spansOf(text: string, entity: EntityId): Array<[number, number]> {
  return findingsOf(text, entity).map((f) => [f.start, f.end]);
}

/** True when the row's spans (or only its count, where Presidio asserted only that) match. */
export function agrees(row: Vector): boolean {
  const spans = spansOf(row.text, row.entity as EntityId);
  if (row.spans_specified === false) return spans.length === row.expected_count;
  return JSON.stringify(spans) === JSON.stringify(row.spans);
}

/** A context row: every finding scores higher in its sentence than the bare value does alone. */
export function expectContextRaisesScore(row: Vector, entity: EntityId): void {
  const found = findingsOf(row.text, entity);
  expect(found.length).toBeGreaterThan(0);
  for (const finding of found) {
    const value = row.text.slice(finding.start, finding.end);
    const alone = findingsOf(value, entity)[0]?.score ?? 0;
    expect(finding.score).toBeGreaterThan(alone);
  }
}
