/**
 * One task pane session: scans and evaluates the draft with the core (the same scanMessage and
 * evaluate the send handler runs), remembers the latest verdict, and turns the employee's
 * decisions into what the send handler and IT see (a stored decision, an audit event).
 */
import { buildAuditEvent, sanitizeJustification, type AuditDecision } from '../core/audit/audit-event';
import type { AuditSink } from '../core/audit/audit-sink';
import { evaluate } from '../core/policy/evaluate';
import type { Policy } from '../core/policy/policy';
import type { Verdict } from '../core/policy/verdict';
import { AttachmentScanCache, scanAttachment, scanMessage } from '../core/scan/scan-message';
import type { AttachmentInput, LocatedFinding, Unscanned } from '../core/types';
import { writeDecision } from '../outlook/decision-store';
import { markForEncryption, markerHeaderNames } from '../outlook/encrypt';
import { messageFingerprint } from '../outlook/fingerprint';
import type { ComposeItem } from '../outlook/read-item';
import { detectSupport } from '../outlook/requirements';
import type { DraftRead, PaneDecision } from './host';
import type { OfficeHostOptions } from './office-host';
import type { PaneEngine, ScanProgress } from './pane-view';
import { attachmentWeight, type ScanReply, type ScanRequest } from './scan-protocol';
import { toPaneView } from './view-model';

/** Attachments are scanned one by one so the progress bar can move between them. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface PaneSessionOptions {
  policy(): Policy;
  locale: string;
  audit(policy: Policy): AuditSink;
  /** Host name for audit events ('outlook-web', 'playground'). */
  client?: string;
  /** The built scan worker (scan-worker.js); without it, or where it fails, attachments are scanned here. */
  workerUrl?: string;
}

type PartsFound = { findings: LocatedFinding[]; unscanned: Unscanned[] };

interface Evaluation {
  draft: DraftRead;
  verdict: Verdict;
}

const AUDITED: Partial<Record<PaneDecision['kind'], AuditDecision>> = {
  justified: 'sent-with-justification',
  encrypted: 'encrypted',
  'false-positive': 'reported-false-positive',
};

export class PaneSession {
  private readonly cache = new AttachmentScanCache();
  private latest: Evaluation | undefined;
  private worker: Worker | null | undefined;
  private requestId = 0;

  constructor(private readonly options: PaneSessionOptions) {}

  /** Scans subject and body here, the attachments in the worker (or here, one per turn). */
  async scan(draft: DraftRead, onProgress: (progress: ScanProgress) => void): Promise<PartsFound> {
    const { snapshot } = draft;
    // Everything is collected; the policy's per-entity tiers decide what counts (countedFindings).
    const base = scanMessage({ ...snapshot, attachments: [] }, { minConfidence: 'low' });
    const attachments = snapshot.attachments;
    const fromWorker = attachments.length > 0 ? await this.scanInWorker(attachments, onProgress) : undefined;
    const parts = fromWorker ?? (await this.scanHere(attachments, onProgress));
    const total = attachments.reduce((n, a) => n + attachmentWeight(a), 0);
    onProgress({ done: total, total });
    return {
      findings: [...base.findings, ...parts.findings],
      unscanned: [...base.unscanned, ...draft.unreadable, ...parts.unscanned],
    };
  }

  private async scanHere(
    attachments: AttachmentInput[],
    onProgress: (p: ScanProgress) => void,
  ): Promise<PartsFound> {
    const out: PartsFound = { findings: [], unscanned: [] };
    const total = attachments.reduce((n, a) => n + attachmentWeight(a), 0);
    let done = 0;
    for (const attachment of attachments) {
      onProgress({ done, total, current: attachment.name });
      await yieldToBrowser();
      const scan = scanAttachment(attachment, { minConfidence: 'low', cache: this.cache });
      out.findings.push(...scan.findings);
      out.unscanned.push(...scan.unscanned);
      done += attachmentWeight(attachment);
    }
    return out;
  }

