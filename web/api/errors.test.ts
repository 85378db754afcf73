import { describe, expect, it } from 'vitest';
import { t } from '../i18n';
import { ApiError } from './client';
import { errorMessages, fieldMessage } from './errors';

describe('error messages', () => {
  const refused = new ApiError(400, {
    code: 'VALIDATION_FAILED',
    message: 'Some fields are not valid',
    messageFa: 'برخی از اطلاعات واردشده درست نیست',
    fields: [{ field: 'username', code: 'minLength', message: 'too short', messageFa: 'نام کاربری را وارد کنید' }],
  });

  it("shows the server's Persian message and each field's", () => {
    expect(errorMessages(refused)).toEqual({
      message: 'برخی از اطلاعات واردشده درست نیست',
      fields: [{ field: 'username', message: 'نام کاربری را وارد کنید' }],
    });
    expect(fieldMessage(refused, 'username')).toBe('نام کاربری را وارد کنید');
    expect(fieldMessage(refused, 'password')).toBeUndefined();
  });

  it("puts a field the server names otherwise under the form's own input", () => {
    const gps = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'Some fields are not valid',
      messageFa: 'برخی از اطلاعات واردشده درست نیست',
      fields: [
        { field: 'gps.lat', code: 'maximum', message: 'out of range', messageFa: 'خارج از محدوده' },
        { field: 'gps.lng', code: 'maximum', message: 'out of range', messageFa: 'این هم خارج از محدوده' },
      ],
    });
    const fieldOf = (name: string) => (name.startsWith('gps.') ? 'gps' : null);
    // The first of the server's messages that lands there, as the form shows one per input.
    expect(fieldMessage(gps, 'gps', fieldOf)).toBe('خارج از محدوده');
    expect(fieldMessage(gps, 'gps.lat', fieldOf)).toBeUndefined();
    expect(fieldMessage(gps, 'gps')).toBeUndefined();
  });

  it('says so in its own words when there is no server message', () => {
    expect(errorMessages(new TypeError('Failed to fetch')).message).toBe(t.common.networkError);
    expect(errorMessages(new ApiError(502, { code: 'HTTP_502', message: 'Bad Gateway', messageFa: '' })).message).toBe(t.common.unknownError);
  });
});
