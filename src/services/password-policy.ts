import { dictionary } from '@zxcvbn-ts/language-common';
import type { FieldError } from './problem.js';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | undefined;
/** About 49,000 passwords seen most often in breaches (the zxcvbn-ts common list). */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** ASVS 2.1: length over composition rules, and no known-breached or self-evident passwords. */
export function passwordErrors(password: string, username: string): FieldError[] {
  const errors: FieldError[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    errors.push({ field: 'password', rule: 'min', message: `A password has at least ${MIN_PASSWORD_LENGTH} characters.` });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    errors.push({ field: 'password', rule: 'max', message: `A password has at most ${MAX_PASSWORD_LENGTH} characters.` });
  }
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) {
    errors.push({ field: 'password', rule: 'common-password', message: 'This password is on the list of commonly used passwords.' });
  }
  if (username.length >= 3 && lower.includes(username.toLowerCase())) {
    errors.push({ field: 'password', rule: 'contains-username', message: 'A password must not contain the username.' });
  }
  if (/^(.)\1+$/.test(password)) {
    errors.push({ field: 'password', rule: 'repetitive', message: 'A password must not be one character repeated.' });
  }
  return errors;
}
