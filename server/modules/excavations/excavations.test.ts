import { describe, expect, it } from 'vitest';
import type { LineString, Polygon } from 'geojson';
import { footprintOf, footprintsMeet, measure, readRoute, restorationFee, type Route } from './excavations.geometry.js';
import { checkPeriod } from './excavations.rules.js';
import { permitLetterHtml, type PermitLetterFacts } from './excavations.letter.js';

/** A street in Isfahan running north: 0.001° of latitude is about 111.2 m on Turf's sphere. */
const NORTH: LineString = { type: 'LineString', coordinates: [[51.67, 32.65], [51.67, 32.651]] };
/** About 10 m (east-west at 32.65°N) by 111.2 m. */
const BLOCK: Polygon = { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.6701, 32.65], [51.6701, 32.651], [51.67, 32.651], [51.67, 32.65]]] };

const routeOf = (input: unknown): Route => {
  const read = readRoute(input);
  if ('error' in read) throw new Error(read.error.message);
  return read.route;
};
const errorOf = (input: unknown) => {
  const read = readRoute(input);
  if (!('error' in read)) throw new Error('expected the route to be refused');
  return read.error;
};

describe('reading a route', () => {
  it('takes a LineString or a Polygon, bare or in a Feature, and drops an elevation', () => {
    expect(routeOf(NORTH)).toEqual(NORTH);
    expect(routeOf({ type: 'Feature', properties: {}, geometry: BLOCK })).toEqual(BLOCK);
    expect(routeOf({ type: 'LineString', coordinates: [[51.67, 32.65, 1580], [51.67, 32.651, 1581]] })).toEqual(NORTH);
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [51.67, 32.65] }, 'wrong_type'],
    ['a MultiLineString', { type: 'MultiLineString', coordinates: [NORTH.coordinates] }, 'wrong_type'],
    ['a Feature without geometry', { type: 'Feature', properties: {}, geometry: null }, 'not_geojson'],
    ['no type', { coordinates: NORTH.coordinates }, 'not_geojson'],
    ['an empty line', { type: 'LineString', coordinates: [] }, 'too_few_points'],
    ['a one-point line', { type: 'LineString', coordinates: [[51.67, 32.65]] }, 'too_few_points'],
    ['a line of one point twice', { type: 'LineString', coordinates: [[51.67, 32.65], [51.67, 32.65]] }, 'too_few_points'],
    ['text for a coordinate', { type: 'LineString', coordinates: [['51.67', 32.65], [51.67, 32.651]] }, 'bad_coordinates'],
    ['a position of one number', { type: 'LineString', coordinates: [[51.67], [51.67, 32.651]] }, 'bad_coordinates'],
    ['an empty polygon', { type: 'Polygon', coordinates: [] }, 'bad_coordinates'],
    ['latitude and longitude swapped', { type: 'LineString', coordinates: [[32.65, 51.67], [32.651, 51.67]] }, 'outside_iran'],
    ['a route in Baghdad', { type: 'LineString', coordinates: [[44.36, 33.31], [43.36, 33.312]] }, 'outside_iran'],
    ['an open ring', { type: 'Polygon', coordinates: [BLOCK.coordinates[0]!.slice(0, 4)] }, 'open_ring'],
    ['a ring of three positions', { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.6701, 32.65], [51.67, 32.65]]] }, 'open_ring'],
    ['a bow-tie', { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.671, 32.651], [51.671, 32.65], [51.67, 32.651], [51.67, 32.65]]] }, 'self_intersecting'],
    ['a line crossing itself', { type: 'LineString', coordinates: [[51.67, 32.65], [51.671, 32.651], [51.671, 32.65], [51.67, 32.651]] }, 'self_intersecting'],
    ['a flat ring', { type: 'Polygon', coordinates: [[[51.67, 32.65], [51.671, 32.65], [51.672, 32.65], [51.67, 32.65]]] }, 'empty'],
  ])('refuses %s (field route)', (_what, input, code) => {
    const error = errorOf(input);
    expect(error).toMatchObject({ field: 'route', code });
    expect(error.messageFa).toMatch(/[\u0600-\u06FF]/);
  });

  it('does not take a repeated vertex for a crossing', () => {
    expect(routeOf({ type: 'LineString', coordinates: [[51.67, 32.65], [51.67, 32.6505], [51.67, 32.6505], [51.6705, 32.6505]] }).type).toBe('LineString');
  });

  it('refuses more positions than any street needs', () => {
    const coordinates = Array.from({ length: 2001 }, (_, i) => [51.67 + i * 1e-6, 32.65 + (i % 2) * 1e-6]);
    expect(errorOf({ type: 'LineString', coordinates }).code).toBe('too_many_positions');
  });
});

