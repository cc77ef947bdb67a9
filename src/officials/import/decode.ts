import iconv from 'iconv-lite';
import { ImportRefused } from './refusal';
import { turn } from './turns';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Byte signatures of files people rename to .csv by mistake. */
const SIGNATURES: { bytes: number[]; reason: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], reason: 'officials:refused.excel' }, // .xlsx/.ods (a zip)
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], reason: 'officials:refused.excel' }, // .xls
  { bytes: [0x25, 0x50, 0x44, 0x46], reason: 'officials:refused.pdf' }, // %PDF
];

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * The text of an uploaded file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252
 * (Open North's Represent files). Binary files, NUL bytes and bytes that are neither are refused
 * rather than turned into U+FFFD. Decoded a piece at a time, with a turn of the event loop between.
 */
export async function decode(bytes: Buffer): Promise<{ text: string; encoding: Encoding }> {
  if (bytes.length === 0) throw new ImportRefused('officials:refused.empty');
  for (const s of SIGNATURES) if (startsWith(bytes, s.bytes)) throw new ImportRefused(s.reason);
  if (startsWith(bytes, [0xff, 0xfe])) return { text: await utf16(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: await utf16(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (bytes.includes(0)) throw new ImportRefused('officials:refused.nul');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const text = await utf8(body);
  if (text !== undefined) return { text, encoding: 'utf-8' };
  // Not UTF-8: Windows-1252, unless it holds bytes that codec leaves undefined.
  if ([0x81, 0x8d, 0x8f, 0x90, 0x9d].some((b) => body.includes(b))) throw new ImportRefused('officials:refused.encoding');
  return { text: await inPieces(body, (piece) => iconv.decode(piece, 'windows-1252')), encoding: 'windows-1252' };
}

/** Bytes decoded between two turns of the event loop: a few milliseconds' work. */
const PIECE = 256 * 1024;

/** Decodes piece by piece; `PIECE` is even, so that no UTF-16 code unit is cut in two. */
async function inPieces(bytes: Buffer, decodePiece: (piece: Buffer) => string): Promise<string> {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += PIECE) {
    parts.push(decodePiece(bytes.subarray(at, at + PIECE)));
    await turn();
  }
  return parts.join('');
}

/** The text, or undefined when the bytes are not UTF-8 (the decoder keeps a character cut between pieces). */
async function utf8(body: Buffer): Promise<string | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    const text = await inPieces(body, (piece) => decoder.decode(piece, { stream: true }));
    return text + decoder.decode();
  } catch {
    return undefined;
  }
}

async function utf16(body: Buffer, encoding: 'utf-16le' | 'utf-16be'): Promise<string> {
  if (body.length % 2 !== 0) throw new ImportRefused('officials:refused.encoding');
  // Each code unit stands alone, so pieces decode independently; a pair cut between two joins up again.
  const text = await inPieces(body, (piece) => iconv.decode(piece, encoding, { stripBOM: false }));
  if (text.includes('\u0000')) throw new ImportRefused('officials:refused.nul');
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) throw new ImportRefused('officials:refused.encoding');
  return text;
}
