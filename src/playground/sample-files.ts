/**
 * Sample attachments for the playground, made in the browser: a member roster spreadsheet (a
 * real .xlsx, zipped with fflate) and an encrypted zip the scanner cannot open. Every person,
 * number and address in them is made up; the SSNs are well-formed but generated.
 */
import { strToU8, zipSync } from 'fflate';

export interface RosterMember {
  name: string;
  ssn: string;
  dateOfBirth: string;
  plan: string;
}

const FIRST = [
  'Ava',
  'Ben',
  'Carla',
  'Dev',
  'Elena',
  'Femi',
  'Greta',
  'Hugo',
  'Iris',
  'Jonas',
  'Kai',
  'Lena',
];
const LAST = ['Berg', 'Nguyen', 'Olson', 'Haddad', 'Johnson', 'Moreno', 'Larsen', 'Yang', 'Peterson', 'Ali'];
const PLANS = ['Silver 2500', 'Gold 1000', 'Bronze 6000', 'MinnesotaCare'];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Deterministic members with valid-shaped SSNs (area 100-665, group and serial never zero). */
export function rosterMembers(count: number): RosterMember[] {
  const members: RosterMember[] = [];
  for (let i = 0; i < count; i++) {
    const area = 101 + ((i * 37) % 560);
    const group = 1 + ((i * 13) % 98);
    const serial = 1001 + ((i * 7919) % 8998);
    members.push({
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      ssn: `${pad(area, 3)}-${pad(group, 2)}-${pad(serial, 4)}`,
      dateOfBirth: `19${50 + (i % 50)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`,
      plan: PLANS[i % PLANS.length] as string,
    });
  }
  return members;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(index: number): string {
  return String.fromCharCode(65 + index);
}

/** A one-sheet workbook with shared strings, the layout Excel itself writes. */
export function buildXlsx(sheetName: string, rows: string[][]): Uint8Array {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const sharedIndex = (text: string) => {
    let index = indexOf.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      indexOf.set(text, index);
    }
    return index;
  };
  const sheetRows = rows
    .map((row, r) => {
      const cells = row.map(
        (text, c) => `<c r="${columnName(c)}${r + 1}" t="s"><v>${sharedIndex(text)}</v></c>`,
      );
      return `<row r="${r + 1}">${cells.join('')}</row>`;
    })
    .join('');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}" xmlns:r="${rel}">` +
      `<sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}"><sheetData>${sheetRows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${ns}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('') +
      '</sst>',
  };
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) entries[path] = strToU8(text);
  return zipSync(entries);
}

/** The MNsure enrollment roster: name, SSN, date of birth and plan for each member. */
export function buildRosterXlsx(count: number): Uint8Array {
  const rows = [['Member name', 'SSN', 'Date of birth', 'Plan']];
  for (const m of rosterMembers(count)) rows.push([m.name, m.ssn, m.dateOfBirth, m.plan]);
  return buildXlsx('Roster', rows);
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;

/**
 * A zip whose entries carry the "encrypted" flag (general purpose bit 0), as a password-protected
 * zip does. Nothing can read it without the password, and the scanner must say so.
 */
export function buildEncryptedZip(name: string, text: string): Uint8Array {
  const zip = zipSync({ [name]: strToU8(text) }, { level: 0 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let offset = 0; offset + 4 <= zip.length; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === LOCAL_HEADER) view.setUint16(offset + 6, view.getUint16(offset + 6, true) | 1, true);
    if (signature === CENTRAL_HEADER) view.setUint16(offset + 8, view.getUint16(offset + 8, true) | 1, true);
  }
  return zip;
}
