/**
 * The send-time handlers: read the draft, scan what the scan-ahead did not, evaluate the policy,
 * and complete the event exactly once (complete-once.ts) within SEND_DEADLINE_MS. Every failure
 * path ends in a completion that follows the policy's fail mode.
 */
import { renderVerdictMessage } from '../core/messages/render-verdict-message';
import { DEFAULT_POLICY } from '../core/policy/default-policy';
import { evaluate } from '../core/policy/evaluate';
import type { Policy } from '../core/policy/policy';
import type { Verdict } from '../core/policy/verdict';
import { scanMessage } from '../core/scan/scan-message';
import type { ScanParts } from '../core/scan/scan-session';
import type { LocatedFinding, Unscanned } from '../core/types';
import { auditVerdict } from './audit';
import {
  SCAN_BUDGET_MS,
  SEND_DEADLINE_MS,
  completeOnce,
  defaultTimers,
  type CompletableEvent,
  type Completion,
  type FailureKind,
  type Timers,
} from './complete-once';
import { decisionSettles, readDecision, writeDecision, type StoredDecision } from './decision-store';
import { markerHeaderNames } from './encrypt';
import { messageFingerprint } from './fingerprint';
import { officeCall } from './office-async';
import { loadConfiguredPolicy, type LoadedPolicy } from './policy-source';
import {
  MAX_ATTACHMENT_FETCH_BYTES,
  readItem,
  type AttachmentSummary,
  type ComposeItem,
  type ItemRead,
} from './read-item';
import { detectSupport, displayLanguage, type ClientSupport } from './requirements';
import { attachmentKey, cachedScans, itemSessionKey } from './scan-ahead';
import {
  completionFor,
  couldNotCheckCompletion,
  notificationText,
  warnAgainSuffix,
  ERROR_MESSAGE_LIMIT,
} from './smart-alerts';

/** Everything a handler needs from outside; tests, the benchmark and the playground override it. */
export interface HandlerDeps {
  now(): number;
  timers: Timers;
  deadlineMs: number;
  scanBudgetMs: number;
  /** Attachment bytes not covered by scan-ahead that Send may scan (SEND_SCAN_MAX_BYTES). */
  sendScanMaxBytes: number;
  loadPolicy(): Promise<LoadedPolicy>;
  /** Observes every completion (the playground shows the Smart Alerts dialog from it). */
  onCompleted?(options: Completion, via: 'work' | FailureKind): void;
}

export function defaultDeps(): HandlerDeps {
  return {
    now: () => Date.now(),
    timers: defaultTimers,
    deadlineMs: SEND_DEADLINE_MS,
    scanBudgetMs: SCAN_BUDGET_MS,
    sendScanMaxBytes: SEND_SCAN_MAX_BYTES,
    loadPolicy: loadConfiguredPolicy,
  };
}

/** What is known so far; the deadline path decides on whatever is here. */
interface SendState {
  support: ClientSupport;
  locale: string;
  policy?: Policy;
  read?: ItemRead;
  cached: Map<string, ScanParts>;
  /** Attachments left unscanned at Send (over SEND_SCAN_MAX_BYTES). */
  deferred: Unscanned[];
}

export function currentItem(): ComposeItem {
  return Office.context.mailbox.item as unknown as ComposeItem;
}

function senderOf(read: ItemRead): string | undefined {
  if (read.snapshot.from) return read.snapshot.from.address;
  try {
    return Office.context.mailbox.userProfile.emailAddress || undefined;
  } catch {
    return undefined;
  }
}

/** Findings and unscanned entries of the scan-ahead cache for the attachments still on the item. */
function cachedParts(state: SendState): { findings: LocatedFinding[]; unscanned: Unscanned[] } {
  const findings: LocatedFinding[] = [];
  const unscanned: Unscanned[] = [];
  state.cached.forEach((parts) => {
    for (const finding of parts.findings) findings.push(finding);
    for (const entry of parts.unscanned) unscanned.push(entry);
  });
  return { findings, unscanned };
}

function decide(
  state: SendState,
  read: ItemRead,
  policy: Policy,
  findings: LocatedFinding[],
  unscanned: Unscanned[],
  scanFailed?: 'timeout' | 'error',
): Verdict {
  const snapshot = read.snapshot;
  return evaluate(
    {
      findings,
      unscanned,
      recipients: snapshot.recipients,
      sender: senderOf(read),
      subject: snapshot.subject,
      headers: snapshot.headers,
      sensitivityLabel: snapshot.sensitivityLabel,
      scanFailed,
    },
    policy,
  );
}

