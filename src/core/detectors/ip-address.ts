import { isDigitCode, isWordCode, type Detector, type GroupStart } from '../detect/detector';

/** Characters an IPv6 address is written with: hex digits and colons. */
function isHexOrColon(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Longest IPv6 text form (8 groups of 4 and 7 colons, or 6 groups and a dotted quad): 45. */
const MAX_IPV6 = 45;

/** IPv4: a 1-3 digit group followed by a dot that does not continue a longer dotted number. */
function startsIpv4(g: GroupStart): boolean {
  if (g.len > 3 || g.next !== 46 || g.restDigits < 4 || isWordCode(g.prev) || g.prev === 58) return false;
  if (g.prev === 46 && isDigitCode(g.text.charCodeAt(g.start - 2))) return false;
  return dottedOctetsFollow(g.text, g.start + g.len);
}

/**
 * Three more dot-and-1-to-3-digit groups from `at`: decimals, versions and dotted dates ("12.50",
 * "2.4.18", "26.08.2002") stop here, before the address pattern runs.
 */
function dottedOctetsFollow(text: string, at: number): boolean {
  let i = at;
  for (let group = 0; group < 3; group++) {
    if (text.charCodeAt(i) !== 46) return false;
    let digits = 0;
    while (digits < 4 && isDigitCode(text.charCodeAt(i + 1 + digits))) digits++;
    if (digits < 1 || digits > 3) return false;
    i += 1 + digits;
  }
  return true;
}

/**
 * A colon next to the group or right after its hex group (2a00:, fe8a:): cheap, and it keeps
 * hex-heavy text without colons (base64, message ids, MIME boundaries) out of the scans below.
 */
function colonNear(g: GroupStart): boolean {
  if (g.next === 58 || g.prev === 58) return true;
  const text = g.text;
  const end = g.start + g.len;
  for (let i = end; i < end + 4; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) return true;
    if (!isHexOrColon(c)) return false;
  }
  return false;
}

/**
 * IPv6: the first digit group of a hex-and-colon token that starts a word and has the shape of an
 * address ("::" somewhere, or the seven colons of the full form); times (10:30:00) and MAC
 * addresses (5 colons) do not.
 */
function ipv6Start(g: GroupStart): number {
  if (!colonNear(g)) return -1;
  const text = g.text;
  let start = g.start;
  while (start > 0 && g.start - start < MAX_IPV6 && isHexOrColon(text.charCodeAt(start - 1))) {
    start--;
    // Only the token's first digit group triggers; later groups were handled with it.
    if (isDigitCode(text.charCodeAt(start))) return -1;
  }
  if (isWordCode(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46) return -1;
  let colons = 0;
  let doubleColon = false;
  let dotted = false;
  for (let i = start; i < start + MAX_IPV6 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) {
      colons++;
      if (text.charCodeAt(i + 1) === 58) doubleColon = true;
    } else if (c === 46) dotted = true;
    else if (!isHexOrColon(c)) break;
  }
  // Full form: 7 colons, or 6 before an embedded dotted quad (0:0:0:0:0:ffff:192.0.2.1).
  return doubleColon || colons === 7 || (colons === 6 && dotted) ? start : -1;
}

/** Where an address starts: at an IPv4 group, or back at the start of an IPv6 token; -1 if neither. */
function ipAddressStart(g: GroupStart): number {
  return startsIpv4(g) ? g.start : ipv6Start(g);
}

/** 0-255 without leading zeros. */
function octetValid(part: string): boolean {
  if (part.length === 0 || part.length > 3 || (part.length > 1 && part.charCodeAt(0) === 48)) return false;
  return Number(part) <= 255;
}

function ipv4Valid(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every(octetValid);
}

function hexGroupValid(part: string): boolean {
  if (part.length < 1 || part.length > 4) return false;
  for (let i = 0; i < part.length; i++)
    if (!isHexOrColon(part.charCodeAt(i)) || part[i] === ':') return false;
  return true;
}

/** RFC 4291 text forms: 8 groups, or fewer with one "::"; a dotted quad may stand for the last two. */
export function ipv6Valid(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups: string[] = [];
  for (const half of halves) if (half.length > 0) groups.push(...half.split(':'));
  let count = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.indexOf('.') >= 0) {
    if (!ipv4Valid(last)) return false;
    groups.pop();
    count++;
  }
  if (!groups.every(hexGroupValid)) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Splits off a CIDR suffix (/0-32 for IPv4, /0-128 for IPv6); null when it is out of range. */
