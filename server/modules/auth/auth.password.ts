/**
 * What a staff password must be (ASVS 2.1): at least 10 characters, not one of the 10,000 most
 * common passwords (zxcvbn-ts's ranked list, shipped in the package, compared case-insensitively),
 * not the username, and not one character repeated. Length alone is checked by the route schema too.
 */
import { fieldError, type FieldError } from '../../platform/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
const COMMON_COUNT = 10_000;

let common: Set<string> | null = null;
/** The list is read when a password is first set, not at start. */
async function commonPasswords(): Promise<Set<string>> {
  if (!common) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    common = new Set(dictionary['passwords-common'].slice(0, COMMON_COUNT).map((p) => p.toLowerCase()));
  }
  return common;
}

/** The field error for a password that breaks the policy, or null. */
export async function passwordProblem(field: string, password: string, username: string): Promise<FieldError | null> {
  const lower = password.toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return fieldError(field, 'too_short', `Must be at least ${MIN_PASSWORD_LENGTH} characters`, 'گذرواژه باید دست‌کم ۱۰ نویسه باشد');
  }
  if (new Set(password).size === 1) {
    return fieldError(field, 'one_character', 'Must not be one character repeated', 'گذرواژه نباید تکرار یک نویسه باشد');
  }
  if (username && lower.includes(username.toLowerCase())) {
    return fieldError(field, 'contains_username', 'Must not contain the username', 'گذرواژه نباید نام کاربری را در خود داشته باشد');
  }
  if ((await commonPasswords()).has(lower)) {
    return fieldError(field, 'common_password', 'Is one of the most common passwords', 'این گذرواژه از رایج‌ترین گذرواژه‌هاست؛ گذرواژه دیگری برگزینید');
  }
  return null;
}