/**
 * Attachment bytes scanned synchronously at Send when scan-ahead has not covered them. The core
 * checks its deadline between parts, not inside one, and a timer cannot fire while JavaScript runs:
 * a dense 1 MB roster CSV (an SSN on every line) takes about 0.25 s on an idle core and up to 2.7 s on
 * a loaded machine, against a 3 s scan budget (scripts/bench/handler.js). Larger or later
 * attachments are left to scan-ahead (OnMessageAttachmentsChanged runs when they are attached)
 * and, if it has not finished, reported as not scanned in time, so the policy's fail mode decides.
 */
export const SEND_SCAN_MAX_BYTES = 1024 * 1024;

/** Splits uncached attachments into those scanned at Send (smallest first, within the budget) and the rest. */
export function withinSendBudget(
  list: AttachmentSummary[],
  maxBytes: number = SEND_SCAN_MAX_BYTES,
): {
  scan: AttachmentSummary[];
  deferred: AttachmentSummary[];
} {
  const scan: AttachmentSummary[] = [];
  const deferred: AttachmentSummary[] = [];
  let total = 0;
  const bySize = list.slice().sort((a, b) => a.size - b.size);
  for (const summary of bySize) {
    // Cloud links carry no bytes; they cost nothing to "scan".
    const cost = summary.attachmentType === 'cloud' ? 0 : summary.size;
    if (total + cost <= maxBytes) {
      total += cost;
      scan.push(summary);
    } else deferred.push(summary);
  }
  return { scan, deferred };
}

function chooseUncached(item: ComposeItem, state: SendState, itemKey: Promise<string>, maxBytes: number) {
  return (list: AttachmentSummary[]): Promise<AttachmentSummary[]> =>
    itemKey
      .then((key) => cachedScans(item, key, list))
      .then(
        (found) => {
          state.cached = found;
          return list.filter((summary) => !found.has(attachmentKey(summary)));
        },
        () => list,
      )
      .then((uncached) => {
        const { scan, deferred } = withinSendBudget(uncached, maxBytes);
        state.deferred = deferred.map((summary) => ({
          name: summary.name,
          reason: 'timeout' as const,
          detail: 'too large to scan within the send deadline before scan-ahead finished',
        }));
        return scan;
      });
}

async function scanAndDecide(item: ComposeItem, state: SendState, deps: HandlerDeps, started: number) {
  const policyLoad = deps.loadPolicy().then(
    (loaded) => (state.policy = loaded.policy),
    () => (state.policy = DEFAULT_POLICY),
  );
  const itemKey = itemSessionKey(item);
  const decisionRead = readDecision(item, state.support.sessionData);
  const read = await readItem(item, {
    headerNames: policyLoad.then((policy) => markerHeaderNames(policy.encryption)),
    labelsSupported: state.support.labels,
    chooseContent: chooseUncached(item, state, itemKey, deps.sendScanMaxBytes),
    locale: state.locale,
  });
  state.read = read;
  const scan = scanMessage(read.snapshot, { deadline: started + deps.scanBudgetMs, now: deps.now });
  const fromCache = cachedParts(state);
  const findings = scan.findings.concat(fromCache.findings);
  const unscanned = scan.unscanned.concat(fromCache.unscanned, read.unreadable, state.deferred);
  const scanFailed = unscanned.some((entry) => entry.reason === 'timeout') ? ('timeout' as const) : undefined;
  const policy = await policyLoad;
  const verdict = decide(state, read, policy, findings, unscanned, scanFailed);
  return { read, policy, verdict, decision: await decisionRead };
}

async function sendWork(
  item: ComposeItem,
  state: SendState,
  deps: HandlerDeps,
  started: number,
): Promise<Completion> {
  const { read, policy, verdict, decision } = await scanAndDecide(item, state, deps, started);
  const sender = senderOf(read);
  if (verdict.action === 'allow') return { allowEvent: true };
  const fingerprint = messageFingerprint({ ...read.snapshot, attachments: read.attachmentList });
  if (decisionSettles(decision, fingerprint, verdict.action, verdict.canJustify)) {
    const settled = decision as StoredDecision;
    const kind = settled.kind === 'justified' ? 'sent-with-justification' : 'sent-after-warning';
    auditVerdict(policy, verdict, kind, sender, { reasonId: settled.reasonId, text: settled.freeText });
    return { allowEvent: true };
  }
  auditVerdict(policy, verdict, 'verdict', sender);
  const message = renderVerdictMessage(verdict, state.locale, { custom: policy.messages });
  if (verdict.action === 'warn' && !state.support.dialogButtons) {
    // No "Send Anyway" before Mailbox 1.14: remember the warning, the next Send of this content passes.
    await writeDecision(
      item,
      { kind: 'warned', fingerprint, at: deps.now() },
      state.support.sessionData,
    ).catch(() => undefined);
    const text = `${message.text} ${warnAgainSuffix(state.locale)}`;
    return completionFor(verdict, { ...message, text: text.slice(0, ERROR_MESSAGE_LIMIT) }, state.support);
  }
  return completionFor(verdict, message, state.support);
}

