/**
 * Audit events from the edge: built by the core (types, counts, rule ids, domains; never content),
 * delivered by the core's HTTPS sink with the runtime's fetch. No endpoint in the policy means no
 * event leaves the machine.
 */
import {
  buildAuditEvent,
  isAuditable,
  type AuditClient,
  type AuditDecision,
  type AuditJustification,
} from '../core/audit/audit-event';
import { HttpsAuditSink, NO_AUDIT_SINK, type AuditSink, type FetchLike } from '../core/audit/audit-sink';
import type { Policy } from '../core/policy/policy';
import type { Verdict } from '../core/policy/verdict';
import { globalFetch } from './policy-source';

let cached: { key: string; sink: AuditSink } | undefined;

/** One sink per endpoint for the life of the runtime (its retry queue lives there). */
export function auditSinkFor(policy: Policy): AuditSink {
  const settings = policy.audit;
  if (!settings.endpoint) return NO_AUDIT_SINK;
  const key = JSON.stringify([settings.endpoint, settings.format, settings.headers]);
  if (cached && cached.key === key) return cached.sink;
  const fetchFn = globalFetch();
  if (!fetchFn) return NO_AUDIT_SINK;
  const sink = new HttpsAuditSink({
    endpoint: settings.endpoint,
    format: settings.format,
    headers: settings.headers,
    fetch: fetchFn as unknown as FetchLike,
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  });
  cached = { key, sink };
  return sink;
}

/** Forgets the sink (tests). */
export function resetAuditSink(): void {
  cached = undefined;
}

/** Which Outlook this is, from mailbox.diagnostics and context.platform (no user data). */
export function clientInfo(): AuditClient {
  try {
    const diagnostics = Office.context.mailbox.diagnostics;
    const platform = String(Office.context.platform || '');
    const hostName = String(diagnostics.hostName || '');
    let host = 'outlook';
    if (hostName === 'newOutlookWindows') host = 'new-outlook';
    else if (hostName === 'OutlookWebApp') host = 'outlook-web';
    else if (hostName === 'Outlook') host = platform === 'Mac' ? 'outlook-mac' : 'outlook-windows';
    return { host, version: String(diagnostics.hostVersion || ''), platform };
  } catch {
    return {};
  }
}

/** Queues an audit event when the verdict or decision calls for one; never throws. */
export function auditVerdict(
  policy: Policy,
  verdict: Verdict,
  decision: AuditDecision,
  sender?: string,
  justification?: AuditJustification,
): void {
  try {
    if (!isAuditable(verdict, decision)) return;
    const event = buildAuditEvent({ verdict, decision, policy, sender, client: clientInfo(), justification });
    auditSinkFor(policy).send(event);
  } catch {
    // Auditing must never change what happens to the message.
  }
}
