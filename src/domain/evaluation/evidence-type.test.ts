import { describe, expect, it } from 'vitest';
import { sniffEvidenceType, EVIDENCE_TYPES } from './evidence-type.js';
import { FILES, makeZip } from '../../../test/evaluation/files.js';

describe('evidence type by content', () => {
  it.each([
    ['pdf', FILES.pdf(), EVIDENCE_TYPES.pdf],
    ['png', FILES.png(), EVIDENCE_TYPES.png],
    ['jpeg', FILES.jpeg(), EVIDENCE_TYPES.jpg],
    ['gif', FILES.gif(), EVIDENCE_TYPES.gif],
    ['webp', FILES.webp(), EVIDENCE_TYPES.webp],
    ['docx', FILES.docx(), EVIDENCE_TYPES.docx],
    ['xlsx', FILES.xlsx(), EVIDENCE_TYPES.xlsx],
    ['pptx', FILES.pptx(), EVIDENCE_TYPES.pptx],
    ['odt', FILES.odt(), EVIDENCE_TYPES.odt],
    ['ods', FILES.ods(), EVIDENCE_TYPES.ods],
  ])('accepts %s', (_, bytes, mediaType) => {
    expect(sniffEvidenceType(bytes)?.mediaType).toBe(mediaType);
  });

  it.each([
    ['html', FILES.html()],
    ['svg', FILES.svg()],
    ['exe', FILES.exe()],
    ['text', FILES.text()],
    ['plain zip', FILES.zip()],
    ['macro-enabled docm', FILES.docm()],
    ['odt with Basic macros', FILES.odtWithMacro()],
    ['empty', Buffer.alloc(0)],
    ['truncated zip', FILES.docx().subarray(0, 40)],
    ['zip header only', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  ])('refuses %s', (_, bytes) => {
    expect(sniffEvidenceType(bytes)).toBeNull();
  });

  it('refuses a zip whose [Content_Types].xml would inflate without bound', () => {
    const bomb = makeZip([{ name: '[Content_Types].xml', data: Buffer.alloc(5 * 1024 * 1024, 0x20), deflate: true }]);
    expect(bomb.length).toBeLessThan(20000);
    expect(sniffEvidenceType(bomb)).toBeNull();
  });
});
