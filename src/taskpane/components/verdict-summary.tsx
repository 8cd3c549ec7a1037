import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { PaneAction, PaneView } from '../pane-view';
import type { PaneStrings } from '../strings';

const INTENT: Record<PaneAction, 'success' | 'warning' | 'error' | 'info'> = {
  allow: 'success',
  warn: 'warning',
  justify: 'warning',
  encrypt: 'warning',
  block: 'error',
};

/** The verdict at a glance: what happens at Send and why, in the words the dialog used. */
export function VerdictSummary({ view, strings }: { view: PaneView; strings: PaneStrings }) {
  return (
    <MessageBar
      intent={INTENT[view.action]}
      layout="multiline"
      data-testid="verdict"
      data-action={view.action}
    >
      <MessageBarBody>
        <MessageBarTitle>{strings.actionLabel[view.action]}</MessageBarTitle>
        {view.message && <p style={{ margin: '4px 0 0' }}>{view.message}</p>}
      </MessageBarBody>
    </MessageBar>
  );
}
