/**
 * The playground's Outlook: the Outlook edge's mock mailbox (src/outlook/mock) plus what a
 * compose window needs on top of it: the task pane's write calls (body.setAsync, recipients
 * setAsync, item.sendAsync that the window sees), events the pane subscribes to
 * (RecipientsChanged, AttachmentsChanged, InitializationContextChanged), and a change feed for
 * the React compose form.
 */
import { MockMailbox, type MockDraft, type MockRecipient } from '../outlook/mock/mock-mailbox';

type Callback = (result: { status: 'succeeded' | 'failed'; value: unknown; error?: unknown }) => void;
type EventHandler = (args: unknown) => void;

export const RECIPIENTS_CHANGED = 'olkRecipientsChanged';
export const ATTACHMENTS_CHANGED = 'olkAttachmentsChanged';
export const INITIALIZATION_CONTEXT_CHANGED = 'olkInitializationContextChanged';

export type RecipientFieldName = 'to' | 'cc' | 'bcc';

function lastCallback(args: unknown[]): Callback | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as Callback) : undefined;
}

/**
 * Outlook answers asynchronously; so does the playground. `callbackAt` is where the callback sits
 * when other arguments are functions too (addHandlerAsync's handler).
 */
function answer(args: unknown[], produce: () => unknown, callbackAt?: number): void {
  const candidate = callbackAt === undefined ? lastCallback(args) : args[callbackAt];
  const callback = typeof candidate === 'function' ? (candidate as Callback) : undefined;
  Promise.resolve().then(() => {
    try {
      const value = produce();
      callback?.({ status: 'succeeded', value });
    } catch {
      callback?.({ status: 'failed', value: undefined, error: { code: 9000, name: 'InternalError' } });
    }
  });
}

function toMockRecipients(value: unknown): MockRecipient[] {
  const list = Array.isArray(value) ? value : [];
  return list.map((entry) => {
    if (typeof entry === 'string') return { address: entry };
    const details = entry as { emailAddress?: string; displayName?: string; recipientType?: string };
    return {
      address: String(details.emailAddress ?? ''),
      name: details.displayName,
      recipientType: details.recipientType,
    };
  });
}

export class PlaygroundMailbox {
  readonly mock: MockMailbox;
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;

  constructor(draft: MockDraft, displayLanguage = 'en-US') {
    this.mock = new MockMailbox(draft, { requirementSet: '1.15', displayLanguage });
    this.extendItem();
  }

  get draft(): MockDraft {
    return this.mock.draft;
  }

  get office(): Record<string, unknown> {
    return this.mock.office;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  /** Fires an Office event at the handlers the pane registered. */
  emit(type: string, args: Record<string, unknown> = {}): void {
    for (const handler of Array.from(this.handlers.get(type) ?? [])) handler({ type, ...args });
  }

  /** The compose form changed a part of the draft. */
  update(patch: Partial<MockDraft>): void {
    Object.assign(this.mock.draft, patch);
    this.mock.sent = false;
    this.changed();
    if ('to' in patch || 'cc' in patch || 'bcc' in patch) this.recipientsChanged();
    if ('attachments' in patch) this.attachmentsChanged();
  }

  /**
   * Outlook raises the change both to the task pane (item events) and to the add-in's
   * event-based handlers (OnMessageRecipientsChanged / OnMessageAttachmentsChanged scan ahead).
   */
  private recipientsChanged(): void {
    this.emit(RECIPIENTS_CHANGED);
    this.fireLaunchEvent('onMessageRecipientsChangedHandler', 'OnMessageRecipientsChanged');
  }

  private attachmentsChanged(): void {
    this.emit(ATTACHMENTS_CHANGED);
    this.fireLaunchEvent('onMessageAttachmentsChangedHandler', 'OnMessageAttachmentsChanged');
  }

  private fireLaunchEvent(actionId: string, eventType: string): void {
    if (this.mock.associations.has(actionId)) this.mock.fire(actionId, eventType).catch(() => undefined);
  }

  /** Loads a new draft into the same window (a new scenario). */
  load(draft: MockDraft): void {
    const current = this.mock.draft as unknown as Record<string, unknown>;
    for (const key of Object.keys(current)) delete current[key];
    Object.assign(current, draft);
    this.mock.sent = false;
    this.mock.initializationContext = '';
    this.changed();
    this.recipientsChanged();
    this.attachmentsChanged();
  }

  /** Outlook sent the message (Send allowed, Send Anyway, or the pane's sendAsync). */
  markSent(): void {
    this.mock.sent = true;
    this.changed();
  }

  /** The Smart Alerts button: hands contextData to the pane, as Outlook does. */
  openPaneWithContext(contextData: unknown): void {
    const data = typeof contextData === 'string' ? contextData : JSON.stringify(contextData ?? '');
    this.mock.initializationContext = data;
    this.emit(INITIALIZATION_CONTEXT_CHANGED, { initializationContextData: data });
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of Array.from(this.listeners)) listener();
  }

