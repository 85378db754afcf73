import { describe, expect, it } from 'vitest';
import { loggedUrl, maskDigits } from './logging.js';

describe('what a log line keeps of a URL', () => {
  it('drops query values, keeps their keys, masks digit runs in the path (Persian digits and escapes too)', () => {
    expect(loggedUrl('/api/public/requests/4584822551?nationalCode=0499370899')).toBe('/api/public/requests/***?nationalCode=_');
    expect(loggedUrl('/open311/v2/requests.json?api_key=mk_live_abc&service_code=x')).toBe('/open311/v2/requests.json?api_key=_&service_code=_');
    expect(loggedUrl('/api/persons/%DB%B0%DB%B4%DB%B9%DB%B9%DB%B3%DB%B7%DB%B0%DB%B8%DB%B9%DB%B9')).toBe('/api/persons/***');
    expect(loggedUrl('/api/requests/0193a6b2-7c1d-7000-8000-00000000a999')).toBe('/api/requests/0193a6b2-7c1d-7000-8000-***a999');
    expect(loggedUrl('/api/x/%E0%A4%A')).toBe('/api/x/%E0%A4%A');
  });

  it('masks national codes, mobiles and six-digit codes in free text, and leaves short numbers', () => {
    expect(maskDigits('gateway refused receptor 09131234567 (code 418)')).toBe('gateway refused receptor *** (code 418)');
    expect(maskDigits('Key (national_code)=(0499370899) already exists; at file.ts:1234:56')).toBe('Key (national_code)=(***) already exists; at file.ts:1234:56');
    expect(maskDigits('کد ورود شما: ۱۲۳۴۵۶')).toBe('کد ورود شما: ***');
  });
});
