import { describe, expect, it } from 'vitest';
import { emptyPropertyForm, placeOf, propertyBody, propertyFieldOf, propertyProblems, withPlace, type OwnerDraft } from './propertyForm';

const owner = (id: string, shareDang: string): OwnerDraft => ({ person: { id, displayName: id, nationalCode: '0012345679' }, shareDang });
const filled = { ...emptyPropertyForm('d3'), address: 'اصفهان، خیابان چهارباغ', postalCode: '۸۱۸۳۱۸۴۷۲۸', owners: [owner('a', '6')] };

describe('the property-file form', () => {
  it('asks for one identifier at least, and a complete plate', () => {
    const none = propertyProblems({ ...filled, postalCode: '' }, 3);
    expect(Object.keys(none)).toEqual(['identifiers']);
    expect(propertyProblems({ ...filled, plateMain: '16235' }, 3)).toHaveProperty('plate');
  });

  it("checks a renovation code's shape and that it starts with the district's number", () => {
    expect(propertyProblems({ ...filled, renovationCode: '3-99' }, 3)).toHaveProperty('renovationCode');
    expect(propertyProblems({ ...filled, renovationCode: '۴-۹۹-۵۶-۰-۰-۰' }, 3)).toHaveProperty('renovationCode');
    expect(propertyProblems({ ...filled, renovationCode: '۳-۹۹-۵۶-۰-۰-۰' }, 3)).toEqual({});
  });

  it('wants whole numbers for plates and floors, and numbers for the area', () => {
    expect(propertyProblems({ ...filled, floors: '2.5', landArea: '12.5' }, 3)).toEqual({ floors: 'یک عدد صحیح وارد کنید' });
    expect(propertyProblems({ ...filled, landArea: '12..5' }, 3)).toHaveProperty('landArea');
  });

  it('wants the owners’ shares to make exactly 6 dang', () => {
    expect(propertyProblems({ ...filled, owners: [] }, 3)).toHaveProperty('owners');
    expect(propertyProblems({ ...filled, owners: [owner('a', '3'), owner('b', '2')] }, 3)).toHaveProperty('owners');
    expect(propertyProblems({ ...filled, owners: [owner('a', '3'), owner('b', '')] }, 3)).toHaveProperty('owners');
    expect(propertyProblems({ ...filled, owners: [owner('a', '1.333'), owner('b', '4.667')] }, 3)).toEqual({});
  });

  it('sends ASCII digits, numbers as numbers and empty fields as null', () => {
    const body = propertyBody({ ...filled, plateMain: '16235', plateSub: '242', registrySection: '10', floors: '2', owners: [owner('a', '3'), owner('b', '3')] });
    expect(body).toMatchObject({ postalCode: '8183184728', renovationCode: null, plate: { main: 16235, sub: 242, registrySection: 10 }, floors: 2, units: null, lat: null });
    expect(body.owners).toEqual([{ personId: 'a', shareDang: 3 }, { personId: 'b', shareDang: 3 }]);
  });

  it("shows the server's word on the plate under its three inputs, the plate as a whole under the main number", () => {
    expect(['plate', 'plate.main', 'plate.sub', 'plate.registrySection', 'owners.1.shareDang', 'address'].map(propertyFieldOf)).toEqual([
      'plate', 'plate', 'plateSub', 'registrySection', 'owners.1.shareDang', 'address',
    ]);
  });

  it('puts a place picked on the map into the coordinates, to six decimals, and reads it back for the map', () => {
    const picked = withPlace(filled, 32.65461234567, 51.668);
    expect(picked).toMatchObject({ lat: '32.654612', lng: '51.668000' });
    expect(placeOf(picked)).toEqual({ lat: 32.654612, lng: 51.668 });
    expect(propertyBody(picked)).toMatchObject({ lat: 32.654612, lng: 51.668 });
    // Half typed, or not numbers yet: no place on the map.
    expect(placeOf({ lat: '32.6', lng: '' })).toBeNull();
    expect(placeOf({ lat: '32.', lng: '51.6' })).toBeNull();
    expect(placeOf({ lat: '', lng: '' })).toBeNull();
  });

  it('wants a place in Iran, as the server does, and both coordinates or neither', () => {
    expect(propertyProblems(withPlace(filled, 32.65, 51.67), 3)).toEqual({});
    expect(propertyProblems(withPlace(filled, 51.67, 32.65), 3)).toEqual({ lat: 'این نقطه در ایران نیست؛ عرض جغرافیایی از ۲۴ تا ۴۰ و طول از ۴۴ تا ۶۴', lng: 'این نقطه در ایران نیست؛ عرض جغرافیایی از ۲۴ تا ۴۰ و طول از ۴۴ تا ۶۴' });
    expect(propertyProblems({ ...filled, lat: '32.65' }, 3)).toEqual({ lng: 'عرض و طول جغرافیایی را با هم وارد کنید' });
  });
});
