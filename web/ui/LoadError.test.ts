import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { isNotFound } from './LoadError';

const refusal = (status: number, fields?: string[]) =>
  new ApiError(status, { code: status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', message: 'x', messageFa: 'x', ...(fields ? { fields: fields.map((field) => ({ field, code: 'format', message: 'x', messageFa: 'x' })) } : {}) });

describe('a record that could not be loaded', () => {
  it('is not found for a 404 and for a malformed id in the address, an error otherwise', () => {
    expect(isNotFound(refusal(404))).toBe(true);
    expect(isNotFound(refusal(400, ['id']))).toBe(true);
    expect(isNotFound(refusal(400, ['id', 'page']))).toBe(false);
    expect(isNotFound(refusal(400))).toBe(false);
    expect(isNotFound(refusal(500))).toBe(false);
    expect(isNotFound(new Error('network'))).toBe(false);
  });
});
