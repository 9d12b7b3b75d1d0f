import { inflateRawSync } from 'node:zlib';

/**
 * Evidence files are typed by their content, never by their name or the
 * client's Content-Type. Accepted: PDF, PNG, JPEG, GIF, WebP, Office Open XML
 * documents (DOCX, XLSX, PPTX — a ZIP whose [Content_Types].xml declares the
 * main part; macro-enabled variants are refused) and OpenDocument text and
 * spreadsheets (ODT, ODS — a ZIP whose "mimetype" entry says so; documents
 * carrying Basic macros or scripts are refused). Everything else — HTML, SVG,
 * executables, archives — is refused.
 */

export interface EvidenceType {
  mediaType: string;
  extension: string;
}

export const EVIDENCE_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
} as const;

const OOXML_MAIN: [string, keyof typeof EVIDENCE_TYPES][] = [
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', 'docx'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'xlsx'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', 'pptx'],
];

function startsWith(buf: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  return bytes.every((b, i) => buf[offset + i] === b);
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function sniffEvidenceType(input: Uint8Array): EvidenceType | null {
  const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const of = (ext: keyof typeof EVIDENCE_TYPES): EvidenceType => ({ mediaType: EVIDENCE_TYPES[ext], extension: ext });
  if (startsWith(buf, ascii('%PDF-'))) return of('pdf');
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return of('png');
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return of('jpg');
  if (startsWith(buf, ascii('GIF87a')) || startsWith(buf, ascii('GIF89a'))) return of('gif');
  if (startsWith(buf, ascii('RIFF')) && startsWith(buf, ascii('WEBP'), 8)) return of('webp');
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    const ext = officeTypeOfZip(buf);
    return ext ? of(ext) : null;
  }
  return null;
}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const MAX_PART = 1024 * 1024;

/** Reads the central directory; null when the archive is malformed, ZIP64 or encrypted. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const minEocd = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= minEocd; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdOffset + cdSize > buf.length) return null;
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > buf.length) return null;
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (flags & 0x1) return null; // encrypted
    entries.push({ name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readEntry(buf: Buffer, e: ZipEntry): Buffer | null {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + e.compressedSize;
  if (end > buf.length || e.size > MAX_PART) return null;
  const data = buf.subarray(start, end);
  try {
    if (e.method === 0) return data;
    if (e.method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART });
  } catch {
    return null;
  }
  return null;
}

function officeTypeOfZip(buf: Buffer): keyof typeof EVIDENCE_TYPES | null {
  const entries = zipEntries(buf);
  if (!entries) return null;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const types = byName.get('[Content_Types].xml');
  if (types) {
    const xml = readEntry(buf, types)?.toString('utf8');
    if (!xml) return null;
    if (/vbaProject|macroEnabled/i.test(xml) || entries.some((e) => /vbaProject\.bin$/i.test(e.name))) return null;
    for (const [contentType, ext] of OOXML_MAIN) {
      if (xml.includes(`ContentType="${contentType}"`)) return ext;
    }
    return null;
  }
  const mimetype = byName.get('mimetype');
  if (mimetype) {
    const value = readEntry(buf, mimetype)?.toString('ascii').trim();
    if (entries.some((e) => /^(Basic|Scripts)\//.test(e.name))) return null;
    if (value === EVIDENCE_TYPES.odt) return 'odt';
    if (value === EVIDENCE_TYPES.ods) return 'ods';
  }
  return null;
}
