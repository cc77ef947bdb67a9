import { MAX_LENGTH, NUL_FIELD, text } from '../shared/validation';
import { PASSWORD_MAX } from './passwords';

/**
 * What the sign-in form holds that no account can match, found before the password is checked and
 * before the throttle counts anything: an e-mail longer than an address can be, or a NUL byte
 * (which PostgreSQL refuses in text). An empty field is left to the usual "invalid" answer.
 */
export function signInProblems(body: Record<string, unknown>): { values: { email: string }; errors: Record<string, string> } | undefined {
  const email = text(body.email, MAX_LENGTH.email);
  const password = typeof body.password === 'string' ? body.password : '';
  const errors: Record<string, string> = {};
  if (email.length > MAX_LENGTH.email) errors.email = 'auth:login.emailTooLong';
  else if (email.includes('\0')) errors.email = NUL_FIELD;
  if (password.length > PASSWORD_MAX * 4) errors.password = 'auth:password.tooLong';
  else if (password.includes('\0')) errors.password = NUL_FIELD;
  if (!Object.keys(errors).length) return undefined;
  return { values: { email: email.slice(0, MAX_LENGTH.email).replaceAll('\0', '\ufffd') }, errors };
}
