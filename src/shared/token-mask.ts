import { randomBytes } from 'node:crypto';

/**
 * Pages are compressed, and a page that echoes what a visitor typed next to a secret lets an
 * attacker who sees the compressed sizes guess the secret a character at a time (BREACH). The CSRF
 * token is therefore written into each response under a fresh random pad: the same token, never the
 * same bytes twice. A masked token is the pad followed by the token XOR the pad, in base64url.
 */
export function maskToken(token: Buffer): string {
  const pad = randomBytes(token.length);
  const masked = Buffer.alloc(token.length * 2);
  pad.copy(masked);
  for (let i = 0; i < token.length; i += 1) masked[token.length + i] = token[i] ^ pad[i];
  return masked.toString('base64url');
}

/** The longest masked token read (the session's token is 256 characters, 683 masked); anything longer is not one. */
const MAX_MASKED = 1024;

/** The token a masked one carries, or undefined when the value cannot be one. */
export function unmaskToken(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_MASKED) return undefined;
  const masked = Buffer.from(value, 'base64url');
  if (masked.length === 0 || masked.length % 2 !== 0) return undefined;
  const half = masked.length / 2;
  const token = Buffer.alloc(half);
  for (let i = 0; i < half; i += 1) token[i] = masked[half + i] ^ masked[i];
  return token;
}
