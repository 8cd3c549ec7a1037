import { Button, Field, Select, Textarea, makeStyles } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { PaneStrings } from '../strings';

const OTHER = '__other__';
/** The free-text note is for a reason, not for content: keep it short. */
export const MAX_NOTE_LENGTH = 500;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '8px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
});

export interface JustifyFormProps {
  reasons: { id: string; text: string }[];
  /** IT lets the employee type a reason of their own ("Other"). */
  allowFreeText: boolean;
  strings: PaneStrings;
  busy: boolean;
  onSubmit(reason: string, note: string): void;
  onCancel(): void;
}

/** IT's reasons plus free text. "Other" needs the text; a listed reason does not. */
export function JustifyForm({ reasons, allowFreeText, strings, busy, onSubmit, onCancel }: JustifyFormProps) {
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const needsNote = reason === OTHER || reasons.length === 0;
  const complete = needsNote ? note.trim().length > 0 : reason !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!complete || busy) return;
    onSubmit(reason === OTHER ? '' : reason, note.trim());
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      aria-label={strings.justifyTitle}
      data-testid="justify-form"
    >
      <h3 style={{ margin: 0 }}>{strings.justifyTitle}</h3>
      {reasons.length > 0 && (
        <Field label={strings.reason} required>
          <Select value={reason} onChange={(_, data) => setReason(data.value)} data-testid="justify-reason">
            <option value="" disabled>
              {strings.pickReason}
            </option>
            {reasons.map((r) => (
              <option key={r.id} value={r.id}>
                {r.text}
              </option>
            ))}
            {allowFreeText && <option value={OTHER}>{strings.otherReason}</option>}
          </Select>
        </Field>
      )}
      {(allowFreeText || reasons.length === 0) && (
        <Field label={strings.explain} required={needsNote}>
          <Textarea
            value={note}
            maxLength={MAX_NOTE_LENGTH}
            onChange={(_, data) => setNote(data.value)}
            resize="vertical"
            data-testid="justify-note"
          />
        </Field>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={!complete || busy} data-testid="justify-submit">
          {strings.sendWithJustification}
        </Button>
        <Button type="button" onClick={onCancel}>
          {strings.cancel}
        </Button>
      </div>
    </form>
  );
}
