/**
 * A mock of the slice of Office.js that SendWarden calls, playing Outlook's side for one draft.
 * It runs in Node (jest, node:vm, benchmarks) and in a browser (the playground): no Node imports,
 * no DOM. Callbacks are delivered asynchronously like Outlook does, any operation can be made to
 * fail or to never answer, and every completed() call is recorded so tests can count them.
 */
import { encodeBase64 } from '../base64';

/** Mailbox requirement sets a simulated client may top out at (1.8-1.11: legacy ItemSend clients). */
export type RequirementSet = '1.8' | '1.9' | '1.10' | '1.11' | '1.12' | '1.13' | '1.14' | '1.15';

export interface MockRecipient {
  address: string;
  name?: string;
  /** Outlook's hint: 'user' | 'externalUser' | 'distributionList' | 'other'. */
  recipientType?: string;
}

export interface MockAttachment {
  id: string;
  name: string;
  attachmentType: 'file' | 'item' | 'cloud';
  size?: number;
  contentType?: string;
  isInline?: boolean;
  bytes?: Uint8Array;
  /** For attachmentType 'item': the attached message as .eml text. */
  eml?: string;
  /** For attachmentType 'cloud'. */
  url?: string;
  /** For an attached calendar item: its iCalendar text. */
  iCalendar?: string;
  /** Precomputed Base64 of `bytes` (benchmarks: keeps the mock's own encoding out of the timing). */
  base64?: string;
}

export interface MockDraft {
  itemType?: 'message' | 'appointment';
  subject: string;
  body: string;
  bodyHtml?: string;
  from?: MockRecipient;
  to: MockRecipient[];
  cc?: MockRecipient[];
  bcc?: MockRecipient[];
  /** Custom internet headers set on the draft, by name as set. */
  headers?: Record<string, string>;
  sensitivityLabel?: string;
  attachments?: MockAttachment[];
}

export interface MockOptions {
  /** Highest Mailbox requirement set the simulated client supports. Default 1.15. */
  requirementSet?: RequirementSet;
  labelCatalogEnabled?: boolean;
  /** Operation names (e.g. 'body.getAsync') that call back with a failure. */
  failing?: string[];
  /** Operation names that never call back (Outlook hung). */
  hanging?: string[];
  /** Milliseconds before each callback; 0 answers on the next microtask. */
  latencyMs?: number;
  displayLanguage?: string;
  /** Outlook's host name as in mailbox.diagnostics.hostName. */
  hostName?: string;
  /** Provide OfficeRuntime.storage (classic Windows has it; web and Mac do not). */
  withRuntimeStorage?: boolean;
}

/** Smart Alerts completion options as the handler passed them. */
export type CompletedOptions = Record<string, unknown>;

export interface MockEvent {
  type: string;
  completed: (options?: CompletedOptions) => void;
}

interface AsyncResult<T> {
  status: 'succeeded' | 'failed';
  value: T;
  error?: { code: number; name: string; message: string };
  asyncContext?: unknown;
}

type Callback<T> = (result: AsyncResult<T>) => void;

function minorOf(version: string): number {
  const minor = Number(version.split('.')[1] ?? '0');
  return Number.isFinite(minor) ? minor : 0;
}

/** Error code Outlook uses for a generic internal failure (Office.js "InternalError" family). */
const MOCK_ERROR_CODE = 9002;

function lastArgCallback<T>(args: unknown[]): Callback<T> | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    if (typeof args[i] === 'function') return args[i] as Callback<T>;
  }
  return undefined;
}

function toDetails(recipient: MockRecipient): Record<string, string> {
  return {
    emailAddress: recipient.address,
    displayName: recipient.name ?? recipient.address,
    recipientType: recipient.recipientType ?? 'other',
  };
}

export class MockMailbox {
  readonly draft: MockDraft;
  readonly options: MockOptions;
  readonly sessionData = new Map<string, string>();
  readonly customProperties: Record<string, unknown> = {};
  readonly notifications = new Map<string, Record<string, unknown>>();
  readonly associations = new Map<string, (event: MockEvent) => unknown>();
  /** Every completed() call, in order, per fired event. */
  readonly completions: { eventType: string; options: CompletedOptions | undefined }[] = [];
  /** Every Office operation called, in order (names only). */
  readonly calls: string[] = [];
  readonly storage = new Map<string, string>();
  /** What getInitializationContextAsync returns (the Smart Alerts contextData). */
  initializationContext = '';
  /** Set when the task pane calls item.sendAsync. */
  sent = false;
  readonly office: Record<string, unknown>;
  readonly officeRuntime: Record<string, unknown> | undefined;

