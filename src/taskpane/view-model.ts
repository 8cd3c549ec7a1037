/**
 * From the core's verdict (and the located findings behind it) to what the pane shows. Pure: no
 * React, no Office, so it is tested in node. Only masked previews, counts, places and domains
 * pass through.
 */
import { MESSAGE_TEXTS, languageOf } from '../core/messages/message-texts';
import { renderVerdictMessage } from '../core/messages/render-verdict-message';
import { countedFindings } from '../core/policy/evaluate';
import { actionRank, type Policy, type Translations } from '../core/policy/policy';
import type { Verdict } from '../core/policy/verdict';
import type { ClassifiedRecipient } from '../core/recipients/classify-recipients';
import type { EntityId, LocatedFinding, Location, Unscanned } from '../core/types';
import type {
  AvailableActions,
  FindingView,
  PaneRecipientClass,
  PaneView,
  RecipientGroupView,
} from './pane-view';
import { stringsFor, type PaneStrings } from './strings';

/** Files per finding type, and cells or pages per file, listed before "and N more". */
export const MAX_PLACES = 6;
/** Masked samples shown per finding type. */
export const MAX_SAMPLES = 3;

/** Look-alikes first: they are the likeliest mistake. Partners last: they are expected. */
const CLASS_ORDER: Record<PaneRecipientClass, number> = {
  lookalike: 0,
  personal: 1,
  external: 2,
  partner: 3,
  internal: 4,
};

export function groupOutsideRecipients(recipients: readonly ClassifiedRecipient[]): RecipientGroupView[] {
  const byDomain = new Map<string, RecipientGroupView>();
  for (const r of recipients) {
    if (r.class === 'internal') continue;
    const key = `${r.class}:${r.domain}`;
    let group = byDomain.get(key);
    if (!group) {
      group = {
        domain: r.domain || r.address,
        recipientClass: r.class,
        addresses: [],
        lookalikeOf: r.lookalikeOf,
      };
      byDomain.set(key, group);
    }
    if (group.addresses.indexOf(r.address) < 0) group.addresses.push(r.address);
  }
  return Array.from(byDomain.values()).sort(
    (a, b) =>
      CLASS_ORDER[a.recipientClass] - CLASS_ORDER[b.recipientClass] || a.domain.localeCompare(b.domain),
  );
}

/** The part or file a finding is in: 'Subject', 'Body', 'batch.zip › roster.xlsx'. */
export function describeContainer(location: Location, strings: PaneStrings): string {
  if (location.part === 'subject') return strings.partSubject;
  if (location.part === 'body') return strings.partBody;
  const path = location.path && location.path.length > 0 ? location.path : [location.name ?? ''];
  return path.filter((p) => p.length > 0).join(' › ');
}

/** 'Subject', 'Body', or 'batch.zip › roster.xlsx › Roster!B2'. */
export function describeLocation(location: Location, strings: PaneStrings): string {
  const container = describeContainer(location, strings);
  return location.where ? `${container} › ${location.where}` : container;
}

function limited(items: string[], max: number, strings: PaneStrings): string[] {
  return items.length <= max ? items : [...items.slice(0, max), strings.andMore(items.length - max)];
}

/** One line per file: 'roster.xlsx › Roster!B2, Roster!B3, … and 114 more'. */
function placesByContainer(locations: readonly Location[], strings: PaneStrings): string[] {
  const byContainer = new Map<string, string[]>();
  for (const location of locations) {
    const container = describeContainer(location, strings);
    const wheres = byContainer.get(container) ?? [];
    if (location.where && wheres.indexOf(location.where) < 0) wheres.push(location.where);
    byContainer.set(container, wheres);
  }
  const lines = Array.from(byContainer.entries()).map(([container, wheres]) =>
    wheres.length === 0 ? container : `${container} › ${limited(wheres, MAX_PLACES, strings).join(', ')}`,
  );
  return limited(lines, MAX_PLACES, strings);
}

export function summarizeFindings(
  findings: readonly LocatedFinding[],
  locale: string | undefined,
): FindingView[] {
  const strings = stringsFor(locale);
  const names = MESSAGE_TEXTS[languageOf(locale)].entities;
  const byEntity = new Map<EntityId, { count: number; locations: Location[]; samples: string[] }>();
  for (const f of findings) {
    let entry = byEntity.get(f.entity);
    if (!entry) {
      entry = { count: 0, locations: [], samples: [] };
      byEntity.set(f.entity, entry);
    }
    entry.count++;
    entry.locations.push(f.location);
    if (entry.samples.length < MAX_SAMPLES && entry.samples.indexOf(f.preview) < 0)
      entry.samples.push(f.preview);
  }
  return Array.from(byEntity.entries())
    .map(([entity, e]) => {
      const [singular, plural] = names[entity];
      return {
        entity,
        label: e.count === 1 ? singular : plural,
        count: e.count,
        places: placesByContainer(e.locations, strings),
        samples: e.samples,
      };
    })
    .sort((a, b) => b.count - a.count || a.entity.localeCompare(b.entity));
}

function translate(texts: Translations, locale: string | undefined): string {
  const language = languageOf(locale);
  return texts[locale ?? ''] ?? texts[language] ?? texts.en ?? Object.values(texts)[0] ?? '';
}

export function availableActions(verdict: Verdict, counted: readonly LocatedFinding[]): AvailableActions {
  if (verdict.action === 'allow') {
    return {
      encrypt: false,
      removeOutside: false,
      redact: false,
      justify: false,
      reportFalsePositive: false,
    };
  }
  const outside = verdict.recipients.some((r) => r.class !== 'internal');
  return {
    // Offered when marking the message would make it (more) sendable.
    encrypt: verdict.encryptionRequired || actionRank(verdict.actionIfEncrypted) < actionRank(verdict.action),
    removeOutside: outside,
    redact: counted.some((f) => f.location.part === 'body'),
    justify: verdict.canJustify,
    reportFalsePositive: counted.length > 0 || verdict.lookalikes.length > 0,
  };
}

/** 'batch.zip › members.zip': the archive path, ending with the item itself. */
function unscannedName(item: Unscanned): string {
  const path = item.path ? [...item.path] : [];
  if (path[path.length - 1] !== item.name) path.push(item.name);
  return path.join(' › ');
}

/** The whole pane view for a verdict. `findings` are the scan's located findings (masked previews). */
export function toPaneView(
  verdict: Verdict,
  findings: readonly LocatedFinding[],
  policy: Policy,
  locale: string | undefined,
): PaneView {
  const counted = countedFindings(findings, policy);
  return {
    action: verdict.action,
    message: renderVerdictMessage(verdict, locale, { custom: policy.messages }).text,
    recipientGroups: groupOutsideRecipients(verdict.recipients),
    findings: summarizeFindings(counted, locale),
    unscanned: verdict.unscanned.map((u) => ({ name: unscannedName(u), reason: u.reason })),
    actions: availableActions(verdict, counted),
    justificationReasons: verdict.justificationReasons.map((r) => ({
      id: r.id,
      text: translate(r.text, locale),
    })),
    allowFreeText: verdict.allowFreeText,
    rules: verdict.rules,
  };
}
