/**
 * What the running Outlook supports, feature-detected per event (Office.onReady does not run in
 * classic Outlook's JavaScript-only runtime, so there is no startup hook to do it once).
 */

export interface ClientSupport {
  /** Mailbox 1.11: item.sessionData. */
  sessionData: boolean;
  /** Mailbox 1.12: Smart Alerts allowEvent and errorMessage. */
  smartAlerts: boolean;
  /** Mailbox 1.13: sensitivity labels. */
  labels: boolean;
  /** Mailbox 1.14: cancelLabel, commandId, contextData, sendModeOverride. */
  dialogButtons: boolean;
  /** Mailbox 1.15: errorMessageMarkdown, item.sendAsync. */
  markdown: boolean;
}

function isSetSupported(version: string): boolean {
  try {
    const requirements = Office.context && Office.context.requirements;
    return !!requirements && requirements.isSetSupported('Mailbox', version);
  } catch {
    return false;
  }
}

export function detectSupport(): ClientSupport {
  return {
    sessionData: isSetSupported('1.11'),
    smartAlerts: isSetSupported('1.12'),
    labels: isSetSupported('1.13'),
    dialogButtons: isSetSupported('1.14'),
    markdown: isSetSupported('1.15'),
  };
}

/** BCP 47 language of the Outlook UI ('en-US' when unknown). */
export function displayLanguage(): string {
  try {
    return (Office.context && Office.context.displayLanguage) || 'en-US';
  } catch {
    return 'en-US';
  }
}