function withoutPrefixLength(value: string, max: number): string | null {
  const slash = value.indexOf('/');
  if (slash < 0) return value;
  const bits = value.slice(slash + 1);
  if (bits.length > 1 && bits.charCodeAt(0) === 48) return null;
  return Number(bits) <= max ? value.slice(0, slash) : null;
}

export function ipAddressValid(value: string): boolean {
  const v6 = value.indexOf(':') >= 0;
  let address = withoutPrefixLength(value, v6 ? 128 : 32);
  if (address === null) return false;
  // The pattern's octet alternation already holds IPv4 octets to 0-255 without leading zeros.
  if (!v6) return true;
  // A zone index (fe80::1%eth0) names the local interface; the address is what precedes it.
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  return ipv6Valid(address);
}

/** Private, loopback, link-local and unspecified ranges: they name no device outside a network. */
const INTERNAL_V4 = /^(?:10\.|127\.|0\.|169\.254\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;
const INTERNAL_V6 = /^(?:::1?(?:\/|$)|f[cd]|fe[89ab])/i;

function isInternal(value: string): boolean {
  return value.indexOf(':') >= 0 ? INTERNAL_V6.test(value) : INTERNAL_V4.test(value);
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
// A port (1.2.3.4:8080) may follow an IPv4 address; another dotted digit may not.
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}(?:\\/\\d{1,2})?(?![0-9A-Za-z_]|\\.\\d)`;
// Each group is hex digits up to a colon, so a group cannot split two ways; the tail is an
// embedded dotted quad or a last group, then an optional zone index. Validation counts the groups.
const IPV6 =
  '(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?:%[0-9A-Za-z]{1,15})?(?:\\/\\d{1,3})?(?![0-9A-Za-z_:]|\\.\\d)';

export const ipAddress: Detector = {
  entity: 'IP_ADDRESS',
  description:
    'IP address: IPv4 dotted quad (octets 0-255, optional /prefix) or IPv6 full and compressed forms',
  trigger: {
    firstGroup: [1, 4],
    minDigits: 1,
    startAt: ipAddressStart,
    // IPv4 continues with a dot; IPv6 has a colon before, after, or after a few hex letters.
    near: { before: /:/, after: /[.:A-Fa-f]/ },
  },
  pattern: new RegExp(`${IPV4}|${IPV6}`, 'y'),
  validate: (_digits, value) => ipAddressValid(value),
  // No context keywords: most messages carry relay addresses in their headers, and a keyword
  // lookup would cost a pass over every text for a low-severity type.
  keywords: [],
  // No column headers either: relay headers carry thousands of addresses and a header lookup for
  // each cost +19 ms per 20 MB of ham (half this detector's cost) for a low-severity type. The
  // list, should that trade change: ['ip', 'ip address', 'ipv4', 'ipv6', 'source ip', 'client ip'].
  headers: [],
  // Presidio scores a valid address 0.6. A public address can point at a person's home or device:
  // medium; private, loopback and link-local ones name no device outside a network: low.
  score: (e) => {
    if (e.header) return 0.9;
    return isInternal(e.value) ? 0.5 : 0.7;
  },
  examples: {
    positive: [
      { text: 'connection from 203.0.113.77 refused', match: '203.0.113.77', confidence: 'medium' },
      { text: 'route 198.51.100.0/24 via the VPN', match: '198.51.100.0/24', confidence: 'medium' },
      { text: 'printer at 192.168.1.20.', match: '192.168.1.20', confidence: 'low' },
      {
        text: 'host,ip address\nweb1,2001:db8::8a2e:370:7334\n',
        match: '2001:db8::8a2e:370:7334',
        confidence: 'medium',
      },
      {
        text: 'client [2a00:1450:4007:80e::200e] connected',
        match: '2a00:1450:4007:80e::200e',
        confidence: 'medium',
      },
      {
        text: 'link fe80::1ff:fe23:4567:890a%eth0',
        match: 'fe80::1ff:fe23:4567:890a%eth0',
        confidence: 'low',
      },
      { text: 'mapped ::ffff:203.0.113.9 seen', match: '::ffff:203.0.113.9', confidence: 'medium' },
      { text: 'proxy http://203.0.113.5:8080/', match: '203.0.113.5', confidence: 'medium' },
    ],
    negative: [
      'version 1.2.3.4.5 released',
      'value 256.1.1.1 is out of range',
      'octets 01.2.3.4 with a leading zero',
      'meeting at 10:30:00 today',
      'mac 00:1a:2b:3c:4d:5e',
      'bad 1:2:3:4:5:6:7:8:9',
      'route 10.0.0.0/33',
      'x1.2.3.4',
      'hash cafe1234beef',
    ],
  },
};
