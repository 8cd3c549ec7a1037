import type { AuditFormat } from '../policy/policy';
import type { AuditEvent } from './audit-event';

/** Where audit events go. The default is nowhere: nothing leaves the machine. */
export interface AuditSink {
  send(event: AuditEvent): void;
  /** Resolves when everything queued was delivered, dropped or given up on. */
  flush(): Promise<void>;
}

export const NO_AUDIT_SINK: AuditSink = {
  send: () => undefined,
  flush: () => Promise.resolve(),
};

/** The subset of fetch the sink needs: injected so the core stays free of the platform. */
export type FetchLike = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<{ ok: boolean; status: number }>;

export const AUDIT_QUEUE_DEFAULTS = {
  /** Events held for delivery at most; past this the oldest is dropped (and counted). */
  maxQueue: 200,
  /** Delivery attempts per event before it is given up (and counted). */
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60000,
} as const;

export interface HttpsAuditSinkOptions {
  endpoint: string;
  format?: AuditFormat;
  headers?: Record<string, string>;
  fetch: FetchLike;
  /** Waits between retries; injected (the core has no timers of its own). */
  sleep: (ms: number) => Promise<void>;
  maxQueue?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface AuditSinkStats {
  queued: number;
  sent: number;
  /** Dropped because the queue was full (oldest first). */
  dropped: number;
  /** Given up after maxAttempts, or refused by the collector with a 4xx other than 408/429. */
  failed: number;
}

/** The request body for a collector: a plain JSON object, a one-item array, or a Splunk HEC envelope. */
export function formatAuditBody(event: AuditEvent, format: AuditFormat): string {
  if (format === 'json-array') return JSON.stringify([event]);
  if (format === 'splunk-hec')
    return JSON.stringify({ time: Date.parse(event.time) / 1000, sourcetype: 'sendwarden:audit', event });
  return JSON.stringify(event);
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Posts each event as JSON to an HTTPS endpoint, in order, with a bounded retry queue:
 * exponential backoff between attempts, the oldest event dropped when the queue is full.
 */
export class HttpsAuditSink implements AuditSink {
  private readonly queue: AuditEvent[] = [];
  private draining: Promise<void> | null = null;
  private readonly options: Required<Omit<HttpsAuditSinkOptions, 'headers' | 'format'>> & {
    headers: Record<string, string>;
    format: AuditFormat;
  };
  readonly stats: AuditSinkStats = { queued: 0, sent: 0, dropped: 0, failed: 0 };

  constructor(options: HttpsAuditSinkOptions) {
    if (!options.endpoint.startsWith('https://')) throw new Error('audit endpoint must be an https:// URL');
    this.options = {
      maxQueue: AUDIT_QUEUE_DEFAULTS.maxQueue,
      maxAttempts: AUDIT_QUEUE_DEFAULTS.maxAttempts,
      baseDelayMs: AUDIT_QUEUE_DEFAULTS.baseDelayMs,
      maxDelayMs: AUDIT_QUEUE_DEFAULTS.maxDelayMs,
      format: 'json',
      headers: {},
      ...options,
    };
  }

  send(event: AuditEvent): void {
    this.queue.push(event);
    while (this.queue.length > this.options.maxQueue) {
      this.queue.shift();
      this.stats.dropped++;
    }
    this.stats.queued = this.queue.length;
    void this.flush();
  }

  flush(): Promise<void> {
    if (!this.draining)
      this.draining = this.drain().then(() => {
        this.draining = null;
      });
    return this.draining;
  }

  private async drain(): Promise<void> {
    // The event in flight leaves the queue first: the bound applies to events still waiting.
    let event = this.queue.shift();
    while (event) {
      this.stats.queued = this.queue.length;
      if (await this.deliver(event)) this.stats.sent++;
      else this.stats.failed++;
      event = this.queue.shift();
    }
    this.stats.queued = 0;
  }

  private async deliver(event: AuditEvent): Promise<boolean> {
    const body = formatAuditBody(event, this.options.format);
    const headers = { 'Content-Type': 'application/json', ...this.options.headers };
    for (let attempt = 0; attempt < this.options.maxAttempts; attempt++) {
      if (attempt > 0)
        await this.options.sleep(
          Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1)),
        );
      try {
        const response = await this.options.fetch(this.options.endpoint, { method: 'POST', headers, body });
        if (response.ok) return true;
        if (!retryable(response.status)) return false;
      } catch {
        // A network error: retry after the backoff.
      }
    }
    return false;
  }
}
