import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { snapshotFromEml } from '../../core/extract/eml';
import { evaluate } from '../../core/policy/evaluate';
import type { Action, Policy } from '../../core/policy/policy';
import type { OutsideClass } from '../../core/policy/verdict';
import type { RecipientClass } from '../../core/recipients/classify-recipients';
import { scanMessage } from '../../core/scan/scan-message';
import type { EntityId, UnscannedReason } from '../../core/types';

/** One message's scan time at most; what is not reached by then is reported 'timeout'. */
export const SIMULATE_MESSAGE_DEADLINE_MS = 30000;
/** Masked examples kept per message. */
const EXAMPLES_PER_MESSAGE = 3;

export interface SimulateSettings {
  policy: Policy;
  /** Overrides the sender read from each .eml From header. */
  sender?: string;
}

/** What one message contributes to the report: counts, ids, domains and masked previews only. */
export interface MessageOutcome {
  file: string;
  action: Action;
  rules: string[];
  counts: Partial<Record<EntityId, number>>;
  outsideDomains: Record<OutsideClass, string[]>;
  recipientClasses: Partial<Record<RecipientClass, number>>;
  unscanned: Partial<Record<UnscannedReason, number>>;
  /** Masked previews ('***-**-6789') with the entity and where they were found. */
  examples: { entity: EntityId; preview: string; where: string }[];
  elapsedMs: number;
  /** The message could not be read at all. */
  error?: string;
}

function whereOf(location: { part: string; name?: string; where?: string; path?: string[] }): string {
  if (location.part !== 'attachment') return location.part;
  const path = location.path && location.path.length > 0 ? location.path.join(' > ') : (location.name ?? '');
  return location.where ? `${path} (${location.where})` : path;
}

/** Reads, scans and evaluates one .eml file. Never throws: a bad file becomes an outcome with an error. */
export function simulateMessage(file: string, settings: SimulateSettings): MessageOutcome {
  const started = Date.now();
  try {
    const snapshot = snapshotFromEml(new Uint8Array(readFileSync(file)));
    const scan = scanMessage(snapshot, { deadline: started + SIMULATE_MESSAGE_DEADLINE_MS });
    const verdict = evaluate(
      {
        findings: scan.findings,
        unscanned: scan.unscanned,
        recipients: snapshot.recipients,
        sender: settings.sender ?? snapshot.from?.address,
        subject: snapshot.subject,
        headers: snapshot.headers,
        sensitivityLabel: snapshot.sensitivityLabel,
      },
      settings.policy,
    );
    const recipientClasses: MessageOutcome['recipientClasses'] = {};
    for (const r of verdict.recipients) recipientClasses[r.class] = (recipientClasses[r.class] ?? 0) + 1;
    const unscanned: MessageOutcome['unscanned'] = {};
    for (const u of verdict.unscanned) unscanned[u.reason] = (unscanned[u.reason] ?? 0) + 1;
    const counted = new Set(Object.keys(verdict.counts));
    const examples = scan.findings
      .filter((f) => counted.has(f.entity))
      .slice(0, EXAMPLES_PER_MESSAGE)
      .map((f) => ({ entity: f.entity, preview: f.preview, where: whereOf(f.location) }));
    return {
      file,
      action: verdict.action,
      rules: verdict.rules,
      counts: verdict.counts,
      outsideDomains: verdict.outsideDomains,
      recipientClasses,
      unscanned,
      examples,
      elapsedMs: Date.now() - started,
    };
  } catch (error) {
    return {
      file,
      action: 'allow',
      rules: [],
      counts: {},
      outsideDomains: { partner: [], personal: [], external: [], lookalike: [] },
      recipientClasses: {},
      unscanned: {},
      examples: [],
      elapsedMs: Date.now() - started,
      error: error instanceof Error ? error.name + ': ' + error.message.slice(0, 200) : 'unknown error',
    };
  }
}

/** Worker bootstrap: started by simulate.ts with workerData { sendwardenSimulate: settings }. */
if (
  !isMainThread &&
  parentPort &&
  workerData &&
  (workerData as { sendwardenSimulate?: unknown }).sendwardenSimulate
) {
  const settings = (workerData as { sendwardenSimulate: SimulateSettings }).sendwardenSimulate;
  const port = parentPort;
  port.on('message', (message: { index: number; file: string }) => {
    port.postMessage({ index: message.index, outcome: simulateMessage(message.file, settings) });
  });
}
