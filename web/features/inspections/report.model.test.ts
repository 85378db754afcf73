import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fieldMessage } from '../../api/errors';
import { alignDraft, emptyDraft, parseMeasurement, reportFieldOf, toReportBody, validateDraft, visitedAtIso, type ReportDraft } from './report.model';

const CHECKLIST = [
  { code: 'land_use_matches', labelFa: 'کاربری مطابق است', labelEn: 'Use matches' },
  { code: 'setback_respected', labelFa: 'عقب‌نشینی رعایت شده است', labelEn: 'Setback respected' },
];
const NOW = new Date('2026-11-29T07:00:00Z'); // 10:30 in Isfahan

function filled(): ReportDraft {
  return {
    ...emptyDraft(CHECKLIST, NOW),
    checklist: [
      { code: 'land_use_matches', ok: true, note: '' },
      { code: 'setback_respected', ok: false, note: '  دو متر کم  ' },
    ],
    measurements: { landArea: '۲۵۰٫۵', builtArea: '', frontage: '12', floors: '۳', units: '', height: '' },
    violations: [{ key: 'v1', descriptionFa: ' اضافه بنا در طبقه سوم ', severity: 'major' }],
    findings: '  ساختمان سه طبقه است  ',
    gps: { lat: 32.66, lng: 51.66, accuracyM: 12, source: 'device' },
  };
}

describe('a new report', () => {
  it('starts with every checklist item unanswered and the visit at the time the form opened, in Isfahan', () => {
    const draft = emptyDraft(CHECKLIST, NOW);
    expect(draft.checklist).toEqual([
      { code: 'land_use_matches', ok: null, note: '' },
      { code: 'setback_respected', ok: null, note: '' },
    ]);
    expect([draft.visitDate, draft.visitTime]).toEqual(['2026-11-29', '10:30']);
    expect(draft.gps).toBeNull();
  });

  it('never offers a visit time before the assignment (a phone clock behind the server), so the server accepts it', () => {
    const assignedAt = '2026-11-29T07:10:00.000Z'; // 10:40, after the phone's 10:30
    const draft = emptyDraft(CHECKLIST, NOW, assignedAt);
    expect([draft.visitDate, draft.visitTime]).toEqual(['2026-11-29', '10:41']);
    expect(Date.parse(visitedAtIso(draft.visitDate, draft.visitTime)!)).toBeGreaterThan(Date.parse(assignedAt));
    expect(emptyDraft(CHECKLIST, NOW, '2026-11-29T05:00:00.000Z').visitTime).toBe('10:30');
  });

  it('keeps the answers of a saved draft when the checklist has changed since', () => {
    const saved = { ...emptyDraft(CHECKLIST, NOW), checklist: [{ code: 'setback_respected', ok: true, note: 'x' }, { code: 'gone', ok: false, note: '' }] };
    expect(alignDraft(saved, CHECKLIST).checklist).toEqual([
      { code: 'land_use_matches', ok: null, note: '' },
      { code: 'setback_respected', ok: true, note: 'x' },
    ]);
  });
});

