import type { MessageKey, Policy, Translations } from '../policy/policy';
import type { OutsideClass, Verdict } from '../policy/verdict';
import type { EntityId } from '../types';
import { MESSAGE_TEXTS, languageOf, type MessageTexts } from './message-texts';

/** Smart Alerts limits: errorMessage and errorMessageMarkdown at most 500 characters, cancelLabel 20. */
export const MESSAGE_LIMIT = 500;
export const BUTTON_LIMIT = 20;
export const TITLE_LIMIT = 100;
/** A custom lead sentence longer than this is cut so the facts still fit. */
const CUSTOM_LEAD_LIMIT = 240;

export interface VerdictMessage {
  title: string;
  /** Plain text for errorMessage. */
  text: string;
  /** The same in Smart Alerts' Markdown subset, for errorMessageMarkdown. */
  markdown: string;
  buttonLabel: string;
}

export interface RenderOptions {
  /** The policy's custom texts (policy.messages). */
  custom?: Policy['messages'];
}

/** How much of each list fits: tried from the most generous to the tightest. */
const FIT_LEVELS: ReadonlyArray<{ items: number; chars: number; optional: boolean }> = [
  { items: 12, chars: 60, optional: true },
  { items: 6, chars: 40, optional: true },
  { items: 4, chars: 32, optional: true },
  { items: 3, chars: 24, optional: true },
  { items: 2, chars: 20, optional: true },
  { items: 1, chars: 16, optional: true },
  { items: 1, chars: 16, optional: false },
];

type Level = (typeof FIT_LEVELS)[number];

/** Cuts to at most `max` characters (code points kept whole), marking the cut with an ellipsis. */
export function shorten(value: string, max: number): string {
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+!|<>~]/g;

function escapeMarkdown(value: string): string {
  return value.replace(MARKDOWN_SPECIAL, (ch) => '\\' + ch);
}

function pickTranslation(texts: Translations | undefined, locale: string | undefined): string | undefined {
  if (!texts) return undefined;
  const exact = (locale ?? '').replace('_', '-');
  const primary = exact.split('-')[0] ?? '';
  return texts[exact] ?? texts[primary] ?? texts.en;
}

interface Renderer {
  t: MessageTexts;
  level: Level;
  esc: (value: string) => string;
}

/** "a, b, c and 4 more": at most level.items entries, each at most level.chars long. */
function list(items: readonly string[], r: Renderer, raw = false): string {
  const shown = items
    .slice(0, r.level.items)
    .map((item) => (raw ? item : r.esc(shorten(item, r.level.chars))));
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${r.t.andMore.replace('{n}', String(rest))}`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${r.t.and} ${shown[shown.length - 1]}`;
}

function entityPhrases(verdict: Verdict, t: MessageTexts): string[] {
  const entries = Object.keys(verdict.counts).map(
    (id) => [id as EntityId, verdict.counts[id as EntityId] ?? 0] as const,
  );
  entries.sort((a, b) => b[1] - a[1]);
  return entries.map(([id, n]) => `${n} ${t.entities[id][n === 1 ? 0 : 1]}`);
}

function placeNames(verdict: Verdict, t: MessageTexts): string[] {
  const places: string[] = [];
  if (verdict.locations.subject > 0) places.push(t.subject);
  if (verdict.locations.body > 0) places.push(t.body);
  for (const a of verdict.locations.attachments) places.push(a.name);
  return places;
}

function foundSection(verdict: Verdict, r: Renderer): string | null {
  const phrases = entityPhrases(verdict, r.t);
  if (phrases.length === 0) return null;
  const places = placeNames(verdict, r.t);
  // Built-in place names (the subject, the body) need no escaping or shortening; file names do.
  const shownPlaces = places.map((p, i) =>
    i < (verdict.locations.subject > 0 ? 1 : 0) + (verdict.locations.body > 0 ? 1 : 0)
      ? p
      : r.esc(shorten(p, r.level.chars)),
  );
  const where = places.length > 0 ? ` ${r.t.inPlaces} ${list(shownPlaces, r, true)}` : '';
  return `${r.t.found}${r.t.colon}${list(phrases, r, true)}${where}.`;
}

