import type { Candidates } from './candidates';

/**
 * Keeps the strongest finding where findings overlap: a 9-digit value under an SSN header is
 * an SSN, not also a bank number, a passport and a driver's license. Strongest first, each
 * finding claims its characters in a bitmap; one that touches a claimed character is dropped.
 * Findings are short, so this is linear in the covered text (an interval list was quadratic on a
 * line of 100,000 numbers). Returns the indexes of the candidates kept, in text order, or
 * undefined when all are kept in the order they were found.
 */
export function resolveOverlaps(candidates: Candidates): number[] | undefined {
  const { count, starts } = candidates;
  // Numbers arrive in text order, then addresses. Most texts are in order with no overlap at
  // all: then every candidate is kept as it is, and no index list is made.
  const sorted = isSortedByStart(starts, count);
  if (sorted && !overlaps(candidates, undefined)) return undefined;
  const order: number[] = [];
  for (let i = 0; i < count; i++) order.push(i);
  // The sort is stable: equal starts keep the order they were found in.
  if (!sorted) order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  return overlaps(candidates, order) ? keepStrongest(candidates, order) : order;
}

/** Whether a candidate starts before the one before it (in `order`, else as kept) ends. */
function overlaps(candidates: Candidates, order: number[] | undefined): boolean {
  const { count, starts, ends } = candidates;
  for (let k = 1; k < count; k++) {
    const i = order === undefined ? k : (order[k] as number);
    const previous = order === undefined ? k - 1 : (order[k - 1] as number);
    if ((starts[i] as number) < (ends[previous] as number)) return true;
  }
  return false;
}

function isSortedByStart(starts: readonly number[], count: number): boolean {
  for (let i = 1; i < count; i++) if ((starts[i] as number) < (starts[i - 1] as number)) return false;
  return true;
}

function keepStrongest(candidates: Candidates, byStart: number[]): number[] {
  const { starts, ends, scores } = candidates;
  let from = Infinity;
  let to = 0;
  for (const i of byStart) {
    if ((starts[i] as number) < from) from = starts[i] as number;
    if ((ends[i] as number) > to) to = ends[i] as number;
  }
  const claimed = new Uint8Array(to - from);
  const byStrength = byStart
    .slice()
    .sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) || (starts[a] as number) - (starts[b] as number),
    );
  const kept: number[] = [];
  for (const i of byStrength) {
    const start = (starts[i] as number) - from;
    const end = (ends[i] as number) - from;
    let free = true;
    for (let c = start; c < end && free; c++) if (claimed[c]) free = false;
    if (!free) continue;
    claimed.fill(1, start, end);
    kept.push(i);
  }
  return kept.sort((a, b) => (starts[a] as number) - (starts[b] as number));
}
