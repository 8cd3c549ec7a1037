import { scanText } from '../../src/core/detect/scan-text';
import type { ExtractContext, ExtractedText, ExtractOutcome } from '../../src/core/extract/extractor';
import { parseExtractLimits, type ExtractLimits } from '../../src/core/extract/limits';

/** A context with default limits and a far deadline, overridable per test. */
export function contextWith(
  limits: Partial<ExtractLimits> = {},
  deadline = Date.now() + 60_000,
): ExtractContext {
  return { limits: parseExtractLimits(limits), deadline, now: () => Date.now(), depth: 0 };
}

export function texts(outcome: ExtractOutcome): ExtractedText[] {
  if (!outcome.ok) throw new Error(`extraction failed: ${outcome.reason} (${outcome.detail})`);
  return outcome.texts;
}

/** Every finding of `entity` in the texts, located like the message scanner names it: 'Sheet1!B3', 'page 2'. */
export function locate(
  outcome: ExtractOutcome,
  entity = 'US_SSN',
): Array<{ where: string; preview: string }> {
  const out: Array<{ where: string; preview: string }> = [];
  for (const part of texts(outcome)) {
    const { findings } = scanText(part.text, part.headerAt ? { headerAt: part.headerAt } : {});
    for (const f of findings) {
      if (f.entity !== entity) continue;
      const cell = part.cellAt?.(f.start);
      const where = cell ? `${part.where ?? ''}!${cell}` : (part.where ?? '');
      out.push({ where, preview: f.preview });
    }
  }
  return out;
}

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
