import { describe, expect, it } from 'vitest';
import { fileNotes } from './fileAccess';

const mine = { id: 'r1', trackingCode: '1234567890', serviceCode: 'property_inspection', state: 'registered', createdAt: '2026-11-29T05:30:00.000Z' };
const full = { edit: true, seeIdentifiers: true, registerRequest: true };
const masked = { edit: false, seeIdentifiers: false, registerRequest: true };

describe('what the file page says about requests and access', () => {
  it('says no request exists only when none exists at all', () => {
    expect(fileNotes({ requests: [], requestsNotShown: { total: 0, open: 0 }, can: full }, true)).toEqual({
      empty: 'هنوز درخواستی برای این پرونده ثبت نشده است.', hidden: null, access: null,
    });
  });

  it('tells a desk that other desks’ requests exist, with their count, and that it has none', () => {
    expect(fileNotes({ requests: [], requestsNotShown: { total: 3, open: 2 }, can: masked }, true)).toEqual({
      empty: 'این دفتر هنوز درخواستی روی این پرونده ثبت نکرده است.',
      hidden: '۳ درخواست از دفاتر دیگر روی این پرونده ثبت شده است که به این دفتر نمایش داده نمی‌شود؛ ۲ مورد از آن‌ها هنوز باز است.',
      access: expect.stringContaining('پوشیده'),
    });
  });

  it('lists the desk’s own requests beside the count of the others, all closed', () => {
    const notes = fileNotes({ requests: [mine], requestsNotShown: { total: 1, open: 0 }, can: full }, true);
    expect(notes).toEqual({
      empty: null,
      hidden: '۱ درخواست از دفاتر دیگر روی این پرونده ثبت شده است که به این دفتر نمایش داده نمی‌شود؛ همه آن‌ها بسته شده‌اند.',
      access: null,
    });
  });

  it('words it for staff outside desks by their access, not a desk', () => {
    const notes = fileNotes({ requests: [], requestsNotShown: { total: 2, open: 1 }, can: { edit: false, seeIdentifiers: true, registerRequest: false } }, false);
    expect(notes.empty).toBe('درخواستی از این پرونده در حوزه دسترسی شما نیست.');
    expect(notes.hidden).toContain('در حوزه دسترسی شما نیست');
    expect(notes.access).toBeNull();
  });
});
