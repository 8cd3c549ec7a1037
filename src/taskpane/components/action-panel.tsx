import { Button, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import type { PaneView } from '../pane-view';
import type { PaneStrings } from '../strings';
import { JustifyForm } from './justify-form';

export type PaneCommand =
  | { kind: 'encrypt' }
  | { kind: 'remove-outside' }
  | { kind: 'redact' }
  | { kind: 'justify'; reason: string; note: string }
  | { kind: 'report-false-positive' };

const useStyles = makeStyles({
  buttons: { display: 'flex', flexDirection: 'column', alignItems: 'stretch', gap: '6px' },
});

export interface ActionPanelProps {
  view: PaneView;
  strings: PaneStrings;
  busy: boolean;
  onCommand(command: PaneCommand): void;
}

/** The ways out the policy allows, the most protective first. */
export function ActionPanel({ view, strings, busy, onCommand }: ActionPanelProps) {
  const styles = useStyles();
  const [justifying, setJustifying] = useState(false);
  const { actions } = view;

  if (justifying) {
    return (
      <JustifyForm
        reasons={view.justificationReasons}
        allowFreeText={view.allowFreeText}
        strings={strings}
        busy={busy}
        onCancel={() => setJustifying(false)}
        onSubmit={(reason, note) => onCommand({ kind: 'justify', reason, note })}
      />
    );
  }
  return (
    <div className={styles.buttons} data-testid="actions">
      {actions.encrypt && (
        <Button appearance="primary" disabled={busy} onClick={() => onCommand({ kind: 'encrypt' })}>
          {strings.encryptAndSend}
        </Button>
      )}
      {actions.removeOutside && (
        <Button disabled={busy} onClick={() => onCommand({ kind: 'remove-outside' })}>
          {strings.removeOutside}
        </Button>
      )}
      {actions.redact && (
        <Button disabled={busy} onClick={() => onCommand({ kind: 'redact' })}>
          {strings.redact}
        </Button>
      )}
      {actions.justify && (
        <Button disabled={busy} onClick={() => setJustifying(true)}>
          {strings.justify}
        </Button>
      )}
      {actions.reportFalsePositive && (
        <Button
          appearance="subtle"
          disabled={busy}
          onClick={() => onCommand({ kind: 'report-false-positive' })}
        >
          {strings.reportFalsePositive}
        </Button>
      )}
    </div>
  );
}
