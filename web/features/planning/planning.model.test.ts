import { describe, expect, it } from 'vitest';
import {
  appointmentErrors, dayMap, dropPosition, fractionAlong, hourTicks, leaveBody, leaveErrors, minutesOf, nextWorkingDay, placeOf, positionChoices, progressPercent,
  reasonText, REASONS, routeColor, scaleOf, segmentsOf, splitWindow, windowKey,
} from './planning.model';

const DAY = scaleOf({ start: '07:30', end: '14:30' }); // 420 minutes

describe('the timeline', () => {
  it('reads clock times as minutes', () => {
    expect(minutesOf('07:30')).toBe(450);
    expect(minutesOf('14:30')).toBe(870);
    expect(() => minutesOf('7.30')).toThrow();
  });

  it('places a span as percentages of the working day, clipped to it', () => {
    expect(placeOf(DAY, '07:30', '14:30')).toEqual({ offset: 0, size: 100 });
    expect(placeOf(DAY, '11:00', '11:42')).toEqual({ offset: 50, size: 10 });
    expect(placeOf(DAY, '07:00', '08:12')).toEqual({ offset: 0, size: 10 });
    expect(placeOf(DAY, '14:00', '15:00')).toEqual({ offset: 92.86, size: 7.14 });
  });

  it('falls back to 07:30 to 14:30 with no shift, and spans a half day on Thursday', () => {
    expect(scaleOf(null)).toEqual({ start: 450, end: 870 });
    expect(scaleOf({ start: '07:30', end: '12:30' })).toEqual({ start: 450, end: 750 });
  });

  it('lays a route out as drives, waits and visits, and the drive back', () => {
    const route = {
      shiftStart: '07:30',
      returnAt: '09:48',
      stops: [
        { arrive: '07:51', start: '08:00', end: '08:30' },
        { arrive: '08:30', start: '08:30', end: '09:30' },
      ],
    } as Parameters<typeof segmentsOf>[1];
    expect(segmentsOf(DAY, route).map((s) => [s.kind, s.from, s.to, s.index])).toEqual([
      ['travel', '07:30', '07:51', 0],
      ['wait', '07:51', '08:00', 0],
      ['visit', '08:00', '08:30', 0],
      ['visit', '08:30', '09:30', 1],
      ['travel', '09:30', '09:48', 2],
    ]);
    expect(segmentsOf(DAY, { ...route, stops: [] })).toEqual([]);
  });

  it('ticks on the hour', () => {
    expect(hourTicks(DAY).map((t) => t.label)).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00']);
    expect(hourTicks(DAY)[0]!.offset).toBe(7.14);
  });
});

describe('dropping a visit on a route', () => {
  const stops = [
    { requestId: 'a', start: '08:00', end: '08:30' },
    { requestId: 'b', start: '10:00', end: '10:30' },
    { requestId: 'c', start: '12:00', end: '12:30' },
  ];
  const at = (clock: string) => (minutesOf(clock) - DAY.start) / (DAY.end - DAY.start);

  it('takes the place before the first stop whose middle is later', () => {
    expect(dropPosition(DAY, stops, at('07:40'), 'x')).toBe(0);
    expect(dropPosition(DAY, stops, at('09:00'), 'x')).toBe(1);
    expect(dropPosition(DAY, stops, at('11:00'), 'x')).toBe(2);
    expect(dropPosition(DAY, stops, at('14:00'), 'x')).toBe(3);
    expect(dropPosition(DAY, [], 0.5, 'x')).toBe(0);
  });

  it('does not count the moved visit itself', () => {
    expect(dropPosition(DAY, stops, at('14:00'), 'a')).toBe(2);
    expect(dropPosition(DAY, stops, at('11:00'), 'a')).toBe(1);
  });

  it('measures along the day from the inline start: the right edge in Persian', () => {
    const rect = { left: 100, width: 400 };
    expect(fractionAlong(rect, 500, true)).toBe(0);
    expect(fractionAlong(rect, 100, true)).toBe(1);
    expect(fractionAlong(rect, 200, false)).toBe(0.25);
    expect(fractionAlong(rect, 50, false)).toBe(0);
    expect(fractionAlong({ left: 0, width: 0 }, 10, true)).toBe(0);
  });

  it('offers every place in the route, the moved visit left out', () => {
    const route = { stops: stops.map((s) => ({ ...s, trackingCode: `10000000${s.requestId === 'a' ? 1 : 2}` })) } as Parameters<typeof positionChoices>[0];
    const choices = positionChoices(route, 'b');
    expect(choices.map((c) => c.value)).toEqual([0, 1, 2]);
    expect(choices[0]!.label).toBe('پیش از بازدید ۱ (۰۸:۰۰، ۱۰۰۰۰۰۰۰۱)');
    expect(choices[2]!.label).toBe('در پایان روز');
    expect(positionChoices({ stops: [] }, 'x')).toEqual([{ value: 0, label: 'تنها بازدید روز' }]);
  });
});