  /** Stops the worker (a new session replaces this one). */
  dispose(): void {
    if (this.worker) this.worker.terminate();
    this.worker = null;
  }

  /** The worker, started on first use; null once it failed (the pane then scans here). */
  private workerOrNull(): Worker | null {
    if (this.worker !== undefined) return this.worker;
    const url = this.options.workerUrl;
    try {
      this.worker = url && typeof Worker === 'function' ? new Worker(url) : null;
    } catch {
      this.worker = null;
    }
    return this.worker;
  }

  /** Resolves undefined when the worker is unavailable or failed, so the caller scans here. */
  private scanInWorker(
    attachments: AttachmentInput[],
    onProgress: (p: ScanProgress) => void,
  ): Promise<PartsFound | undefined> {
    const worker = this.workerOrNull();
    if (!worker) return Promise.resolve(undefined);
    const id = ++this.requestId;
    return new Promise((resolve) => {
      const finish = (result: PartsFound | undefined) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(result);
      };
      const onMessage = (event: MessageEvent<ScanReply>) => {
        const reply = event.data;
        if (reply.id !== id) return;
        if (reply.type === 'progress')
          onProgress({ done: reply.done, total: reply.total, current: reply.current });
        else
          finish(
            reply.type === 'result' ? { findings: reply.findings, unscanned: reply.unscanned } : undefined,
          );
      };
      const onError = () => {
        this.worker = null;
        worker.terminate();
        finish(undefined);
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      const request: ScanRequest = { type: 'scan', id, attachments };
      worker.postMessage(request);
    });
  }

  readonly engine: PaneEngine = {
    evaluate: async (draft, onProgress) => {
      const policy = this.options.policy();
      const { findings, unscanned } = await this.scan(draft, onProgress);
      const { snapshot } = draft;
      const verdict = evaluate(
        {
          findings,
          unscanned,
          recipients: snapshot.recipients,
          sender: snapshot.from?.address,
          subject: snapshot.subject,
          headers: snapshot.headers,
          sensitivityLabel: snapshot.sensitivityLabel,
        },
        policy,
      );
      this.latest = { draft, verdict };
      return toPaneView(verdict, findings, policy, this.options.locale);
    },
  };

  private async store(item: ComposeItem, decision: PaneDecision): Promise<void> {
    if (decision.kind !== 'justified' || !this.latest) return;
    const { snapshot, attachmentList } = this.latest.draft;
    const fingerprint = messageFingerprint({
      subject: snapshot.subject,
      body: snapshot.body,
      recipients: snapshot.recipients,
      attachments: attachmentList,
    });
    await writeDecision(
      item,
      {
        kind: 'justified',
        fingerprint,
        reasonId: decision.reason,
        freeText: decision.note ? sanitizeJustification(decision.note) : undefined,
        at: Date.now(),
      },
      detectSupport().sessionData,
    );
  }

  private audit(decision: PaneDecision): void {
    const kind = AUDITED[decision.kind];
    if (!kind || !this.latest) return;
    const policy = this.options.policy();
    const event = buildAuditEvent({
      verdict: this.latest.verdict,
      decision: kind,
      policy,
      sender: this.latest.draft.snapshot.from?.address,
      client: { host: this.options.client ?? 'outlook-taskpane' },
      justification:
        decision.kind === 'justified'
          ? {
              reasonId: decision.reason,
              text: decision.note ? sanitizeJustification(decision.note) : undefined,
            }
          : undefined,
    });
    this.options.audit(policy).send(event);
  }

  readonly hostOptions: OfficeHostOptions = {
    headerNames: () => markerHeaderNames(this.options.policy().encryption),
    applyEncryption: async (item) => {
      await markForEncryption(item, this.options.policy().encryption);
    },
    recordDecision: async (item, decision) => {
      await this.store(item, decision);
      this.audit(decision);
    },
  };
}
