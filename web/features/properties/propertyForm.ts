/**
 * The property-file form (فرم پرونده ملک) as plain data: what the inputs hold, the checks the
 * server would make that are cheap to make as the clerk types, and the body the API takes.
 */
import { faDigits, t, toAsciiDigits } from '../../i18n';
import type { Problems } from '../../ui/useForm';
import type { CreatePropertyBody, LandUse, PropertyDetail } from './properties.queries';
import { milliDang, sharesTotal } from './shares';

/** A number as typed: ASCII digits (DigitsInput hands them so), '' while empty. */
type NumberField = string;

export interface OwnerDraft {
  person: { id: string; displayName: string; nationalCode: string };
  shareDang: NumberField;
}

export interface PropertyFormValues {
  districtId: string | null;
  renovationCode: string;
  plateMain: NumberField;
  plateSub: NumberField;
  registrySection: NumberField;
  postalCode: string;
  address: string;
  lat: NumberField;
  lng: NumberField;
  landArea: NumberField;
  landUse: LandUse | null;
  floors: NumberField;
  units: NumberField;
  owners: OwnerDraft[];
}

export function emptyPropertyForm(districtId: string | null): PropertyFormValues {
  return {
    districtId, renovationCode: '', plateMain: '', plateSub: '', registrySection: '', postalCode: '', address: '',
    lat: '', lng: '', landArea: '', landUse: null, floors: '', units: '', owners: [],
  };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function propertyFormOf(p: PropertyDetail): PropertyFormValues {
  return {
    districtId: p.district.id,
    renovationCode: p.renovationCode ?? '',
    plateMain: text(p.plate?.main),
    plateSub: text(p.plate?.sub),
    registrySection: text(p.plate?.registrySection),
    postalCode: p.postalCode ?? '',
    // The server keeps ASCII digits; the clerk reads and edits Persian ones.
    address: faDigits(p.address),
    lat: text(p.lat),
    lng: text(p.lng),
    landArea: text(p.landArea),
    landUse: (p.landUse as LandUse | null) ?? null,
    floors: text(p.floors),
    units: text(p.units),
    owners: p.owners.map((o) => ({ person: o.person, shareDang: String(o.shareDang) })),
  };
}

const RENOVATION_CODE = /^\d{1,6}(-\d{1,6}){2,6}$/;
const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const INTEGER_FIELDS = ['plateMain', 'plateSub', 'registrySection', 'floors', 'units'] as const;
const DECIMAL_FIELDS = ['landArea', 'lat', 'lng'] as const;
const ascii = (s: string) => toAsciiDigits(s).trim();
const numberOrNull = (v: NumberField) => (v === '' ? null : Number(v));

/** Problems over several inputs: no identifier at all, a plate with one or two of its three numbers. */
export type PropertyProblem = 'identifiers' | 'plate';
export type PropertyProblems = Problems<PropertyFormValues, PropertyProblem>;

/**
 * The server's field names where the form's differ: the plate is one object to the server, three
 * inputs here (its main number carries the problems of the plate as a whole).
 */
const SERVER_NAMES: Record<string, string> = { 'plate.main': 'plate', 'plate.sub': 'plateSub', 'plate.registrySection': 'registrySection' };
export const propertyFieldOf = (serverField: string): string => SERVER_NAMES[serverField] ?? serverField;

/** The problems the server would report too, found before sending. `districtNumber` is the chosen district's. */
export function propertyProblems(v: PropertyFormValues, districtNumber: number | undefined): PropertyProblems {
  const owners = v.owners;
  const m = t.properties.validation;
  const problems: PropertyProblems = {};
  if (!v.districtId) problems.districtId = m.required;
  for (const key of INTEGER_FIELDS) if (v[key] !== '' && !WHOLE.test(v[key])) problems[key] = m.wholeNumber;
  for (const key of DECIMAL_FIELDS) if (v[key] !== '' && !DECIMAL.test(v[key])) problems[key] = m.number;
  if (v.address.trim().length < 5) problems.address = m.address;
  const renovation = ascii(v.renovationCode);
  if (renovation && !RENOVATION_CODE.test(renovation)) problems.renovationCode = m.renovationCode;
  else if (renovation && districtNumber !== undefined && Number(renovation.split('-')[0]) !== districtNumber) problems.renovationCode = m.renovationDistrict;
  const postal = ascii(v.postalCode);
  if (postal && (!/^\d{10}$/.test(postal) || postal.startsWith('0'))) problems.postalCode = m.postalCode;
  const plateParts = [v.plateMain, v.plateSub, v.registrySection].filter((x) => x !== '').length;
  if (plateParts > 0 && plateParts < 3) problems.plate = m.plateIncomplete;
  if (!renovation && !postal && plateParts === 0) problems.identifiers = m.identifierRequired;
  if ((v.lat === '') !== (v.lng === '')) problems[v.lat === '' ? 'lat' : 'lng'] ??= m.coordinatesPair;
  // The server takes places in Iran only (a point outside is a slip of the finger or of the digits).
  if (!problems.lat && v.lat !== '' && !inRange(v.lat, IRAN.lat)) problems.lat = m.coordinatesRange;
  if (!problems.lng && v.lng !== '' && !inRange(v.lng, IRAN.lng)) problems.lng = m.coordinatesRange;
  if (owners.length === 0) problems.owners = m.ownersRequired;
  else if (owners.some((o) => milliDang(o.shareDang) === null || Number(o.shareDang) <= 0)) problems.owners = m.shareFormat;
  else if (!sharesTotal(owners.map((o) => o.shareDang)).complete) problems.owners = m.sharesSum;
  return problems;
}

/** Iran's bounding box, as the server checks it (properties.schemas.ts). */
const IRAN = { lat: [24, 40], lng: [44, 64] } as const;
const inRange = (v: NumberField, [min, max]: readonly [number, number]) => Number(v) >= min && Number(v) <= max;

/** The place the coordinates name, for the map; null while either is empty or not a number. */
export function placeOf(v: Pick<PropertyFormValues, 'lat' | 'lng'>): { lat: number; lng: number } | null {
  if (!DECIMAL.test(v.lat) || !DECIMAL.test(v.lng)) return null;
  return { lat: Number(v.lat), lng: Number(v.lng) };
}

/** The coordinates of a place picked on the map (or found by the phone), to six decimals: about 10 cm. */
export function withPlace<V extends Pick<PropertyFormValues, 'lat' | 'lng'>>(v: V, lat: number, lng: number): V {
  return { ...v, lat: lat.toFixed(6), lng: lng.toFixed(6) };
}

/** The file as POST /api/properties takes it; an empty optional field is sent as null (none). */
export function propertyBody(v: PropertyFormValues): CreatePropertyBody {
  const plate = v.plateMain !== '' && v.plateSub !== '' && v.registrySection !== ''
    ? { main: Number(v.plateMain), sub: Number(v.plateSub), registrySection: Number(v.registrySection) }
    : null;
  return {
    districtId: v.districtId ?? '',
    address: v.address.trim(),
    renovationCode: ascii(v.renovationCode) || null,
    plate,
    postalCode: ascii(v.postalCode) || null,
    lat: numberOrNull(v.lat),
    lng: numberOrNull(v.lng),
    landArea: numberOrNull(v.landArea),
    landUse: v.landUse,
    floors: numberOrNull(v.floors),
    units: numberOrNull(v.units),
    owners: v.owners.map((o) => ({ personId: o.person.id, shareDang: Number(o.shareDang) })),
  };
}
