import type { ExtractContext, ExtractOutcome } from '../../src/core/extract/extractor';
import { parseExtractLimits, type ExtractLimits } from '../../src/core/extract/limits';

export function context(limits: Partial<ExtractLimits> = {}): ExtractContext {
  return {
    limits: parseExtractLimits(limits),
    deadline: Infinity,
    now: () => 0,
    depth: 0,
    budget: { inflatedBytes: 0 },
  };
}

/** The texts of a successful outcome by where; fails the test on { ok: false }. */
export function textsByWhere(outcome: ExtractOutcome): Record<string, string> {
  if (!outcome.ok) throw new Error(`extraction failed: ${outcome.reason} ${outcome.detail}`);
  const byWhere: Record<string, string> = {};
  for (const t of outcome.texts) byWhere[t.where ?? ''] = (byWhere[t.where ?? ''] ?? '') + t.text;
  return byWhere;
}