describe('measuring', () => {
  it('measures a line along a meridian: 0.001° of latitude ≈ 111.2 m', () => {
    const { lengthMeters, areaSquareMeters } = measure(NORTH, 0.6);
    expect(Math.abs(lengthMeters - 111.2)).toBeLessThan(0.5);
    expect(areaSquareMeters).toBeCloseTo(lengthMeters * 0.6, 2);
  });

  it('adds up the legs of a bent line', () => {
    const bent: LineString = { type: 'LineString', coordinates: [[51.67, 32.65], [51.67, 32.651], [51.671, 32.651]] };
    // The east-west leg is shorter by cos(latitude).
    const east = 111.195 * Math.cos((32.651 * Math.PI) / 180);
    expect(measure(bent, 1).lengthMeters).toBeCloseTo(111.195 + east, 0);
  });

  it('takes a polygon as a trench of the given width: length = area / width', () => {
    const { lengthMeters, areaSquareMeters } = measure(BLOCK, 10);
    // 0.0001° of longitude at 32.65°N ≈ 9.36 m, by 111.2 m: about 1041 m², so about 104.1 m of a 10 m wide trench.
    expect(lengthMeters).toBeGreaterThan(103);
    expect(lengthMeters).toBeLessThan(105);
    expect(areaSquareMeters).toBeCloseTo(lengthMeters * 10, 1);
    expect(measure(BLOCK, 5).lengthMeters).toBeCloseTo(lengthMeters * 2, 1);
  });

  it('charges whole rials: metres × tariff, rounded', () => {
    expect(restorationFee(111.19, 3_500_000)).toBe(389_165_000);
    expect(restorationFee(0.01, 1_234_567)).toBe(12_346);
  });
});

describe('footprints', () => {
  const at = (lng: number): LineString => ({ type: 'LineString', coordinates: [[lng, 32.65], [lng, 32.651]] });
  /** Metres east of 51.67 at 32.65°N, in degrees of longitude. */
  const east = (m: number) => 51.67 + m / (111_195 * Math.cos((32.65 * Math.PI) / 180));

  it('are the route buffered by half the width, with a bbox that holds it', () => {
    const { shape, bbox } = footprintOf(NORTH, 2);
    expect(shape.geometry.type).toBe('Polygon');
    expect(bbox.minLng).toBeLessThan(51.67);
    expect(bbox.maxLng).toBeGreaterThan(51.67);
    expect(bbox.maxLat).toBeGreaterThan(32.651);
  });

  it('meet when two trenches side by side are closer than their half widths', () => {
    const a = footprintOf(at(51.67), 2).shape;
    expect(footprintsMeet(a, footprintOf(at(east(1.5)), 2).shape)).toBe(true); // 1.5 m apart, 1 m + 1 m half widths
    expect(footprintsMeet(a, footprintOf(at(east(3)), 2).shape)).toBe(false); // 3 m apart
    expect(footprintsMeet(a, footprintOf(at(east(3)), 5).shape)).toBe(true); // 1 m + 2.5 m half widths
  });

  it('meet when a line crosses a polygon', () => {
    const across: LineString = { type: 'LineString', coordinates: [[51.669, 32.6505], [51.672, 32.6505]] };
    expect(footprintsMeet(footprintOf(BLOCK, 1).shape, footprintOf(across, 1).shape)).toBe(true);
  });
});

describe('the permitted period', () => {
  const today = '2026-11-29';
  it('starts today or later, ends on or after the start, at most 180 days later', () => {
    expect(checkPeriod('2026-11-29', '2026-11-29', today)).toEqual([]);
    expect(checkPeriod('2026-12-01', '2027-05-30', today)).toEqual([]); // 180 days
    expect(checkPeriod('2026-12-01', '2027-05-31', today).map((e) => [e.field, e.code])).toEqual([['endDate', 'too_long']]);
    expect(checkPeriod('2026-11-28', '2026-12-01', today).map((e) => [e.field, e.code])).toEqual([['startDate', 'in_past']]);
    expect(checkPeriod('2026-12-05', '2026-12-01', today).map((e) => [e.field, e.code])).toEqual([['endDate', 'before_start']]);
  });
});

describe('the permit letter page', () => {
  it('an excavation permit is addressed to the utility, with the trench, the period and the fee, every value escaped', async () => {
    const permit: PermitLetterFacts = {
      serial: 'SSB1E312M0NW', letterNumber: '1405/3/00043', issuedAt: '2026-11-29T05:30:00.000Z', trackingCode: '4584822551', district: { number: 3, cityFa: 'شیراز' },
      utilityFa: 'شرکت <آب>', purpose: 'تعویض لوله', streetTypeFa: 'کوچه', lengthMeters: 111.19, widthMeters: 0.6, depthMeters: 1.2, areaSquareMeters: 66.71,
      startDate: '2026-12-05', endDate: '2026-12-12', contractor: { name: 'پیمانکار', mobile: '09131234567' }, feeRials: 389_165_000,
      tariffRialsPerMeter: 3_500_000, note: 'موافقت', conditions: ['<b>ترمیم</b>'], signer: { name: 'اعظم سیستانی', titleFa: 'تاییدکننده منطقه' },
      verifyUrl: 'http://localhost:3000/verify/SSB1E312M0NW',
    };
    const html = await permitLetterHtml(permit);
    expect(html).toContain('شرکت &lt;آب&gt;');
    // The letterhead names the permit's own municipality.
    expect(html).toContain('<p class="city">شهرداری شیراز</p>');
    expect(html).toContain('&lt;b&gt;ترمیم&lt;/b&gt;');
    expect(html).toContain('موضوع: مجوز حفاری معبر، کد رهگیری <bdi dir="ltr">۴۵۸۴۸۲۲۵۵۱</bdi>');
    expect(html).toContain('۱۱۱٫۱۹ متر');
    expect(html).toContain('۳۸۹٬۱۶۵٬۰۰۰ ریال');
    expect(html).toContain('از ۱۴ آذر ۱۴۰۵ تا ۲۱ آذر ۱۴۰۵');
    expect(html).toContain('مهلت اعتبار: تا پایان ۲۱ آذر ۱۴۰۵');
    expect(html).toContain('نتیجه بررسی: موافقت');
  });
});