  constructor(draft: MockDraft, options: MockOptions = {}) {
    this.draft = draft;
    this.options = options;
    this.office = this.buildOffice();
    this.officeRuntime = options.withRuntimeStorage ? this.buildRuntime() : undefined;
  }

  /** Mailbox requirement sets compare by minor number: 1.8 < 1.12 < 1.15. */
  supports(version: string): boolean {
    return minorOf(version) <= minorOf(this.options.requirementSet ?? '1.15');
  }

  /**
   * Fires an event at the handler registered under actionId and resolves with the first completed()
   * options. Later completed() calls are still recorded in `completions`, so tests can see them.
   */
  fire(actionId: string, eventType = 'OnMessageSend'): Promise<CompletedOptions | undefined> {
    const handler = this.associations.get(actionId);
    if (!handler) return Promise.reject(new Error(`No handler associated with ${actionId}`));
    return new Promise((resolve) => {
      let resolved = false;
      const event: MockEvent = {
        type: eventType,
        completed: (options) => {
          this.completions.push({ eventType, options });
          if (!resolved) {
            resolved = true;
            resolve(options);
          }
        },
      };
      handler(event);
    });
  }

  completionsOf(eventType: string): number {
    return this.completions.filter((entry) => entry.eventType === eventType).length;
  }