/** The deadline or an Office.js error: decide on what is known, per the policy's fail mode. */
function failureCompletion(state: SendState, kind: FailureKind): Completion {
  const policy = state.policy || DEFAULT_POLICY;
  try {
    if (!state.read) return couldNotCheckCompletion(policy.failMode, state.locale);
    const fromCache = cachedParts(state);
    const notScanned: Unscanned = { name: 'message', reason: 'timeout', detail: `scan ${kind}` };
    const unscanned = [notScanned].concat(fromCache.unscanned, state.read.unreadable, state.deferred);
    const scanFailed = kind === 'deadline' ? 'timeout' : 'error';
    const verdict = decide(state, state.read, policy, fromCache.findings, unscanned, scanFailed);
    auditVerdict(policy, verdict, 'verdict', senderOf(state.read));
    if (verdict.action === 'allow') return { allowEvent: true };
    return completionFor(
      verdict,
      renderVerdictMessage(verdict, state.locale, { custom: policy.messages }),
      state.support,
    );
  } catch {
    return couldNotCheckCompletion(policy.failMode, state.locale);
  }
}

function newState(): SendState {
  return { support: detectSupport(), locale: displayLanguage(), cached: new Map(), deferred: [] };
}

/** OnMessageSend / OnAppointmentSend (Smart Alerts). */
export function handleSmartAlertsSend(
  event: CompletableEvent,
  deps: HandlerDeps = defaultDeps(),
): Promise<void> {
  const started = deps.now();
  let state: SendState | undefined;
  return completeOnce(
    event,
    () => {
      state = newState();
      return sendWork(currentItem(), state, deps, started);
    },
    (kind) => failureCompletion(state || newState(), kind),
    { deadlineMs: deps.deadlineMs, timers: deps.timers, onCompleted: deps.onCompleted },
  );
}

export const NOTIFICATION_KEY = 'sendwarden';

function showNotification(item: ComposeItem, message: string): Promise<void> {
  const details = { type: 'errorMessage', message } as unknown as Office.NotificationMessageDetails;
  return officeCall<void>('notificationMessages.replaceAsync', (cb) =>
    item.notificationMessages.replaceAsync(
      NOTIFICATION_KEY,
      details,
      cb as (r: Office.AsyncResult<void>) => void,
    ),
  ).catch(() => undefined);
}

/** Legacy ItemSend: only allowEvent exists, the explanation goes to the notification bar. */
function toItemSend(item: ComposeItem, completion: Completion): Promise<Completion> {
  if (!completion || completion.allowEvent !== false) return Promise.resolve({ allowEvent: true });
  const text =
    typeof completion.errorMessage === 'string' ? completion.errorMessage : 'SendWarden held this message.';
  const message = notificationText({ title: '', text, markdown: text, buttonLabel: '' });
  return showNotification(item, message).then(() => ({ allowEvent: false }));
}

/**
 * Legacy on-send has no "taking longer" dialog at 5 s (Outlook waits up to 5 minutes) and no
 * scan-ahead events, so it gets a longer deadline and scans every attachment at Send.
 */
export const ITEM_SEND_DEADLINE_MS = 60000;
export const ITEM_SEND_SCAN_BUDGET_MS = 45000;

export function itemSendDeps(): HandlerDeps {
  return {
    ...defaultDeps(),
    deadlineMs: ITEM_SEND_DEADLINE_MS,
    scanBudgetMs: ITEM_SEND_SCAN_BUDGET_MS,
    sendScanMaxBytes: MAX_ATTACHMENT_FETCH_BYTES,
  };
}

/** ItemSend (manifest-itemsend.xml) on the same core. */
export function handleItemSend(event: CompletableEvent, deps: HandlerDeps = itemSendDeps()): Promise<void> {
  const started = deps.now();
  let state: SendState | undefined;
  return completeOnce(
    event,
    () => {
      state = newState();
      // Legacy clients have no dialog buttons or Markdown; the mapping then gives allowEvent + text.
      state.support = { ...state.support, dialogButtons: false, markdown: false };
      const item = currentItem();
      return sendWork(item, state, deps, started).then((completion) => toItemSend(item, completion));
    },
    (kind) => {
      const completion = failureCompletion(state || newState(), kind);
      if (completion && completion.allowEvent === false) void toItemSend(currentItem(), completion);
      return completion && completion.allowEvent === false ? { allowEvent: false } : { allowEvent: true };
    },
    { deadlineMs: deps.deadlineMs, timers: deps.timers, onCompleted: deps.onCompleted },
  );
}
