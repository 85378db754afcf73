import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { AppError, fieldError, invalid } from '../../platform/errors.js';
import { parseForm, specErrors, toXml } from './open311.format.js';

describe('form bodies', () => {
  it("reads the spec's attribute[code]=value and attribute[code][]=value", () => {
    const body = parseForm('api_key=k&service_code=a_b&attribute[one]=1&attribute[many][]=x&attribute[many][]=y&description=two+words%0Aand+a+line');
    expect(body).toEqual({ api_key: 'k', service_code: 'a_b', description: 'two words\nand a line', attribute: { one: '1', many: ['x', 'y'] } });
  });

  it('keeps a repeated plain key as a list, for the schema to refuse', () => {
    expect(parseForm('service_code=a&service_code=b')).toEqual({ service_code: ['a', 'b'] });
  });

  it('refuses keys that would reach a prototype, as plain keys or attribute codes', () => {
    for (const body of ['__proto__=1', 'attribute[__proto__][]=y', 'constructor=x', 'attribute[prototype]=z']) {
      expect(() => parseForm(body), body).toThrow(AppError);
    }
    expect(parseForm('attribute[proto]=1')).toEqual({ attribute: { proto: '1' } });
  });
});

describe('XML (Spark convention)', () => {
  it('writes lists as repeated items under the spec’s element names, escapes text, empties nulls', () => {
    const out = toXml('service_requests', [{ service_request_id: '1', service_notice: 'a < b & "c"', account_id: null }]);
    expect(out.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>')).toBe(true);
    expect(out).toContain('<service_notice>a &lt; b &amp; &quot;c&quot;</service_notice>');
    expect(out).toContain('<account_id/>');
    expect(new XMLParser().parse(out).service_requests.request.service_notice).toBe('a < b & "c"');
  });

  it('nests lists within documents: attributes, values, formats', () => {
    const out = toXml('service_definition', { service_code: 's', attributes: [{ code: 'c', values: [{ key: 'k', name: 'n' }] }] });
    expect(new XMLParser({ isArray: (n) => n === 'attribute' || n === 'value' }).parse(out)).toMatchObject({
      service_definition: { service_code: 's', attributes: { attribute: [{ code: 'c', values: { value: [{ key: 'k', name: 'n' }] } }] } },
    });
    expect(toXml('services', [])).toContain('<services></services>');
    expect(toXml('errors', [{ code: 400, description: 'a\u0007b\nc' }])).toContain('<description>ab\nc</description>');
    expect(() => toXml('things', [1])).toThrow(/no XML element/);
  });
});

describe('errors in the spec’s words', () => {
  it('names attributes as the caller sent them, one error per field, in the caller’s language', () => {
    const e = invalid([fieldError('form.visitReason', 'required', 'This field is required', 'این فیلد الزامی است'), fieldError('lat', 'x', 'Bad', 'بد')]);
    expect(specErrors(e, 'en')).toEqual({ status: 400, errors: [{ code: 400, description: 'attribute[visitReason]: This field is required' }, { code: 400, description: 'lat: Bad' }] });
    expect(specErrors(e, 'fa').errors[0]!.description).toBe('attribute[visitReason]: این فیلد الزامی است');
  });

  it('maps our statuses to the spec’s: 403 for any key problem, 400 for what cannot be fulfilled', () => {
    const status = (code: ConstructorParameters<typeof AppError>[0]) => specErrors(new AppError(code), 'en').status;
    expect([status('UNAUTHENTICATED'), status('FORBIDDEN'), status('NOT_FOUND'), status('RATE_LIMITED'), status('INTERNAL')]).toEqual([403, 403, 404, 429, 500]);
    expect([status('CONFLICT'), status('UNAVAILABLE'), status('VALIDATION_FAILED')]).toEqual([400, 400, 400]);
  });
});
