/**
 * Reads the draft being sent into the core's MessageSnapshot: every Office call is started at once
 * (Outlook answers them in parallel), nothing waits on anything it does not need.
 *
 * Parts without which no verdict is possible (subject, body, recipients, the attachment list) make
 * the read fail, and the caller applies the policy's fail mode. Parts that only add evidence (from,
 * headers, label, one attachment's content) degrade: a missing attachment content becomes an honest
 * "could not scan" entry, never a silent pass.
 */
import { DEFAULT_EXTRACT_LIMITS } from '../core/extract/limits';
import type {
  AttachmentInput,
  MessageSnapshot,
  RecipientField,
  RecipientInput,
  Unscanned,
} from '../core/types';
import { decodeBase64 } from './base64';
import { officeCall, type OfficeCallback } from './office-async';
import { encodeUtf8 } from '../core/extract/text-decode';

/** Attachments larger than this are not fetched: they cannot be sent with Exchange defaults anyway. */
export const MAX_ATTACHMENT_FETCH_BYTES = DEFAULT_EXTRACT_LIMITS.maxAttachmentBytes;

/** What Outlook says about an attachment before its content is fetched. */
export interface AttachmentSummary {
  id: string;
  name: string;
  size: number;
  attachmentType: string;
  contentType?: string;
  isInline: boolean;
}

export interface ReadOptions {
  /** Custom internet header names to read (the policy's encryption header, ...); may wait on the policy. */
  headerNames: string[] | Promise<string[]>;
  /** Whether the client supports Mailbox 1.13 (sensitivity labels). */
  labelsSupported: boolean;
  /** Picks the attachments whose content must be fetched (default: all); cached scans are skipped. */
  chooseContent?(list: AttachmentSummary[]): Promise<AttachmentSummary[]>;
  locale?: string;
}

export interface ItemRead {
  snapshot: MessageSnapshot;
  /** Every attachment on the item, including those not fetched. */
  attachmentList: AttachmentSummary[];
  /** Attachments Outlook did not hand over; reasons and counts only. */
  unreadable: Unscanned[];
}

/** The compose item as SendWarden uses it (message or appointment). */
export type ComposeItem = Office.MessageCompose | Office.AppointmentCompose;

type Getter<T> = { getAsync(callback: OfficeCallback<T>): void };

function asGetter<T>(field: unknown): Getter<T> {
  return field as Getter<T>;
}

export function readSubject(item: ComposeItem): Promise<string> {
  return officeCall<string>('subject.getAsync', (cb) => asGetter<string>(item.subject).getAsync(cb));
}

export function readBodyText(item: ComposeItem): Promise<string> {
  // Text coercion: tables come out as tab-separated lines, which the engine reads as a table.
  return readBodyAs(item, 'text');
}

function readBodyAs(item: ComposeItem, type: 'text' | 'html'): Promise<string> {
  return officeCall<string>('body.getAsync', (cb) =>
    (item.body.getAsync as (type: string, cb: OfficeCallback<string>) => void)(type, cb),
  );
}

/**
 * Web and new Outlook build the Text coercion themselves and may drop structure (table cells run
 * together); their HTML is the message as it will be sent. Classic Outlook's text is faithful.
 */
export function preferredBodyType(): 'text' | 'html' {
  try {
    const host = String(Office.context.mailbox.diagnostics.hostName || '');
    return host === 'OutlookWebApp' || host === 'newOutlookWindows' ? 'html' : 'text';
  } catch {
    return 'text';
  }
}

/** The body in the form this client renders best; the core turns HTML into text. */
export function readBody(item: ComposeItem): Promise<{ body: string; bodyType: 'text' | 'html' }> {
  const bodyType = preferredBodyType();
  return readBodyAs(item, bodyType).then((body) => ({ body: body || '', bodyType }));
}

function readField(item: ComposeItem, property: string, field: RecipientField): Promise<RecipientInput[]> {
  const source = (item as unknown as Record<string, unknown>)[property];
  return officeCall<Office.EmailAddressDetails[]>(`${property}.getAsync`, (cb) =>
    asGetter<Office.EmailAddressDetails[]>(source).getAsync(cb),
  ).then((list) =>
    (list || []).map((entry) => ({
      address: String(entry.emailAddress || ''),
      name: entry.displayName || undefined,
      field,
      recipientType: entry.recipientType ? String(entry.recipientType) : undefined,
    })),
  );
}

/** To/Cc/Bcc of a message; required/optional attendees (as to/cc) of a meeting invite. */
export function readRecipients(item: ComposeItem): Promise<RecipientInput[]> {
  const isAppointment = 'requiredAttendees' in item;
  const reads = isAppointment
    ? [readField(item, 'requiredAttendees', 'to'), readField(item, 'optionalAttendees', 'cc')]
    : [readField(item, 'to', 'to'), readField(item, 'cc', 'cc'), readField(item, 'bcc', 'bcc')];
  return Promise.all(reads).then((lists) => ([] as RecipientInput[]).concat(...lists));
}

function readFrom(item: ComposeItem): Promise<MessageSnapshot['from']> {
  const source = 'from' in item ? item.from : (item as Office.AppointmentCompose).organizer;
  if (!source) return Promise.resolve(undefined);
  return officeCall<Office.EmailAddressDetails>('from.getAsync', (cb) =>
    asGetter<Office.EmailAddressDetails>(source).getAsync(cb),
  ).then((details) =>
    details && details.emailAddress
      ? { address: details.emailAddress, name: details.displayName || undefined }
      : undefined,
  );
}

