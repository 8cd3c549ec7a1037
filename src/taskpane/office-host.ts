/**
 * The task pane's only Office code: TaskpaneHost over an Office object (the real Office.js in
 * Outlook, the mock mailbox in the playground). Reading the draft reuses the send handler's
 * reader (src/outlook/read-item.ts); marking for encryption and storing decisions are the Outlook
 * edge's and are handed in, so the pane and the handler do exactly the same thing.
 */
import { officeCall, type OfficeCallback } from '../outlook/office-async';
import { readItem, type ComposeItem } from '../outlook/read-item';
import type { DraftRead, PaneDecision, SendResult, TaskpaneHost } from './host';

export interface OfficeHostOptions {
  /** Internet header names the policy's encryption markers use (read so a marked draft is seen). */
  headerNames(): string[];
  /** Applies the policy's encryption method to the item. */
  applyEncryption(item: ComposeItem): Promise<void>;
  /** Stores the decision on the item and writes its audit event. */
  recordDecision(item: ComposeItem, decision: PaneDecision): Promise<void>;
}

/** Office.EventType names; literal strings so the mock and older Office.js builds agree. */
const DRAFT_EVENTS = ['olkRecipientsChanged', 'olkAttachmentsChanged', 'olkItemChanged'] as const;
const INITIALIZATION_CONTEXT_CHANGED = 'olkInitializationContextChanged';

type AnyCallback = OfficeCallback<unknown>;
type HandlerTarget = {
  addHandlerAsync?(type: string, handler: (args: unknown) => void, callback?: AnyCallback): void;
  removeHandlerAsync?(type: string, callback?: AnyCallback): void;
};

function supports(office: typeof Office, version: string): boolean {
  try {
    return office.context.requirements.isSetSupported('Mailbox', version);
  } catch {
    return false;
  }
}

/**
 * Subscribes to an Office event where the client has it. Events a client lacks are skipped: the
 * pane still evaluates on open and after each of its own actions.
 */
function subscribe(
  target: HandlerTarget | undefined,
  type: string,
  handler: (args: unknown) => void,
): () => void {
  if (!target || typeof target.addHandlerAsync !== 'function') return () => undefined;
  officeCall(`addHandlerAsync(${type})`, (cb) => target.addHandlerAsync?.(type, handler, cb)).catch(
    () => undefined,
  );
  return () => {
    if (typeof target.removeHandlerAsync === 'function') {
      officeCall(`removeHandlerAsync(${type})`, (cb) => target.removeHandlerAsync?.(type, cb)).catch(
        () => undefined,
      );
    }
  };
}

function recipientFields(item: ComposeItem): Array<Office.Recipients> {
  const record = item as unknown as Record<string, Office.Recipients | undefined>;
  const names =
    'requiredAttendees' in item ? ['requiredAttendees', 'optionalAttendees'] : ['to', 'cc', 'bcc'];
  return names.map((name) => record[name]).filter((field): field is Office.Recipients => !!field);
}

async function removeFrom(field: Office.Recipients, remove: ReadonlySet<string>): Promise<void> {
  const current = await officeCall<Office.EmailAddressDetails[]>('recipients.getAsync', (cb) =>
    field.getAsync(cb as (r: Office.AsyncResult<Office.EmailAddressDetails[]>) => void),
  );
  const kept = (current || []).filter((r) => !remove.has(String(r.emailAddress).toLowerCase()));
  if (kept.length === (current || []).length) return;
  await officeCall('recipients.setAsync', (cb) =>
    field.setAsync(kept, cb as (r: Office.AsyncResult<void>) => void),
  );
}

export function createOfficeHost(office: typeof Office, options: OfficeHostOptions): TaskpaneHost {
  const mailbox = office.context.mailbox;
  const item = () => mailbox.item as unknown as ComposeItem;

  return {
    locale: office.context.displayLanguage || 'en-US',

    readDraft: async (): Promise<DraftRead> => {
      const read = await readItem(item(), {
        headerNames: options.headerNames(),
        labelsSupported: supports(office, '1.13'),
        locale: office.context.displayLanguage,
      });
      return { snapshot: read.snapshot, unreadable: read.unreadable, attachmentList: read.attachmentList };
    },

    onDraftChanged: (listener) => {
      const target = item() as unknown as HandlerTarget;
      const offs = DRAFT_EVENTS.map((type) =>
        // ItemChanged is a mailbox event (pinned panes); the others belong to the item.
        subscribe(type === 'olkItemChanged' ? (mailbox as unknown as HandlerTarget) : target, type, () =>
          listener(),
        ),
      );
      return () => offs.forEach((off) => off());
    },

    getInitializationContext: () => {
      const current = item() as unknown as {
        getInitializationContextAsync?(cb: OfficeCallback<string>): void;
      };
      if (typeof current.getInitializationContextAsync !== 'function') return Promise.resolve('');
      return officeCall<string>('getInitializationContextAsync', (cb) =>
        current.getInitializationContextAsync?.(cb),
      ).then(
        (data) => data || '',
        () => '',
      );
    },

    onInitializationContext: (listener) =>
      subscribe(item() as unknown as HandlerTarget, INITIALIZATION_CONTEXT_CHANGED, (args) => {
        const data = (args as { initializationContextData?: string } | undefined)?.initializationContextData;
        listener(data || '');
      }),

    applyEncryption: () => options.applyEncryption(item()),

    send: async (): Promise<SendResult> => {
      const message = item() as unknown as { sendAsync?(cb: OfficeCallback<void>): void };
      if (!supports(office, '1.15') || typeof message.sendAsync !== 'function') return 'press-send';
      await officeCall<void>('sendAsync', (cb) => message.sendAsync?.(cb));
      return 'sent';
    },

    removeRecipients: async (addresses) => {
      const remove = new Set(addresses.map((a) => a.toLowerCase()));
      for (const field of recipientFields(item())) await removeFrom(field, remove);
    },

    readBody: async () => {
      const body = item().body;
      const type = await officeCall<string>('body.getTypeAsync', (cb) =>
        body.getTypeAsync(cb as (r: Office.AsyncResult<Office.CoercionType>) => void),
      ).then(
        (t) => (String(t).toLowerCase() === 'html' ? 'html' : 'text') as 'html' | 'text',
        () => 'text' as const,
      );
      const text = await officeCall<string>('body.getAsync', (cb) =>
        (body.getAsync as (type: string, cb: OfficeCallback<string>) => void)(type, cb),
      );
      return { body: text || '', type };
    },

    setBody: (text, type) =>
      officeCall<void>('body.setAsync', (cb) =>
        (body().setAsync as (data: string, options: object, cb: OfficeCallback<void>) => void)(
          text,
          { coercionType: type },
          cb,
        ),
      ),

    recordDecision: (decision) => options.recordDecision(item(), decision),
  };

  function body() {
    return item().body;
  }
}
