import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { SmartAlertMarkdown } from '../smart-alert-markdown';

/** What the handler passed to event.completed() when it stopped the send. */
export interface SmartAlertOptions {
  errorMessage?: string;
  errorMessageMarkdown?: string;
  cancelLabel?: string;
  commandId?: string;
  contextData?: unknown;
  sendModeOverride?: string;
}

export type SendMode = 'SoftBlock' | 'Block' | 'PromptUser';

export interface SmartAlertDialogProps {
  addinName: string;
  /** Kept mounted and closed with null: Fluent restores the page's aria-hidden only on close. */
  options: SmartAlertOptions | null;
  sendMode: SendMode;
  onSendAnyway(): void;
  onDontSend(): void;
  onTakeAction(): void;
}

const DEFAULT_ACTION_LABEL = 'Take Action';

/**
 * The Smart Alerts dialog as Outlook on the web and new Outlook draw it: the add-in's name as the
 * title, its message, Don't Send, Send Anyway only in PromptUser mode (or when the handler
 * overrode the mode), and the custom button when the handler gave a commandId.
 */
export function SmartAlertDialog(props: SmartAlertDialogProps) {
  const { addinName, sendMode } = props;
  const options = props.options ?? {};
  const promptUser = sendMode === 'PromptUser' || options.sendModeOverride === 'promptUser';
  const fallback = `${addinName} is preventing this email from being sent.`;
  return (
    <Dialog open={props.options !== null} modalType="alert">
      <DialogSurface aria-describedby="smart-alert-message" data-testid="smart-alert">
        <DialogBody>
          <DialogTitle>{addinName}</DialogTitle>
          <DialogContent id="smart-alert-message" data-testid="smart-alert-message">
            {options.errorMessageMarkdown ? (
              <SmartAlertMarkdown markdown={options.errorMessageMarkdown} />
            ) : (
              <p>{options.errorMessage || fallback}</p>
            )}
          </DialogContent>
          <DialogActions fluid>
            {options.commandId && (
              <Button appearance="primary" onClick={props.onTakeAction} data-testid="smart-alert-action">
                {options.cancelLabel || DEFAULT_ACTION_LABEL}
              </Button>
            )}
            {promptUser && (
              <Button onClick={props.onSendAnyway} data-testid="smart-alert-send-anyway">
                Send Anyway
              </Button>
            )}
            <Button
              appearance={options.commandId ? 'secondary' : 'primary'}
              onClick={props.onDontSend}
              data-testid="smart-alert-dont-send"
            >
              Don&apos;t Send
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
