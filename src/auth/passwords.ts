import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const COMMON = new Set<string>((dictionary['passwords-common']).map((p) => p.toLowerCase()));

/** The same password typed on two keyboards is the same password. */
const normalise = (password: string) => password.normalize('NFC');

/**
 * "aaaaaaaaaaaa" or twelve spaces pass the length rule and fall to the first guess of any cracker.
 * Only spaces also counts whitespace of other kinds (tabs, no-break spaces). Linear: one pass.
 */
function isOneCharacterRepeated(password: string): boolean {
  const chars = [...normalise(password)];
  if (chars.every((c) => /\s/u.test(c))) return true;
  return chars.every((c) => c === chars[0]);
}

/** A message key saying what is wrong with a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...normalise(password)].length; // characters, not UTF-16 units
  if (length < PASSWORD_MIN) return 'auth:password.tooShort';
  if (length > PASSWORD_MAX) return 'auth:password.tooLong';
  if (isOneCharacterRepeated(password)) return 'auth:password.repeated';
  if (COMMON.has(password.toLowerCase())) return 'auth:password.common';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(normalise(password), { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX * 4) return false;
  try {
    return await argon2.verify(hash, normalise(password));
  } catch {
    return false;
  }
}

/** Checked when the email is unknown, so that the answer takes as long as for a real account. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that matches nothing');
  return decoy;
}
