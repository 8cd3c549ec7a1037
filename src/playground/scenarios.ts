/**
 * The playground's sample scenarios, one click each. Each one is a draft for the mock mailbox and
 * the verdict the default playground policy gives it (the end-to-end tests check both).
 */
import type { MockAttachment, MockDraft } from '../outlook/mock/mock-mailbox';
import type { PaneAction } from '../taskpane/pane-view';
import { buildEncryptedZip, buildRosterXlsx, rosterMembers } from './sample-files';

export const ORGANIZATION_DOMAIN = 'contoso.com';
export const PARTNER_DOMAIN = 'fabrikam.com';
/** Enough members to cross the default policy's bulk threshold (100 findings). */
export const ROSTER_MEMBERS = 120;

export interface Scenario {
  id: string;
  title: string;
  /** One line saying what it shows. */
  summary: string;
  expected: PaneAction;
  draft(): MockDraft;
}

const SENDER = { address: 'dana.lee@contoso.com', name: 'Dana Lee' };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function rosterAttachment(): MockAttachment {
  const bytes = buildRosterXlsx(ROSTER_MEMBERS);
  return {
    id: 'att-roster',
    name: 'MNsure-roster-2026.xlsx',
    attachmentType: 'file',
    contentType: XLSX,
    bytes,
  };
}

function rosterDraft(to: string, subject: string): MockDraft {
  return {
    subject,
    body: 'Hi,\n\nAttached is the November enrollment roster for your review.\n\nThanks,\nDana',
    from: SENDER,
    to: [{ address: to }],
    attachments: [rosterAttachment()],
  };
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'roster-broker',
    title: 'Roster to an outside broker',
    summary: `${ROSTER_MEMBERS} members with SSNs to a broker outside the organization.`,
    expected: 'block',
    draft: () => rosterDraft('j.smith@northstar-brokers.com', 'MNsure enrollment roster'),
  },
  {
    id: 'roster-partner',
    title: 'Roster to the partner',
    summary: 'The same roster to the trusted partner: it must go encrypted.',
    expected: 'encrypt',
    draft: () => rosterDraft('eligibility@fabrikam.com', 'MNsure enrollment roster'),
  },
  {
    id: 'internal-only',
    title: 'Internal only',
    summary: 'The roster to colleagues: allowed, whatever the content.',
    expected: 'allow',
    draft: () => ({
      ...rosterDraft('enrollment-team@contoso.com', 'Roster for the team'),
      cc: [{ address: 'manager@contoso.com' }],
    }),
  },
  {
    id: 'lookalike',
    title: 'Look-alike domain',
    summary: 'A reply to c0ntoso.com, a domain that imitates our own.',
    expected: 'warn',
    draft: () => ({
      subject: 'RE: Updated bank details',
      body: 'Hello,\n\nAs requested, I have updated the payment details on our side.\n\nDana',
      from: SENDER,
      to: [{ address: 'accounts@c0ntoso.com' }],
    }),
  },
  {
    id: 'marked-encrypted',
    title: 'Marked for encryption',
    summary: 'The roster to the broker with [secure] in the subject: Exchange encrypts it.',
    expected: 'allow',
    draft: () => rosterDraft('j.smith@northstar-brokers.com', '[secure] MNsure enrollment roster'),
  },
  {
    id: 'unscannable',
    title: 'Attachment that cannot be scanned',
    summary: 'A password-protected zip to an outside address.',
    expected: 'warn',
    draft: () => ({
      subject: 'Member files',
      body: 'The files are in the zip; I will call you with the password.',
      from: SENDER,
      to: [{ address: 'j.smith@northstar-brokers.com' }],
      attachments: [
        {
          id: 'att-zip',
          name: 'members.zip',
          attachmentType: 'file',
          contentType: 'application/zip',
          bytes: buildEncryptedZip(
            'members.csv',
            rosterMembers(5)
              .map((m) => `${m.name},${m.ssn}`)
              .join('\n'),
          ),
        },
      ],
    }),
  },
  {
    id: 'clean',
    title: 'Clean mail',
    summary: 'A lunch invitation to an outside friend: nothing to say.',
    expected: 'allow',
    draft: () => ({
      subject: 'Lunch on Friday?',
      body: 'Hi Sam,\n\nAre you free for lunch on Friday at noon? The usual place.\n\nDana',
      from: SENDER,
      to: [{ address: 'sam.rivera@gmail.com' }],
    }),
  },
];
