/**
 * The send-time entry point: built into ONE self-contained dist/launchevent.js that classic
 * Outlook's JavaScript-only runtime loads directly and launchevent.html loads elsewhere. It only
 * registers the handlers named in the manifests (Office.onReady never runs in that runtime).
 */
import { handleScanAhead } from '../outlook/scan-ahead-handler';
import { handleItemSend, handleSmartAlertsSend } from '../outlook/send-handler';

/** Manifest FunctionName / unified actionId -> handler. A test checks every manifest name is here. */
export const HANDLERS: Record<
  string,
  (event: { completed(options?: Record<string, unknown>): void }) => void
> = {
  onMessageSendHandler: (event) => void handleSmartAlertsSend(event),
  onAppointmentSendHandler: (event) => void handleSmartAlertsSend(event),
  onMessageRecipientsChangedHandler: (event) => void handleScanAhead(event),
  onMessageAttachmentsChangedHandler: (event) => void handleScanAhead(event),
  onItemSendHandler: (event) => void handleItemSend(event),
};

function register(): void {
  if (typeof Office !== 'undefined' && Office.actions) {
    for (const name of Object.keys(HANDLERS)) {
      Office.actions.associate(name, HANDLERS[name] as (event: unknown) => void);
    }
  }
  // Legacy ItemSend function files (Mac classic UI, Outlook on the web on Exchange Server) look the
  // handler up as a global function of the page. Only the HTML runtime has a window.
  if (typeof window !== 'undefined') {
    const page = window as unknown as Record<string, unknown>;
    for (const name of Object.keys(HANDLERS)) page[name] = HANDLERS[name];
  }
}

register();
