/**
 * OnMessageRecipientsChanged / OnMessageAttachmentsChanged: scan every attachment not scanned yet
 * and keep the result (scan-ahead.ts), and warm the policy cache, so Send usually only evaluates.
 */
import { scanAttachment } from '../core/scan/scan-message';
import type { Unscanned } from '../core/types';
import { completeOnce, type CompletableEvent } from './complete-once';
import { listAttachments, readAttachment } from './read-item';
import { attachmentKey, cachedScans, forgetRemoved, itemSessionKey, rememberScan } from './scan-ahead';
import { currentItem, defaultDeps, type HandlerDeps } from './send-handler';

/** The event runtime lives about 5 minutes (4 to 4.5 on some clients); complete well before that. */
export const SCAN_AHEAD_DEADLINE_MS = 200000;
/** Per attachment: a huge file must not hold the runtime; Send reports it if still unscanned. */
export const SCAN_AHEAD_ATTACHMENT_BUDGET_MS = 20000;

async function scanAheadWork(deps: HandlerDeps): Promise<undefined> {
  const item = currentItem();
  const policyWarm = deps.loadPolicy().catch(() => undefined);
  const itemKey = await itemSessionKey(item);
  const list = await listAttachments(item);
  forgetRemoved(itemKey, list);
  const cached = await cachedScans(item, itemKey, list);
  // One at a time: bounded memory (one decoded attachment at once) in a small runtime.
  for (const summary of list) {
    if (cached.has(attachmentKey(summary))) continue;
    const input = await readAttachment(item, summary);
    if ((input as Unscanned).reason !== undefined) continue; // Send reports it (and retries the read)
    const parts = scanAttachment(input as Parameters<typeof scanAttachment>[0], {
      deadline: deps.now() + SCAN_AHEAD_ATTACHMENT_BUDGET_MS,
      now: deps.now,
    });
    await rememberScan(item, itemKey, summary, parts);
  }
  await policyWarm;
  return undefined;
}

export function handleScanAhead(event: CompletableEvent, deps: HandlerDeps = defaultDeps()): Promise<void> {
  return completeOnce(
    event,
    () => scanAheadWork(deps),
    () => undefined,
    { deadlineMs: SCAN_AHEAD_DEADLINE_MS, timers: deps.timers },
  );
}
