import type { ExtractedText } from './extractor';
import { cellName } from './table-text';
import { RECORD, u16, unicodeString, type BiffRecord } from './xls-records';

/**
 * Text of a BIFF8 worksheet that is not in its cells: the page header and footer (HEADER,
 * FOOTER), notes (NOTE -> OBJ id -> TXO text in the following CONTINUE) and text boxes (TXO of an
 * OBJ of type text box). Fed the sheet's records in order by the sheet reader.
 */

const OBJECT_TYPE_TEXT_BOX = 0x06;
const OBJECT_TYPE_NOTE = 0x19;
const FT_CMO = 0x15;

export class SheetExtras {
  private header = '';
  private footer = '';
  private readonly objectText = new Map<number, string>();
  private readonly textBoxes: string[] = [];
  private readonly notes: Array<{ row: number; col: number; id: number }> = [];
  private lastObject: { id: number; type: number } | undefined;
  private pendingTxo: { id: number; type: number; chars: number } | undefined;

  take(record: BiffRecord): void {
    const data = record.data;
    switch (record.type) {
      case RECORD.HEADER:
        if (data.length > 0) this.header = unicodeString(data, 0).text;
        break;
      case RECORD.FOOTER:
        if (data.length > 0) this.footer = unicodeString(data, 0).text;
        break;
      case RECORD.OBJ:
        // The first subrecord is FtCmo: ft, cb, ot (object type), id.
        this.lastObject =
          data.length >= 8 && u16(data, 0) === FT_CMO ? { type: u16(data, 4), id: u16(data, 6) } : undefined;
        break;
      case RECORD.TXO:
        this.pendingTxo =
          this.lastObject && data.length >= 12 ? { ...this.lastObject, chars: u16(data, 10) } : undefined;
        break;
      case RECORD.CONTINUE:
        this.txoText(data);
        break;
      case RECORD.NOTE:
        if (data.length >= 8) this.notes.push({ row: u16(data, 0), col: u16(data, 2), id: u16(data, 6) });
        break;
    }
  }

  /** The first CONTINUE after a TXO holds its characters: a width flag byte, then the text. */
  private txoText(data: Uint8Array): void {
    const txo = this.pendingTxo;
    this.pendingTxo = undefined;
    if (!txo || data.length < 1) return;
    const wide = ((data[0] as number) & 1) === 1;
    const count = Math.min(txo.chars, Math.floor((data.length - 1) / (wide ? 2 : 1)));
    let text = '';
    for (let i = 0; i < count; i++) {
      text += String.fromCharCode(
        wide ? (data[1 + i * 2] as number) | ((data[2 + i * 2] as number) << 8) : (data[1 + i] as number),
      );
    }
    if (txo.type === OBJECT_TYPE_NOTE) this.objectText.set(txo.id, text);
    else if (txo.type === OBJECT_TYPE_TEXT_BOX) this.textBoxes.push(text);
  }

  /** Texts located as 'Sheet1 header', 'Sheet1!B2 note', 'Sheet1 text box'. */
  texts(sheet: string): ExtractedText[] {
    const out: ExtractedText[] = [];
    if (this.header.trim() !== '') out.push({ text: this.header, where: `${sheet} header` });
    if (this.footer.trim() !== '') out.push({ text: this.footer, where: `${sheet} footer` });
    for (const note of this.notes) {
      const text = this.objectText.get(note.id);
      if (text && text.trim() !== '')
        out.push({ text, where: `${sheet}!${cellName(note.row, note.col)} note` });
    }
    for (const text of this.textBoxes) if (text.trim() !== '') out.push({ text, where: `${sheet} text box` });
    return out;
  }
}