describe('checking the report before it is sent', () => {
  it('asks for every checklist answer, the findings and a position; numbers are optional but must be numbers', () => {
    const draft = { ...emptyDraft(CHECKLIST, NOW), measurements: { ...emptyDraft(CHECKLIST).measurements, height: 'سه' } };
    expect(validateDraft(draft, NOW)).toEqual({
      'checklist.0.ok': 'به این مورد پاسخ دهید',
      'checklist.1.ok': 'به این مورد پاسخ دهید',
      'measurements.height': 'یک عدد مثبت وارد کنید',
      findings: 'یافته‌های بازدید را بنویسید (دست‌کم سه حرف)',
      gps: 'بدون موقعیت مکانی نمی‌توان گزارش را ارسال کرد',
    });
    expect(validateDraft(filled(), NOW)).toEqual({});
  });

  it('refuses a violation without a description and a visit later than now', () => {
    const draft = { ...filled(), violations: [{ key: 'v', descriptionFa: ' ', severity: 'minor' as const }], visitTime: '11:00' };
    expect(validateDraft(draft, NOW)).toEqual({
      'violations.0.descriptionFa': 'شرح تخلف را بنویسید (دست‌کم سه حرف)',
      visitedAt: 'زمان بازدید نمی‌تواند بعد از اکنون باشد',
    });
    expect(validateDraft({ ...filled(), visitTime: '' }, NOW).visitedAt).toBe('تاریخ و ساعت بازدید را وارد کنید');
  });

  it('reads Persian digits and the Persian decimal point in measurements', () => {
    expect(parseMeasurement('۲۵۰٫۵')).toBe(250.5);
    expect(parseMeasurement(' 12 ')).toBe(12);
    expect(parseMeasurement('-3')).toBeNull();
    expect(parseMeasurement('2000000')).toBeNull();
  });

  it('reads a Tehran wall time as one instant (+03:30 all year)', () => {
    expect(visitedAtIso('2026-11-29', '10:30')).toBe('2026-11-29T07:00:00.000Z');
    expect(visitedAtIso('2026-06-01', '10:30')).toBe('2026-06-01T07:00:00.000Z');
    expect(visitedAtIso('2026-11-29', '25:00')).toBeNull();
  });
});

describe('the body sent to the server', () => {
  it('has the answers in checklist order, trimmed text, only the measurements given, and the position', () => {
    expect(toReportBody(filled(), 7)).toEqual({
      version: 7,
      findings: 'ساختمان سه طبقه است',
      measurements: { landArea: 250.5, frontage: 12, floors: 3 },
      checklist: [
        { code: 'land_use_matches', ok: true },
        { code: 'setback_respected', ok: false, note: 'دو متر کم' },
      ],
      violations: [{ descriptionFa: 'اضافه بنا در طبقه سوم', severity: 'major' }],
      gps: { lat: 32.66, lng: 51.66, accuracyM: 12 },
      visitedAt: '2026-11-29T07:00:00.000Z',
    });
  });

  it("leaves out the accuracy of the property's own location (no phone fix)", () => {
    const draft = { ...filled(), gps: { lat: 32.6, lng: 51.6, accuracyM: null, source: 'property' as const } };
    expect(toReportBody(draft, 1).gps).toEqual({ lat: 32.6, lng: 51.6 });
  });
});

describe("the server's field errors", () => {
  it('land next to the fields of the form they name', () => {
    const placed = Object.fromEntries(
      ['findings', 'checklist', 'checklist.1.note', 'checklist.0.ok', 'checklist.0.code', 'gps', 'gps.lat', 'measurements.height', 'violations.0.severity', 'visitedAt', 'version', '(body)'].map((f) => [f, reportFieldOf(f)]),
    );
    expect(placed).toEqual({
      findings: 'findings',
      checklist: 'checklist',
      'checklist.1.note': 'checklist.1.note',
      'checklist.0.ok': 'checklist.0.ok',
      // A code the service no longer has is the checklist's problem as a whole.
      'checklist.0.code': 'checklist',
      gps: 'gps',
      'gps.lat': 'gps',
      'measurements.height': 'measurements.height',
      'violations.0.severity': 'violations.0.severity',
      visitedAt: 'visitedAt',
      version: null,
      '(body)': null,
    });
  });

  it("and the form shows the server's message there, the first one for each place", () => {
    const refusal = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: 'Some fields are not valid',
      messageFa: 'برخی از اطلاعات واردشده درست نیست',
      fields: [
        { field: 'gps.lat', code: 'maximum', message: 'out of range', messageFa: 'خارج از محدوده' },
        { field: 'gps.accuracyM', code: 'minimum', message: 'negative', messageFa: 'منفی' },
        { field: 'checklist.0.code', code: 'unknown', message: 'unknown', messageFa: 'ناشناخته' },
      ],
    });
    expect(fieldMessage(refusal, 'gps', reportFieldOf)).toBe('خارج از محدوده');
    expect(fieldMessage(refusal, 'checklist', reportFieldOf)).toBe('ناشناخته');
    expect(fieldMessage(refusal, 'findings', reportFieldOf)).toBeUndefined();
  });
});