function lookalikeSection(verdict: Verdict, r: Renderer): string | null {
  if (verdict.lookalikes.length === 0) return null;
  const first = verdict.lookalikes[0] as { domain: string; of: string };
  const sentence = r.t.looksLike
    .replace('{domain}', r.esc(shorten(first.domain, r.level.chars)))
    .replace('{of}', r.esc(shorten(first.of, r.level.chars)));
  const rest = verdict.lookalikes.length - 1;
  return rest > 0 ? `${sentence} (+${rest})` : sentence;
}

function outsideSection(verdict: Verdict, r: Renderer): string | null {
  const order: OutsideClass[] = ['personal', 'external', 'partner'];
  const items: string[] = [];
  for (const cls of order)
    for (const domain of verdict.outsideDomains[cls])
      items.push(`${r.esc(shorten(domain, r.level.chars))} (${r.t.classes[cls]})`);
  if (items.length === 0) return null;
  return `${r.t.outside}${r.t.colon}${list(items, r, true)}.`;
}

function unscannedSection(verdict: Verdict, r: Renderer): string | null {
  if (verdict.unscanned.length === 0) return null;
  const items = verdict.unscanned.map(
    (u) => `${r.esc(shorten(u.name, r.level.chars))} (${r.t.unscannedReasons[u.reason]})`,
  );
  return `${r.t.unscanned}${r.t.colon}${list(items, r, true)}.`;
}

function leadSentence(verdict: Verdict, t: MessageTexts, custom: string | undefined): string {
  if (custom) return shorten(custom, CUSTOM_LEAD_LIMIT);
  if (verdict.action === 'encrypt') return t.lead.encrypt + (verdict.canJustify ? t.orJustify : '') + '.';
  if (verdict.action === 'block' && verdict.actionIfEncrypted === 'allow')
    return `${t.lead.block} ${t.markForEncryption}`;
  return t.lead[verdict.action];
}

function compose(verdict: Verdict, r: Renderer, lead: string, markdown: boolean): string {
  const parts: (string | null)[] = [
    markdown ? `**${r.esc(lead)}**` : lead,
    foundSection(verdict, r),
    lookalikeSection(verdict, r),
    r.level.optional ? outsideSection(verdict, r) : null,
    r.level.optional ? unscannedSection(verdict, r) : null,
    verdict.scanFailed ? r.t.scanIncomplete : null,
  ];
  return parts.filter((p): p is string => p !== null).join('\n\n');
}

function fit(verdict: Verdict, t: MessageTexts, lead: string, markdown: boolean): string {
  const esc = markdown ? escapeMarkdown : (value: string): string => value;
  for (const level of FIT_LEVELS) {
    const out = compose(verdict, { t, level, esc }, lead, markdown);
    if (out.length <= MESSAGE_LIMIT) return out;
  }
  // Only a pathological custom lead gets here: keep what fits, whole code points.
  const last = compose(
    verdict,
    { t, level: FIT_LEVELS[FIT_LEVELS.length - 1] as Level, esc },
    lead,
    markdown,
  );
  return shorten(last, MESSAGE_LIMIT);
}

/**
 * The words Outlook shows for a verdict: counts, kinds of data, attachment names and outside
 * domains, never the values. Lists shrink to "and N more" until both texts fit 500 characters.
 */
export function renderVerdictMessage(
  verdict: Verdict,
  locale?: string,
  options: RenderOptions = {},
): VerdictMessage {
  const t = MESSAGE_TEXTS[languageOf(locale)];
  const action: MessageKey = verdict.action === 'allow' ? 'title' : verdict.action;
  const customLead =
    verdict.action === 'allow' ? undefined : pickTranslation(options.custom?.[action], locale);
  const lead = leadSentence(verdict, t, customLead);
  const title = pickTranslation(options.custom?.title, locale) ?? t.title[verdict.action];
  return {
    title: shorten(title, TITLE_LIMIT),
    text: fit(verdict, t, lead, false),
    markdown: fit(verdict, t, lead, true),
    buttonLabel: shorten(t.button[verdict.action], BUTTON_LIMIT),
  };
}