  /** addHandlerAsync(type, handler, [options], [callback]): the callback is the function after the handler. */
  private addHandler = (...args: unknown[]) =>
    answer(
      args,
      () => {
        const [type, handler] = args as [string, EventHandler];
        if (!this.handlers.has(type)) this.handlers.set(type, new Set());
        this.handlers.get(type)?.add(handler);
      },
      typeof args[2] === 'function' ? 2 : 3,
    );

  private removeHandler = (...args: unknown[]) => answer(args, () => this.handlers.delete(String(args[0])));

  private extendItem(): void {
    const context = this.mock.office.context as { mailbox: Record<string, unknown> };
    const item = context.mailbox.item as Record<string, Record<string, unknown> | unknown>;
    const draft = () => this.mock.draft;
    item.addHandlerAsync = this.addHandler;
    item.removeHandlerAsync = this.removeHandler;
    context.mailbox.addHandlerAsync = this.addHandler;
    context.mailbox.removeHandlerAsync = this.removeHandler;
    const body = item.body as Record<string, unknown>;
    body.getTypeAsync = (...args: unknown[]) => answer(args, () => (draft().bodyHtml ? 'html' : 'text'));
    body.setAsync = (...args: unknown[]) =>
      answer(args, () => {
        const options = args[1] as { coercionType?: string } | undefined;
        if (options && options.coercionType === 'html') draft().bodyHtml = String(args[0]);
        else {
          draft().body = String(args[0]);
          delete draft().bodyHtml;
        }
        this.changed();
      });
    for (const field of ['to', 'cc', 'bcc'] as const) {
      const recipients = item[field] as Record<string, unknown>;
      recipients.setAsync = (...args: unknown[]) =>
        answer(args, () => {
          draft()[field] = toMockRecipients(args[0]);
          this.changed();
          this.emit(RECIPIENTS_CHANGED, { changedRecipientFields: { [field]: true } });
          this.fireLaunchEvent('onMessageRecipientsChangedHandler', 'OnMessageRecipientsChanged');
        });
    }
    item.sendAsync = (...args: unknown[]) => answer(args, () => this.markSent());
    for (const part of ['subject', 'internetHeaders', 'sensitivityLabel']) this.notifyAfterSet(item[part]);
  }

  /** The mock's own setters (subject tag, header, label) change the draft: tell the form. */
  private notifyAfterSet(target: unknown): void {
    const setter = target as { setAsync?: (...args: unknown[]) => void } | undefined;
    const original = setter?.setAsync;
    if (!setter || typeof original !== 'function') return;
    setter.setAsync = (...args: unknown[]) => {
      const callback = lastCallback(args);
      const rest = callback ? args.slice(0, -1) : args;
      original(...rest, (result: Parameters<Callback>[0]) => {
        this.changed();
        callback?.(result);
      });
    };
  }
}
