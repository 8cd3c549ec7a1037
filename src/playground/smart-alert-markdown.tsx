/**
 * Renders the Markdown subset Smart Alerts dialogs support (bold, italic, bullets, numbered lists,
 * https links, blank-line paragraphs) as React elements. No HTML is ever injected.
 */
import type { ReactNode } from 'react';

/** **bold**, _italic_, [text](https://...) and \-escapes; no nesting beyond that, like Outlook. */
const INLINE =
  /\\(.)|\*\*([^*]{1,500})\*\*|_([^_]{1,500})_|\[([^\]]{1,500})\]\((https:\/\/[^)\s]{1,2000})\)/g;

export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  INLINE.lastIndex = 0;
  for (let match = INLINE.exec(text); match; match = INLINE.exec(text)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [, escaped, bold, italic, linkText, href] = match;
    if (escaped !== undefined) out.push(escaped);
    else if (bold !== undefined) out.push(<strong key={key++}>{bold}</strong>);
    else if (italic !== undefined) out.push(<em key={key++}>{italic}</em>);
    else if (linkText !== undefined)
      out.push(
        <a key={key++} href={href} target="_blank" rel="noreferrer">
          {linkText}
        </a>,
      );
    last = INLINE.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function renderBlock(block: string, index: number): ReactNode {
  const lines = block.split(/\r\n|\r|\n/).filter((line) => line.trim().length > 0);
  if (lines.length > 0 && lines.every((line) => /^- /.test(line))) {
    return (
      <ul key={index}>
        {lines.map((line, i) => (
          <li key={i}>{renderInline(line.slice(2))}</li>
        ))}
      </ul>
    );
  }
  if (lines.length > 0 && lines.every((line) => /^\d{1,3}\. /.test(line))) {
    return (
      <ol key={index}>
        {lines.map((line, i) => (
          <li key={i}>{renderInline(line.replace(/^\d{1,3}\. /, ''))}</li>
        ))}
      </ol>
    );
  }
  return <p key={index}>{renderInline(lines.join(' '))}</p>;
}

export function SmartAlertMarkdown({ markdown }: { markdown: string }) {
  return <>{markdown.split(/\n\n/).map(renderBlock)}</>;
}