  private answer<T>(operation: string, callback: Callback<T> | undefined, produce: () => T): void {
    this.calls.push(operation);
    if (!callback) return;
    if ((this.options.hanging ?? []).indexOf(operation) !== -1) return;
    const fails = (this.options.failing ?? []).indexOf(operation) !== -1;
    const deliver = () => {
      if (fails) {
        const error = { code: MOCK_ERROR_CODE, name: 'InternalError', message: 'Simulated failure' };
        callback({ status: 'failed', value: undefined as unknown as T, error });
        return;
      }
      let value: T;
      try {
        value = produce();
      } catch (thrown) {
        const name = thrown instanceof Error ? thrown.message : 'InternalError';
        callback({
          status: 'failed',
          value: undefined as unknown as T,
          error: { code: 9000, name, message: name },
        });
        return;
      }
      callback({ status: 'succeeded', value });
    };
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) setTimeout(deliver, latency);
    else Promise.resolve().then(deliver);
  }

  /** Builds `operation(...args, callback)` that answers with produce(args). */
  private op<T>(operation: string, produce: (args: unknown[]) => T): (...args: unknown[]) => void {
    return (...args: unknown[]) => this.answer<T>(operation, lastArgCallback<T>(args), () => produce(args));
  }

  private recipientsField(name: string, list: () => MockRecipient[]): Record<string, unknown> {
    return { getAsync: this.op(`${name}.getAsync`, () => list().map(toDetails)) };
  }

  private buildItem(): Record<string, unknown> {
    const draft = this.draft;
    const isAppointment = draft.itemType === 'appointment';
    const item: Record<string, unknown> = {
      itemType: isAppointment ? 'appointment' : 'message',
      subject: {
        getAsync: this.op('subject.getAsync', () => draft.subject),
        setAsync: this.op('subject.setAsync', (args) => {
          draft.subject = String(args[0]);
        }),
      },
      body: {
        getAsync: this.op('body.getAsync', (args) =>
          args[0] === 'html' ? (draft.bodyHtml ?? `<div>${draft.body}</div>`) : draft.body,
        ),
      },
      internetHeaders: {
        getAsync: this.op('internetHeaders.getAsync', (args) => this.readHeaders(args[0] as string[])),
        setAsync: this.op('internetHeaders.setAsync', (args) => {
          draft.headers = { ...(draft.headers ?? {}), ...(args[0] as Record<string, string>) };
        }),
      },
      getAttachmentsAsync: this.op('getAttachmentsAsync', () =>
        (draft.attachments ?? []).map(attachmentDetails),
      ),
      getAttachmentContentAsync: this.op('getAttachmentContentAsync', (args) =>
        this.attachmentContent(String(args[0])),
      ),
      sessionData: this.buildSessionData(),
      loadCustomPropertiesAsync: this.op('loadCustomPropertiesAsync', () => this.buildCustomProperties()),
      notificationMessages: this.buildNotifications(),
      getInitializationContextAsync: this.op(
        'getInitializationContextAsync',
        () => this.initializationContext,
      ),
      addHandlerAsync: this.op('addHandlerAsync', () => undefined),
    };
    if (isAppointment) {
      item.requiredAttendees = this.recipientsField('requiredAttendees', () => draft.to);
      item.optionalAttendees = this.recipientsField('optionalAttendees', () => draft.cc ?? []);
      item.organizer = { getAsync: this.op('organizer.getAsync', () => draft.from && toDetails(draft.from)) };
    } else {
      item.to = this.recipientsField('to', () => draft.to);
      item.cc = this.recipientsField('cc', () => draft.cc ?? []);
      item.bcc = this.recipientsField('bcc', () => draft.bcc ?? []);
      item.from = { getAsync: this.op('from.getAsync', () => draft.from && toDetails(draft.from)) };
    }
    if (this.supports('1.13')) {
      item.sensitivityLabel = {
        getAsync: this.op('sensitivityLabel.getAsync', () => draft.sensitivityLabel ?? ''),
        setAsync: this.op('sensitivityLabel.setAsync', (args) => {
          const label = args[0];
          draft.sensitivityLabel = typeof label === 'string' ? label : String((label as { id: string }).id);
        }),
      };
    }
    if (this.supports('1.15')) {
      item.sendAsync = this.op('sendAsync', () => {
        this.sent = true;
      });
    }
    return item;
  }

  private readHeaders(names: string[]): Record<string, string> {
    const headers = this.draft.headers ?? {};
    const found: Record<string, string> = {};
    for (const name of names) {
      for (const key of Object.keys(headers)) {
        if (key.toLowerCase() === name.toLowerCase()) found[name] = headers[key] as string;
      }
    }
    return found;
  }

  private attachmentContent(id: string): { content: string; format: string } {
    const attachment = (this.draft.attachments ?? []).find((candidate) => candidate.id === id);
    if (!attachment) throw new Error('InvalidAttachmentId');
    if (attachment.attachmentType === 'cloud') return { content: attachment.url ?? '', format: 'url' };
    if (attachment.attachmentType === 'item') {
      if (attachment.iCalendar !== undefined) return { content: attachment.iCalendar, format: 'iCalendar' };
      return { content: attachment.eml ?? '', format: 'eml' };
    }
    const content = attachment.base64 ?? encodeBase64(attachment.bytes ?? new Uint8Array(0));
    return { content, format: 'base64' };
  }

  private buildSessionData(): Record<string, unknown> {
    const data = this.sessionData;
    return {
      getAsync: this.op('sessionData.getAsync', (args) => {
        const value = data.get(String(args[0]));
        if (value === undefined) throw new Error('KeyNotFound');
        return value;
      }),
      setAsync: this.op('sessionData.setAsync', (args) => {
        data.set(String(args[0]), String(args[1]));
      }),
      getAllAsync: this.op('sessionData.getAllAsync', () => Object.fromEntries(data)),
      removeAsync: this.op('sessionData.removeAsync', (args) => {
        data.delete(String(args[0]));
      }),
      clearAsync: this.op('sessionData.clearAsync', () => data.clear()),
    };
  }

  private buildCustomProperties(): Record<string, unknown> {
    const saved = this.customProperties;
    const pending: Record<string, unknown> = { ...saved };
    return {
      get: (name: string) => pending[name],
      set: (name: string, value: unknown) => {
        pending[name] = value;
      },
      remove: (name: string) => {
        delete pending[name];
      },
      getAll: () => ({ ...pending }),
      saveAsync: this.op('customProperties.saveAsync', () => {
        for (const key of Object.keys(saved)) delete saved[key];
        Object.assign(saved, pending);
      }),
    };
  }

  private buildNotifications(): Record<string, unknown> {
    const store = this.notifications;
    return {
      addAsync: this.op('notificationMessages.addAsync', (args) => {
        store.set(String(args[0]), args[1] as Record<string, unknown>);
      }),
      replaceAsync: this.op('notificationMessages.replaceAsync', (args) => {
        store.set(String(args[0]), args[1] as Record<string, unknown>);
      }),
      removeAsync: this.op('notificationMessages.removeAsync', (args) => {
        store.delete(String(args[0]));
      }),
      getAllAsync: this.op('notificationMessages.getAllAsync', () =>
        Array.from(store.entries()).map(([key, value]) => ({ key, ...value })),
      ),
    };
  }

  private buildOffice(): Record<string, unknown> {
    const item = this.buildItem();
    const context: Record<string, unknown> = {
      displayLanguage: this.options.displayLanguage ?? 'en-US',
      platform: 'PC',
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === 'Mailbox' && this.supports(version ?? '1.1'),
      },
      mailbox: {
        item,
        diagnostics: { hostName: this.options.hostName ?? 'Outlook', hostVersion: '16.0.18324.20172' },
        userProfile: {
          emailAddress: this.draft.from?.address ?? 'user@contoso.com',
          displayName: this.draft.from?.name ?? 'User',
        },
      },
    };
    if (this.supports('1.13')) {
      context.sensitivityLabelsCatalog = {
        getIsEnabledAsync: this.op(
          'sensitivityLabelsCatalog.getIsEnabledAsync',
          () => !!this.options.labelCatalogEnabled,
        ),
        getAsync: this.op('sensitivityLabelsCatalog.getAsync', () => []),
      };
    }
    return {
      context,
      actions: {
        associate: (actionId: string, handler: (event: MockEvent) => unknown) => {
          this.associations.set(actionId, handler);
        },
      },
      onReady: () => Promise.resolve({ host: 'Outlook', platform: 'PC' }),
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      CoercionType: { Text: 'text', Html: 'html' },
      EventType: { InitializationContextChanged: 'olkInitializationContextChanged' },
      MailboxEnums: {
        AttachmentContentFormat: { Base64: 'base64', Url: 'url', Eml: 'eml', ICalendar: 'iCalendar' },
        AttachmentType: { File: 'file', Item: 'item', Cloud: 'cloud' },
        SendModeOverride: { PromptUser: 'promptUser' },
        ItemNotificationMessageType: {
          ErrorMessage: 'errorMessage',
          InformationalMessage: 'informationalMessage',
          ProgressIndicator: 'progressIndicator',
          InsightMessage: 'insightMessage',
        },
        RecipientType: {
          User: 'user',
          ExternalUser: 'externalUser',
          DistributionList: 'distributionList',
          Other: 'other',
        },
      },
    };
  }

  private buildRuntime(): Record<string, unknown> {
    const storage = this.storage;
    return {
      storage: {
        getItem: (key: string) => Promise.resolve(storage.has(key) ? (storage.get(key) as string) : null),
        setItem: (key: string, value: string) => {
          storage.set(key, value);
          return Promise.resolve();
        },
        removeItem: (key: string) => {
          storage.delete(key);
          return Promise.resolve();
        },
      },
    };
  }
}

function attachmentDetails(attachment: MockAttachment): Record<string, unknown> {
  const size =
    attachment.size ??
    attachment.bytes?.length ??
    attachment.eml?.length ??
    attachment.iCalendar?.length ??
    0;
  return {
    id: attachment.id,
    name: attachment.name,
    size,
    attachmentType: attachment.attachmentType,
    contentType: attachment.contentType,
    isInline: !!attachment.isInline,
    url: attachment.url,
  };
}

/** Installs the mock as the global Office (and OfficeRuntime) for code that reads globals. */
export function installMockGlobals(mailbox: MockMailbox, target: Record<string, unknown>): () => void {
  const previousOffice = target.Office;
  const previousRuntime = target.OfficeRuntime;
  target.Office = mailbox.office;
  if (mailbox.officeRuntime) target.OfficeRuntime = mailbox.officeRuntime;
  else delete target.OfficeRuntime;
  return () => {
    target.Office = previousOffice;
    if (previousRuntime === undefined) delete target.OfficeRuntime;
    else target.OfficeRuntime = previousRuntime;
  };
}
