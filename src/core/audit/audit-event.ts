import { scanText } from '../detect/scan-text';
import type { RecipientClass } from '../recipients/classify-recipients';
import { parseAddress } from '../recipients/domain';
import type { Action, Policy } from '../policy/policy';
import type { Verdict } from '../policy/verdict';
import type { EntityId, UnscannedReason } from '../types';

export const AUDIT_SCHEMA = 'sendwarden.audit/1';
/** Free-text justifications are cut to this length before they are recorded. */
export const MAX_JUSTIFICATION_CHARS = 500;
/** Client fields (host, version, platform) are cut to this length. */
const MAX_CLIENT_FIELD = 64;

/** What the employee did with a verdict. 'verdict' is the verdict itself, before any decision. */
export type AuditDecision =
  | 'verdict'
  | 'sent-after-warning'
  | 'sent-with-justification'
  | 'encrypted'
  | 'cancelled'
  | 'reported-false-positive';

export interface AuditClient {
  /** 'outlook-web', 'outlook-windows', 'outlook-mac', 'new-outlook', 'cli'. */
  host?: string;
  version?: string;
  platform?: string;
}

export interface AuditJustification {
  /** One of the policy's justification reason ids. */
  reasonId?: string;
  /** Free text, with detected values masked and every digit replaced by '#'. */
  text?: string;
}

/**
 * One audit record. It carries types, counts, rule ids and domains; never message content,
 * finding values, previews or attachment names (file names often contain people's names).
 */
export interface AuditEvent {
  schema: typeof AUDIT_SCHEMA;
  time: string;
  decision: AuditDecision;
  action: Action;
  rules: string[];
  counts: Partial<Record<EntityId, number>>;
  total: number;
  locations: { subject: number; body: number; attachments: number };
  /** Recipient domains by class (internal ones only counted). */
  recipients: {
    internal: number;
    partner: string[];
    personal: string[];
    external: string[];
    lookalike: string[];
  };
  /** Present only when the policy's audit.includeAddresses is true. */
  addresses?: { address: string; class: RecipientClass }[];
  senderDomain?: string;
  /** Present only when the policy's audit.includeAddresses is true. */
  sender?: string;
  unscanned: Partial<Record<UnscannedReason, number>>;
  encryptionSatisfied: boolean;
  scanFailed?: 'timeout' | 'error';
  justification?: AuditJustification;
  client: AuditClient;
  policy: { version: number; revision: string; overrides: string[] };
}

export interface AuditInput {
  verdict: Verdict;
  decision: AuditDecision;
  policy: Pick<Policy, 'audit'>;
  /** Defaults to now. */
  time?: Date;
  sender?: string;
  client?: AuditClient;
  justification?: AuditJustification;
}

/** Masks what the detectors find and every digit: a justification must not smuggle values into logs. */
export function sanitizeJustification(text: string): string {
  const cut = text.slice(0, MAX_JUSTIFICATION_CHARS);
  const { findings } = scanText(cut);
  let out = '';
  let last = 0;
  for (const f of findings) {
    if (f.start < last) continue;
    out += cut.slice(last, f.start) + f.preview;
    last = f.end;
  }
  out += cut.slice(last);
  return out.replace(/[0-9]/g, '#');
}

function clientOf(client: AuditClient | undefined): AuditClient {
  const out: AuditClient = {};
  if (client?.host) out.host = client.host.slice(0, MAX_CLIENT_FIELD);
  if (client?.version) out.version = client.version.slice(0, MAX_CLIENT_FIELD);
  if (client?.platform) out.platform = client.platform.slice(0, MAX_CLIENT_FIELD);
  return out;
}

function unscannedByReason(verdict: Verdict): Partial<Record<UnscannedReason, number>> {
  const out: Partial<Record<UnscannedReason, number>> = {};
  for (const u of verdict.unscanned) out[u.reason] = (out[u.reason] ?? 0) + 1;
  return out;
}

/** True when this verdict or decision must be audited: every non-allow verdict and every decision. */
export function isAuditable(verdict: Verdict, decision: AuditDecision): boolean {
  return decision !== 'verdict' || verdict.action !== 'allow';
}

/** Builds the audit record for a verdict or an employee's decision on it. */
export function buildAuditEvent(input: AuditInput): AuditEvent {
  const { verdict, policy } = input;
  const withAddresses = policy.audit.includeAddresses;
  const event: AuditEvent = {
    schema: AUDIT_SCHEMA,
    time: (input.time ?? new Date()).toISOString(),
    decision: input.decision,
    action: verdict.action,
    rules: verdict.rules.slice(),
    counts: { ...verdict.counts },
    total: verdict.total,
    locations: {
      subject: verdict.locations.subject,
      body: verdict.locations.body,
      attachments: verdict.locations.attachments.reduce((n, a) => n + a.count, 0),
    },
    recipients: {
      internal: verdict.recipients.filter((r) => r.class === 'internal').length,
      partner: verdict.outsideDomains.partner.slice(),
      personal: verdict.outsideDomains.personal.slice(),
      external: verdict.outsideDomains.external.slice(),
      lookalike: verdict.outsideDomains.lookalike.slice(),
    },
    unscanned: unscannedByReason(verdict),
    encryptionSatisfied: verdict.encryptionSatisfied,
    client: clientOf(input.client),
    policy: {
      version: verdict.policyVersion,
      revision: verdict.policyRevision,
      overrides: verdict.overrides.slice(),
    },
  };
  if (input.sender) {
    const { address, domain } = parseAddress(input.sender);
    if (domain) event.senderDomain = domain;
    if (withAddresses) event.sender = address;
  }
  if (withAddresses)
    event.addresses = verdict.recipients.map((r) => ({ address: r.address, class: r.class }));
  if (verdict.scanFailed) event.scanFailed = verdict.scanFailed;
  if (input.justification) event.justification = justificationOf(input.justification);
  return event;
}

function justificationOf(j: AuditJustification): AuditJustification {
  const out: AuditJustification = {};
  if (j.reasonId) out.reasonId = j.reasonId.slice(0, 64);
  if (j.text) out.text = sanitizeJustification(j.text);
  return out;
}
