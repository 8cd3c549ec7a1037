/**
 * Renders a spreadsheet number through its Excel number format, so the engine sees what the
 * user sees: 123456789 with format 000-00-0000 reads 123-45-6789, 55416 with 00000-0000 reads
 * 00005-5416, a date serial with m/d/yyyy reads 3/14/1987. Covers digit placeholders (0 # ?),
 * literals ("x", \x, _x, -, (, ), spaces), thousands separators, decimals, percent, sections with
 * conditions ([<=9999999]###-####;(###) ###-####) and date/time tokens. Exponent and fraction
 * formats fall back to General (the digits are what matter for detection).
 */

export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'm/d/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yyyy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;(#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;(#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** General: integers in full (no exponent up to 1e21), other numbers to 10 decimal places. */
export function formatGeneral(value: number): string {
  if (!isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Math.round(value * 1e10) / 1e10);
}

/** Splits on unquoted ';'. */
function sections(code: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < code.length; i++) {
    const c = code.charAt(i);
    if (c === '"') quoted = !quoted;
    else if (c === '\\') i++;
    else if (c === ';' && !quoted) {
      out.push(code.slice(start, i));
      start = i + 1;
    }
  }
  out.push(code.slice(start));
  return out;
}

const CONDITION = /^\[(<=|>=|<>|<|>|=)(-?\d{1,15}(?:\.\d{1,15})?)\]/;

function conditionHolds(section: string, value: number): boolean | undefined {
  const m = CONDITION.exec(section);
  if (!m) return undefined;
  const bound = Number(m[2]);
  switch (m[1]) {
    case '<=':
      return value <= bound;
    case '>=':
      return value >= bound;
    case '<':
      return value < bound;
    case '>':
      return value > bound;
    case '<>':
      return value !== bound;
    default:
      return value === bound;
  }
}

/** The section for `value` and whether its sign is already expressed by the section. */
function pickSection(code: string, value: number): { section: string; signed: boolean } {
  const parts = sections(code);
  const conditional = parts.map((p) => conditionHolds(p, value));
  if (conditional.some((c) => c !== undefined)) {
    const index = conditional.findIndex((c) => c === true || c === undefined);
    const section = parts[index < 0 ? parts.length - 1 : index] as string;
    return { section, signed: false };
  }
  if (parts.length === 1 || value > 0) return { section: parts[0] as string, signed: false };
  if (value < 0) return { section: parts[1] ?? (parts[0] as string), signed: parts.length > 1 };
  return { section: parts[2] ?? (parts[0] as string), signed: false };
}

interface Token {
  kind: 'digit' | 'literal' | 'point' | 'comma' | 'percent' | 'date';
  text: string;
}

function bracketToken(content: string): Token | undefined {
  // [$€-407] currency and locale: the symbol before '-' is shown; [Red], [h] and conditions are not literal text.
  if (content.charAt(0) === '$') return { kind: 'literal', text: content.slice(1).split('-')[0] ?? '' };
  if (/^[hms]{1,4}$/i.test(content)) return { kind: 'date', text: content.toLowerCase() };
  return undefined;
}

/** Tokenized sections by format code: a sheet uses a handful of formats for thousands of cells. */
const tokenCache = new Map<string, Token[]>();
const TOKEN_CACHE_SIZE = 256;

function tokenize(section: string): Token[] {
  let tokens = tokenCache.get(section);
  if (!tokens) {
    tokens = tokenizeUncached(section);
    if (tokenCache.size >= TOKEN_CACHE_SIZE) tokenCache.clear();
    tokenCache.set(section, tokens);
  }
  return tokens;
}