describe("the planner's reasons", () => {
  it('say each reason as a Persian sentence', () => {
    expect(reasonText('no-location')).toBe('موقعیت ملک ثبت نشده است');
    expect(reasonText('no-room')).toBe('در برنامه مامورها جا نشد (سقف، ساعت کاری یا بازه‌ها)');
    for (const r of REASONS) expect(reasonText(r)).toMatch(/[\u0600-\u06FF]/);
    expect(new Set(REASONS.map(reasonText)).size).toBe(REASONS.length);
  });
});

describe('the day and the forms', () => {
  it('defaults to the next working day after today', () => {
    expect(nextWorkingDay(['2026-11-29', '2026-11-30', '2026-12-01'], '2026-11-29')).toBe('2026-11-30');
    // Thursday to Saturday over the Friday.
    expect(nextWorkingDay(['2026-12-03', '2026-12-05'], '2026-12-03')).toBe('2026-12-05');
    expect(nextWorkingDay(['2026-11-29'], '2026-11-29')).toBeNull();
  });

  it('checks leave: an inspector, both days, in order', () => {
    expect(Object.keys(leaveErrors({ inspectorId: null, from: null, to: null, kind: 'leave', note: '' }))).toEqual(['inspectorId', 'from', 'to']);
    expect(leaveErrors({ inspectorId: 'i', from: '2026-12-02', to: '2026-12-01', kind: 'sick', note: '' })).toEqual({ to: 'روز پایان پیش از روز شروع است' });
    expect(leaveErrors({ inspectorId: 'i', from: '2026-12-01', to: '2026-12-01', kind: 'sick', note: '' })).toEqual({});
    expect(leaveBody({ inspectorId: 'i', from: '2026-12-01', to: '2026-12-02', kind: 'training', note: '  ' })).toEqual({ inspectorId: 'i', from: '2026-12-01', to: '2026-12-02', kind: 'training' });
  });

  it('needs a window for an appointment, and keeps it as one key', () => {
    expect(appointmentErrors({ date: null, window: null })).toEqual({ window: 'یکی از بازه‌ها را انتخاب کنید' });
    expect(appointmentErrors({ date: null, window: '09:00-10:00' })).toEqual({});
    expect(splitWindow(windowKey({ windowStart: '09:00', windowEnd: '10:00' }))).toEqual({ windowStart: '09:00', windowEnd: '10:00' });
  });

  it('gives the progress of a day as a percentage', () => {
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 4, total: 4 })).toBe(100);
  });
});

describe('the map of the day', () => {
  const stop = (id: string, lat: number | null, extra: object = {}) => ({
    requestId: id, trackingCode: '1234567890', serviceNameFa: 'بازدید', address: 'خیابان ۱', lat, lng: lat === null ? null : 51.6, start: '08:00', end: '08:30',
    appointment: null, done: false, stale: false, ...extra,
  });
  const day = {
    routes: [
      { inspectorId: 'i1', name: 'الف', base: { lat: 32.6, lng: 51.6 }, stops: [stop('a', 32.61), stop('b', null), stop('c', 32.63), stop('s', 32.64, { stale: true })] },
      { inspectorId: 'i2', name: 'ب', base: { lat: 32.7, lng: 51.7 }, stops: [] },
    ],
    unassigned: [{ ...stop('u', 32.65), reason: 'no-room' }, { ...stop('v', null), reason: 'no-location' }],
    notPlanned: [],
  } as unknown as Parameters<typeof dayMap>[0];

  it("draws each route from the start point through its located stops and back, in the inspector's colour", () => {
    const { routes } = dayMap(day);
    expect(routes).toEqual([
      { id: 'i1', colour: routeColor(0), label: 'الف', path: [[32.6, 51.6], [32.61, 51.6], [32.63, 51.6], [32.6, 51.6]] },
    ]);
  });

  it('numbers the stops by their place in the route, leaves out the unlocated and the stale, and greys the visits on no route', () => {
    const { points } = dayMap(day);
    expect(points.map((p) => [p.id, p.order, p.colour])).toEqual([
      ['a', 1, routeColor(0)],
      ['c', 3, routeColor(0)],
      ['u', undefined, '#495057'],
    ]);
  });
});
