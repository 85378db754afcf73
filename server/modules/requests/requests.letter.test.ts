import { describe, expect, it } from 'vitest';
import { answerLetterHtml, type AnswerLetterFacts } from './requests.letter.js';

describe('the answer letter page', () => {
  const facts: AnswerLetterFacts = {
    serial: 'SSB1E312M0NW', letterNumber: '1405/3/00042', issuedAt: '2026-11-29T05:30:00.000Z', trackingCode: '4584822551',
    district: { number: 3, cityFa: 'تبریز <شمال>' }, serviceNameFa: 'استعلام بانک',
    addressee: { toFa: 'ریاست محترم بانک <b>ملت</b>', referenceFa: null, institution: true },
    property: { fileNumber: 'ISFAHAN-0000003', postalCode: '8118169425', renovationCode: null, plate: { main: 17972, sub: 84, registrySection: 4 }, address: 'اصفهان' },
    decision: 'rejected', text: 'رد شد', conditions: ['<img src=x onerror=alert(1)>'], purposeFa: 'ارائه به بانک', validUntil: null,
    signer: { name: 'اعظم سیستانی', titleFa: 'تاییدکننده منطقه' }, verifyUrl: 'http://localhost:3000/verify/SSB1E312M0NW',
  };

  it('escapes every value and prints digits in Persian, with no network address but the QR code', async () => {
    const html = await answerLetterHtml(facts);
    expect(html).toContain('ریاست محترم بانک &lt;b&gt;ملت&lt;/b&gt;');
    // The letterhead names the case's own municipality, escaped like every value.
    expect(html).toContain('<p class="city">شهرداری تبریز &lt;شمال&gt;</p>');
    expect(html).not.toContain('اصفهان</p>');
    expect(html).toContain('&lt;img src=x onerror=alert(۱)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('<bdi dir="ltr">۱۴۰۵/۳/۰۰۰۴۲</bdi>');
    expect(html).toContain('۸۴ فرعی از ۱۷۹۷۲ اصلی، بخش ۴');
    expect(html).toContain('نتیجه بررسی: عدم موافقت');
    expect(html).not.toContain('مهلت اعتبار'); // a rejection is valid for nothing
    expect(html.match(/https?:\/\/[^\s"<)]+/g)).toEqual(expect.arrayContaining(['http://localhost:3000/verify/SSB1E312M0NW']));
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
