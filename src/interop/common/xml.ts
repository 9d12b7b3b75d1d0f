/**
 * Careful XML text: escapes markup characters, keeps carriage returns and tabs
 * as character references (so parsers do not normalise them away) and drops
 * characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates).
 */
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(INVALID, '');
}

export function escapeText(s: string): string {
  return xmlSafe(s).replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttr(s: string): string {
  return xmlSafe(s).replace(/[&<>"\r\n\t]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === '\r' ? '&#13;' : c === '\n' ? '&#10;' : '&#9;',
  );
}

/** A small streaming-style writer: open/close tags with attributes, text leaves, indentation. */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private depth = 0;

  private attrs(a: Record<string, string | undefined>): string {
    return Object.entries(a)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttr(v!)}"`)
      .join('');
  }

  open(tag: string, a: Record<string, string | undefined> = {}): this {
    this.parts.push(`${'  '.repeat(this.depth)}<${tag}${this.attrs(a)}>\n`);
    this.depth++;
    return this;
  }

  close(tag: string): this {
    this.depth--;
    this.parts.push(`${'  '.repeat(this.depth)}</${tag}>\n`);
    return this;
  }

  leaf(tag: string, text: string, a: Record<string, string | undefined> = {}): this {
    this.parts.push(`${'  '.repeat(this.depth)}<${tag}${this.attrs(a)}>${escapeText(text)}</${tag}>\n`);
    return this;
  }

  empty(tag: string, a: Record<string, string | undefined> = {}): this {
    this.parts.push(`${'  '.repeat(this.depth)}<${tag}${this.attrs(a)}/>\n`);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
