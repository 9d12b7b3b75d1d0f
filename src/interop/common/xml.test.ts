import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeAttr, escapeText, XmlWriter } from './xml.js';

describe('XML writing', () => {
  it('escapes markup, keeps CR and tabs, drops what XML 1.0 cannot hold', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeText('x\r\ny')).toBe('x&#13;\ny');
    expect(escapeText('bell\u0007 nul\u0000')).toBe('bell nul');
    expect(escapeAttr('say "hi"\tnow\n')).toBe('say &quot;hi&quot;&#9;now&#10;');
    expect(escapeText('emoji 🙂 stays')).toBe('emoji 🙂 stays');
  });

  it('round-trips text exactly through fast-xml-parser', () => {
    const text = '  Baris <satu> & "dua"\r\n\tTiga 🙂  ';
    const w = new XmlWriter();
    w.open('root', { a: text });
    w.leaf('t', text);
    w.close('root');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', trimValues: false, parseTagValue: false, parseAttributeValue: false, htmlEntities: true }).parse(w.toString());
    expect(parsed.root.t).toBe(text);
    expect(parsed.root['@_a']).toBe(text);
  });
});
