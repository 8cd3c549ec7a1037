/**
 * "Mask the data in the body": every sensitive value the engine finds in the body is replaced
 * by its masked preview (123-45-6789 -> ***-**-6789). HTML bodies are redacted text node by text
 * node, so the formatting stays and no tag or attribute is touched.
 */
import { scanText } from '../core/detect/scan-text';
import type { Confidence, EntityId, Finding } from '../core/types';

export interface RedactOptions {
  /** Only these entities are masked; all of them when absent. */
  entities?: ReadonlySet<EntityId>;
  /** Findings below this tier stay (they did not count in the verdict either). Default 'medium'. */
  minConfidence?: Confidence;
}

export interface Redaction {
  text: string;
  /** How many values were masked. */
  masked: number;
}

function maskable(findings: readonly Finding[], entities?: ReadonlySet<EntityId>): Finding[] {
  const wanted = findings.filter((f) => !entities || entities.has(f.entity));
  // Right to left, so earlier offsets stay valid; overlapping findings keep the first one seen.
  wanted.sort((a, b) => b.start - a.start);
  const kept: Finding[] = [];
  for (const finding of wanted) {
    const previous = kept[kept.length - 1];
    if (!previous || finding.end <= previous.start) kept.push(finding);
  }
  return kept;
}

/** Masks the sensitive values of a plain text. */
export function redactText(text: string, options: RedactOptions = {}): Redaction {
  const { findings } = scanText(text, { minConfidence: options.minConfidence ?? 'medium' });
  let out = text;
  const kept = maskable(findings, options.entities);
  for (const finding of kept) out = out.slice(0, finding.start) + finding.preview + out.slice(finding.end);
  return { text: out, masked: kept.length };
}

/** Masks the sensitive values of an HTML body, text node by text node. Needs a DOM (the pane has one). */
export function redactHtml(html: string, options: RedactOptions = {}): Redaction {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  let masked = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const redaction = redactText(node.nodeValue ?? '', options);
    if (redaction.masked > 0) {
      node.nodeValue = redaction.text;
      masked += redaction.masked;
    }
  }
  return { text: masked > 0 ? doc.body.innerHTML : html, masked };
}