function tokenizeUncached(section: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section.charAt(i);
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      tokens.push({ kind: 'literal', text: section.slice(i + 1, stop) });
      i = stop;
    } else if (c === '\\') tokens.push({ kind: 'literal', text: section.charAt(++i) });
    else if (c === '_') tokens.push({ kind: 'literal', text: (i++, ' ') });
    else if (c === '*') i++;
    else if (c === '[') {
      const end = section.indexOf(']', i);
      const stop = end < 0 ? section.length : end;
      const token = bracketToken(section.slice(i + 1, stop));
      if (token) tokens.push(token);
      i = stop;
    } else if (c === '0' || c === '#' || c === '?') tokens.push({ kind: 'digit', text: c });
    else if (c === '.') tokens.push({ kind: 'point', text: c });
    else if (c === ',') tokens.push({ kind: 'comma', text: c });
    else if (c === '%') tokens.push({ kind: 'percent', text: c });
    else if (/[ymdhsYMDHS]/.test(c)) {
      let j = i;
      while (j + 1 < section.length && section.charAt(j + 1).toLowerCase() === c.toLowerCase()) j++;
      tokens.push({ kind: 'date', text: section.slice(i, j + 1).toLowerCase() });
      i = j;
    } else if (/^(?:AM\/PM|A\/P)/i.test(section.slice(i, i + 5))) {
      const length = section.slice(i, i + 5).toUpperCase() === 'AM/PM' ? 5 : 3;
      tokens.push({ kind: 'date', text: section.slice(i, i + length).toLowerCase() });
      i += length - 1;
    } else tokens.push({ kind: 'literal', text: c });
  }
  return tokens;
}

function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits.charAt(i);
  }
  return out;
}

function renderInteger(tokens: Token[], digits: string, grouping: boolean): string {
  const placeholders = tokens.filter((t) => t.kind === 'digit');
  let source = digits === '0' && !placeholders.some((t) => t.text === '0') ? '' : digits;
  if (grouping) {
    const minimum = placeholders.filter((t) => t.text === '0').length;
    while (source.length < minimum) source = '0' + source;
    const grouped = groupThousands(source);
    const first = tokens.findIndex((t) => t.kind === 'digit');
    const prefix = tokens.slice(0, first < 0 ? 0 : first).map((t) => t.text);
    const suffix = tokens.slice(tokens.length - [...tokens].reverse().findIndex((t) => t.kind === 'digit'));
    return prefix.join('') + grouped + suffix.map((t) => (t.kind === 'digit' ? '' : t.text)).join('');
  }
  const out: string[] = [];
  let d = source.length - 1;
  let seen = 0;
  for (let k = tokens.length - 1; k >= 0; k--) {
    const token = tokens[k] as Token;
    if (token.kind !== 'digit') {
      if (token.kind === 'literal') out.push(token.text);
      continue;
    }
    seen++;
    if (d >= 0) out.push(source.charAt(d--));
    else out.push(token.text === '0' ? '0' : token.text === '?' ? ' ' : '');
    if (seen === placeholders.length && d >= 0) out.push(source.slice(0, d + 1));
  }
  return out.reverse().join('');
}

function renderNumber(section: string, value: number): string {
  const tokens = tokenize(section);
  if (!tokens.some((t) => t.kind === 'digit')) {
    return tokens.map((t) => (t.kind === 'literal' ? t.text : '')).join('') || formatGeneral(value);
  }
  let scaled = value;
  for (const t of tokens) if (t.kind === 'percent') scaled *= 100;
  const point = tokens.findIndex((t) => t.kind === 'point');
  const intTokens = point < 0 ? tokens : tokens.slice(0, point);
  const fracTokens = point < 0 ? [] : tokens.slice(point + 1);
  const decimals = fracTokens.filter((t) => t.kind === 'digit').length;
  const fixed = scaled.toFixed(decimals);
  const [intDigits = '0', fracDigits = ''] = fixed.split('.');
  const grouping = intTokens.some(
    (t, i) => t.kind === 'comma' && intTokens.slice(i + 1).some((u) => u.kind === 'digit'),
  );
  let text = renderInteger(
    intTokens.filter((t) => t.kind !== 'comma' || !grouping),
    intDigits,
    grouping,
  );
  if (point >= 0) {
    let f = 0;
    text += '.';
    for (const t of fracTokens) {
      if (t.kind === 'digit') text += fracDigits.charAt(f++);
      else if (t.kind === 'literal' || t.kind === 'percent') text += t.text;
    }
  } else {
    for (const t of intTokens) if (t.kind === 'percent') text += '%';
  }
  return text;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad2 = (n: number): string => (n < 10 ? '0' : '') + String(n);

/** A date serial as a UTC Date: 1900 system (with Excel's phantom 29 Feb 1900) or 1904 system. */
export function serialToDate(serial: number, date1904: boolean): Date {
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  return new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86400000));
}

