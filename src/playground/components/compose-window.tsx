import { Button, Field, Input, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { MockAttachment, MockDraft, MockRecipient } from '../../outlook/mock/mock-mailbox';
import type { RecipientFieldName } from '../playground-mailbox';

const useStyles = makeStyles({
  window: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    padding: '12px',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  toolbar: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  row: { display: 'grid', gridTemplateColumns: '64px 1fr', alignItems: 'center', gap: '8px' },
  label: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  body: { minHeight: '180px' },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px',
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    alignItems: 'center',
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    padding: '2px 4px 2px 8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  sent: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
});

function formatRecipients(list: MockRecipient[] | undefined): string {
  return (list ?? []).map((r) => r.address).join('; ');
}

function parseRecipients(text: string): MockRecipient[] {
  return text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((address) => ({ address }));
}

function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A recipient line: edited freely, committed (RecipientsChanged) on blur or Enter, like Outlook resolving names. */
function RecipientLine(props: {
  field: RecipientFieldName;
  label: string;
  list: MockRecipient[] | undefined;
  onCommit(list: MockRecipient[]): void;
}) {
  const styles = useStyles();
  const external = formatRecipients(props.list);
  const [text, setText] = useState(external);
  useEffect(() => setText(external), [external]);
  const commit = () => {
    if (text !== external) props.onCommit(parseRecipients(text));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') commit();
  };
  const id = `compose-${props.field}`;
  return (
    <div className={styles.row}>
      <label htmlFor={id} className={styles.label}>
        {props.label}
      </label>
      <Input
        id={id}
        value={text}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        data-testid={id}
      />
    </div>
  );
}

let attachmentCounter = 0;

async function readFiles(files: FileList | null): Promise<MockAttachment[]> {
  const out: MockAttachment[] = [];
  for (const file of Array.from(files ?? [])) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    attachmentCounter++;
    out.push({
      id: `att-upload-${attachmentCounter}`,
      name: file.name,
      attachmentType: 'file',
      contentType: file.type || undefined,
      bytes,
    });
  }
  return out;
}

export interface ComposeWindowProps {
  draft: MockDraft;
  sent: boolean;
  sending: boolean;
  onChange(patch: Partial<MockDraft>): void;
  onSend(): void;
}

/** An Outlook-like compose form over the mock mailbox's draft. */
export function ComposeWindow({ draft, sent, sending, onChange, onSend }: ComposeWindowProps) {
  const styles = useStyles();
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const attachments = draft.attachments ?? [];

  const addFiles = async (files: FileList | null) => {
    const added = await readFiles(files);
    if (added.length > 0) onChange({ attachments: [...attachments, ...added] });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void addFiles(event.dataTransfer.files);
  };

  return (
    <section className={styles.window} aria-label="New message" data-testid="compose">
      <div className={styles.toolbar}>
        <Button appearance="primary" onClick={onSend} disabled={sending} data-testid="send">
          {sending ? 'Sending…' : 'Send'}
        </Button>
        <span role="status" className={styles.sent} data-testid="sent-status">
          {sent ? 'Sent ✓ (the mock mailbox delivered the message)' : ''}
        </span>
      </div>
      <div className={styles.row}>
        <span className={styles.label}>From</span>
        <span data-testid="compose-from">
          {draft.from ? `${draft.from.name ?? ''} <${draft.from.address}>` : ''}
        </span>
      </div>
      <RecipientLine field="to" label="To" list={draft.to} onCommit={(to) => onChange({ to })} />
      <RecipientLine field="cc" label="Cc" list={draft.cc} onCommit={(cc) => onChange({ cc })} />
      <RecipientLine field="bcc" label="Bcc" list={draft.bcc} onCommit={(bcc) => onChange({ bcc })} />
      <div className={styles.row}>
        <label htmlFor="compose-subject" className={styles.label}>
          Subject
        </label>
        <Input
          id="compose-subject"
          value={draft.subject}
          onChange={(_, d) => onChange({ subject: d.value })}
          data-testid="compose-subject"
        />
      </div>
      <div
        className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="attachments"
      >
        <span className={styles.label}>Attachments</span>
        {attachments.map((a) => (
          <span key={a.id} className={styles.chip}>
            {a.name} ({humanSize(a.size ?? a.bytes?.length ?? 0)})
            <Button
              size="small"
              appearance="subtle"
              aria-label={`Remove ${a.name}`}
              onClick={() => onChange({ attachments: attachments.filter((x) => x.id !== a.id) })}
            >
              ✕
            </Button>
          </span>
        ))}
        <Button size="small" onClick={() => fileInput.current?.click()}>
          Attach files…
        </Button>
        <span>or drop files here</span>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Attach files"
          onChange={(event) => void addFiles(event.target.files)}
          data-testid="file-input"
        />
      </div>
      <Field label="Message">
        <Textarea
          className={styles.body}
          textarea={{ className: styles.body }}
          value={draft.body}
          resize="vertical"
          onChange={(_, d) => onChange({ body: d.value, bodyHtml: undefined })}
          data-testid="compose-body"
        />
      </Field>
    </section>
  );
}