/** Compose mode only offers internetHeaders.getAsync(names) (getAllInternetHeadersAsync is read mode). */
export function readHeaders(item: ComposeItem, names: string[]): Promise<Record<string, string>> {
  const headers = (item as Office.MessageCompose).internetHeaders;
  if (!headers || names.length === 0) return Promise.resolve({});
  return officeCall<Record<string, string>>('internetHeaders.getAsync', (cb) =>
    headers.getAsync(names, cb as (r: Office.AsyncResult<Record<string, string>>) => void),
  ).then((found) => {
    const lowered: Record<string, string> = {};
    for (const key of Object.keys(found || {})) lowered[key.toLowerCase()] = String(found[key]);
    return lowered;
  });
}

/** The label id when the client has labels (1.13) and the tenant's catalog is enabled. */
export function readSensitivityLabel(
  item: ComposeItem,
  labelsSupported: boolean,
): Promise<string | undefined> {
  const catalog = Office.context.sensitivityLabelsCatalog;
  if (!labelsSupported || !catalog || !item.sensitivityLabel) return Promise.resolve(undefined);
  return officeCall<boolean>('sensitivityLabelsCatalog.getIsEnabledAsync', (cb) =>
    catalog.getIsEnabledAsync(cb as (r: Office.AsyncResult<boolean>) => void),
  ).then((enabled) =>
    enabled
      ? officeCall<string>('sensitivityLabel.getAsync', (cb) =>
          item.sensitivityLabel.getAsync(cb as (r: Office.AsyncResult<string>) => void),
        ).then((label) => label || undefined)
      : undefined,
  );
}

export function listAttachments(item: ComposeItem): Promise<AttachmentSummary[]> {
  return officeCall<Office.AttachmentDetailsCompose[]>('getAttachmentsAsync', (cb) =>
    item.getAttachmentsAsync(cb as (r: Office.AsyncResult<Office.AttachmentDetailsCompose[]>) => void),
  ).then((list) =>
    (list || []).map((details) => ({
      id: details.id,
      name: details.name || 'attachment',
      size: details.size || 0,
      attachmentType: String(details.attachmentType || 'file'),
      contentType: (details as { contentType?: string }).contentType,
      isInline: !!details.isInline,
    })),
  );
}

function contentToInput(summary: AttachmentSummary, content: Office.AttachmentContent): AttachmentInput {
  const base = { name: summary.name, size: summary.size, contentType: summary.contentType, id: summary.id };
  const format = String(content.format);
  if (format === 'base64')
    return { ...base, kind: 'file', bytes: decodeBase64(content.content), isInline: summary.isInline };
  if (format === 'eml') return { ...base, kind: 'item', eml: content.content };
  if (format === 'url') return { ...base, kind: 'cloud', url: content.content };
  // iCalendar: an attached calendar item, handed over as text; scan it as an .ics file.
  const name = /\.ics$/i.test(summary.name) ? summary.name : `${summary.name}.ics`;
  return { ...base, name, kind: 'file', bytes: encodeUtf8(content.content), contentType: 'text/calendar' };
}

/** Fetches one attachment's content; failures and oversize become Unscanned entries. */
export function readAttachment(
  item: ComposeItem,
  summary: AttachmentSummary,
): Promise<AttachmentInput | Unscanned> {
  if (summary.attachmentType === 'cloud') {
    // Cloud attachments are links: there are no bytes to scan, the core reports them as 'cloud'.
    return Promise.resolve({ name: summary.name, size: summary.size, id: summary.id, kind: 'cloud' });
  }
  if (summary.size > MAX_ATTACHMENT_FETCH_BYTES) {
    return Promise.resolve({ name: summary.name, reason: 'too-large', detail: `${summary.size} bytes` });
  }
  return officeCall<Office.AttachmentContent>('getAttachmentContentAsync', (cb) =>
    item.getAttachmentContentAsync(
      summary.id,
      cb as (r: Office.AsyncResult<Office.AttachmentContent>) => void,
    ),
  ).then(
    (content) => contentToInput(summary, content),
    (error: { code?: string }) => ({
      name: summary.name,
      reason: 'unsupported' as const,
      detail: `Outlook did not hand over the content (${error.code || 'error'})`,
    }),
  );
}

function isUnscanned(value: AttachmentInput | Unscanned): value is Unscanned {
  return (value as Unscanned).reason !== undefined;
}

function optional<T>(promise: Promise<T>, fallback: T): Promise<T> {
  return promise.then(
    (value) => value,
    () => fallback,
  );
}

/** Reads the whole draft. Rejects with OfficeCallError when a required part cannot be read. */
export function readItem(item: ComposeItem, options: ReadOptions): Promise<ItemRead> {
  const choose = options.chooseContent || ((list: AttachmentSummary[]) => Promise.resolve(list));
  const attachmentsRead = listAttachments(item).then((list) =>
    choose(list)
      .then((chosen) => Promise.all(chosen.map((summary) => readAttachment(item, summary))))
      .then((results) => ({ list, results })),
  );
  const headerNames = Promise.resolve(options.headerNames);
  return Promise.all([
    readSubject(item),
    readBody(item),
    readRecipients(item),
    optional(readFrom(item), undefined),
    optional(
      headerNames.then((names) => readHeaders(item, names)),
      {},
    ),
    optional(readSensitivityLabel(item, options.labelsSupported), undefined),
    attachmentsRead,
  ]).then(([subject, body, recipients, from, headers, sensitivityLabel, attachments]) => {
    const fetched = attachments.results;
    const snapshot: MessageSnapshot = {
      subject: subject || '',
      body: body.body,
      bodyType: body.bodyType,
      from,
      recipients,
      attachments: fetched.filter((entry): entry is AttachmentInput => !isUnscanned(entry)),
      headers,
      sensitivityLabel,
      locale: options.locale,
    };
    return { snapshot, attachmentList: attachments.list, unreadable: fetched.filter(isUnscanned) };
  });
}