function renderDateToken(token: string, date: Date, minute: boolean, twelveHour: boolean): string {
  const hour = date.getUTCHours();
  switch (token.charAt(0)) {
    case 'y':
      return token.length <= 2 ? pad2(date.getUTCFullYear() % 100) : String(date.getUTCFullYear());
    case 'm':
      if (minute) return token.length >= 2 ? pad2(date.getUTCMinutes()) : String(date.getUTCMinutes());
      if (token.length >= 4) return MONTH_NAMES[date.getUTCMonth()] as string;
      if (token.length === 3) return MONTHS[date.getUTCMonth()] as string;
      return token.length === 2 ? pad2(date.getUTCMonth() + 1) : String(date.getUTCMonth() + 1);
    case 'd':
      if (token.length >= 4) return DAYS[date.getUTCDay()] as string;
      if (token.length === 3) return (DAYS[date.getUTCDay()] as string).slice(0, 3);
      return token.length === 2 ? pad2(date.getUTCDate()) : String(date.getUTCDate());
    case 'h': {
      const h = twelveHour ? hour % 12 || 12 : hour;
      return token.length >= 2 ? pad2(h) : String(h);
    }
    case 's':
      return token.length >= 2 ? pad2(date.getUTCSeconds()) : String(date.getUTCSeconds());
    default:
      return hour < 12 ? (token === 'a/p' ? 'A' : 'AM') : token === 'a/p' ? 'P' : 'PM';
  }
}

function renderDate(tokens: Token[], value: number, date1904: boolean): string {
  const date = serialToDate(value, date1904);
  const twelveHour = tokens.some((t) => t.kind === 'date' && (t.text === 'am/pm' || t.text === 'a/p'));
  const dateTokens = tokens.map((t, i) => ({ t, i })).filter((x) => x.t.kind === 'date');
  return tokens
    .map((t, i) => {
      if (t.kind !== 'date') return t.kind === 'digit' || t.kind === 'comma' ? '' : t.text;
      const position = dateTokens.findIndex((x) => x.i === i);
      const before = dateTokens[position - 1]?.t.text.charAt(0);
      const after = dateTokens[position + 1]?.t.text.charAt(0);
      const minute = t.text.charAt(0) === 'm' && (before === 'h' || after === 's');
      return renderDateToken(t.text, date, minute, twelveHour);
    })
    .join('');
}

/** The text Excel shows for `value` under format `code`. */
export function formatNumber(value: number, code: string, date1904 = false): string {
  if (!isFinite(value)) return String(value);
  const trimmed = code.trim();
  if (trimmed === '' || /^general$/i.test(trimmed) || trimmed === '@') return formatGeneral(value);
  const { section, signed } = pickSection(trimmed, value);
  const tokens = tokenize(section);
  if (tokens.some((t) => t.kind === 'date') && value >= 0 && value < 2958466) {
    return renderDate(tokens, value, date1904);
  }
  if (/[eE][+-]/.test(section) || /\?\/|#\//.test(section)) return formatGeneral(value);
  const abs = Math.abs(value);
  const text = renderNumber(section, abs);
  return value < 0 && !signed ? '-' + text : text;
}
