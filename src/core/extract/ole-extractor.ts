import type { ExtractOutcome, Extractor } from './extractor';
import { ExtractFailure, failSafely } from './extract-failure';
import { extractDoc } from './doc';
import { extractMsg, isOutlookMessage } from './msg';
import { OleFile, isEncryptedOfficePackage, isOleFile } from './ole';
import { extractXls } from './xls';

/**
 * Every OLE compound file starts with the same signature, so the registry routes them all here
 * by magic bytes and this extractor picks the reader by the streams inside: a password-protected
 * OOXML package (EncryptionInfo/EncryptedPackage) -> 'encrypted', 'Workbook' -> xls,
 * 'WordDocument' -> doc, message properties -> msg; anything else (PowerPoint 97, Visio, ...) is
 * 'unsupported'. The directory is parsed twice for xls/doc/msg (microseconds) to keep each
 * extractor usable on its own.
 */
export const oleExtractor: Extractor = {
  id: 'ole',
  extensions: [],
  sniff: isOleFile,
  extract(bytes, _name, context): ExtractOutcome {
    return failSafely(() => {
      const ole = new OleFile(bytes, context.limits.maxAttachmentBytes);
      if (isEncryptedOfficePackage(ole))
        throw new ExtractFailure('encrypted', 'the Office file is password-protected');
      if (ole.find('Workbook') || ole.find('Book')) return extractXls(bytes, context);
      if (ole.find('WordDocument')) return extractDoc(bytes, context);
      if (isOutlookMessage(ole)) return extractMsg(bytes, context);
      throw new ExtractFailure('unsupported', 'an OLE file that is not a workbook, document or message');
    }, 'the OLE file');
  },
};
