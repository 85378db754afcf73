/**
 * Scope, in one place: every query that reads cases, property files or persons for a signed-in
 * actor adds one of these conditions, so what is out of scope is simply not found (404).
 *   office roles  -> their office's cases; the property registry city-wide (to avoid duplicate files)
 *   inspector     -> cases assigned to them, and those cases' properties and persons
 *   district roles-> their district
 *   city roles    -> their city
 * Excavation permits (utilities' work in the street) are seen by district and city roles only, and
 * so are issued letters by their district (for revocation).
 *
 * Within scope, a desk sees property files' owners' identifiers (national codes, mobiles) in full
 * and may edit a file only where it has business (docs/decisions/0016-property-file-access.md):
 * an open request of its office on the file, or the file is its own and no other office's request
 * is attached. Everyone else in scope keeps full sight (their scope already narrows them).
 */
import type { ExpressionBuilder, Expression, ExpressionWrapper, SqlBool } from 'kysely';
import { ROLE_SCOPE } from '../../contracts/roles.js';
import type { Database } from '../db/schema.js';
import type { Actor } from './actor.js';

export function requestsInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'requests'>): Expression<SqlBool> => {
    const inCity = eb('requests.city_id', '=', actor.cityId);
    switch (ROLE_SCOPE[actor.role]) {
      case 'office':
        return eb.and([inCity, eb('requests.office_id', '=', actor.officeId ?? '')]);
      case 'district':
        return eb.and([inCity, eb('requests.district_id', '=', actor.districtId ?? '')]);
      case 'assignments':
        return eb.and([inCity, eb('requests.assigned_inspector_id', '=', actor.staffId)]);
      case 'city':
        return inCity;
    }
  };
}

export function propertiesInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'properties'>): Expression<SqlBool> => {
    const inCity = eb('properties.city_id', '=', actor.cityId);
    switch (ROLE_SCOPE[actor.role]) {
      case 'office':
      case 'city':
        return inCity;
      case 'district':
        return eb.and([inCity, eb('properties.district_id', '=', actor.districtId ?? '')]);
      case 'assignments':
        return eb.exists(
          eb
            .selectFrom('requests as r')
            .select(eb.lit(1).as('one'))
            .whereRef('r.property_id', '=', 'properties.id')
            .where('r.assigned_inspector_id', '=', actor.staffId),
        );
    }
  };
}

/**
 * Districts, for planning the inspectors' days: a district role reaches its own district, a city
 * role every district of the city; desks and inspectors none.
 */
export function districtsInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'districts'>): Expression<SqlBool> => {
    const inCity = eb('districts.city_id', '=', actor.cityId);
    switch (ROLE_SCOPE[actor.role]) {
      case 'district':
        return eb.and([inCity, eb('districts.id', '=', actor.districtId ?? '')]);
      case 'city':
        return inCity;
      case 'office':
      case 'assignments':
        return eb.lit(false);
    }
  };
}

/** Excavation permits belong to a district: district roles see theirs, city roles the city; desks and inspectors none. */
export function excavationsInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'excavation_permits'>): Expression<SqlBool> => {
    const inCity = eb('excavation_permits.city_id', '=', actor.cityId);
    switch (ROLE_SCOPE[actor.role]) {
      case 'district':
        return eb.and([inCity, eb('excavation_permits.district_id', '=', actor.districtId ?? '')]);
      case 'city':
        return inCity;
      case 'office':
      case 'assignments':
        return eb.lit(false);
    }
  };
}

/**
 * Issued letters belong to the district whose letter they are (a case's, a property's, a permit's;
 * kept on the letter row): district roles reach theirs, city roles the city; desks and inspectors
 * reach a case's letter through the case, not this.
 */
export function lettersInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'letters'>): Expression<SqlBool> => {
    const inCity = eb('letters.city_id', '=', actor.cityId);
    switch (ROLE_SCOPE[actor.role]) {
      case 'district':
        return eb.and([inCity, eb('letters.district_id', '=', actor.districtId ?? '')]);
      case 'city':
        return inCity;
      case 'office':
      case 'assignments':
        return eb.lit(false);
    }
  };
}

/**
 * Persons are national records (one national code, one person). Office and city staff see those
 * who touch their city: registered by one of its desks, the applicant of one of its cases, the owner
 * of one of its property files, or a record not yet attached to anything (made by a city admin). At
 * intake (`atIntake`) they find anyone by the national code on the card in front of them, to take
 * the record rather than make a second; the case or the ownership then ties the person to the city.
 * District staff and inspectors see persons only through their cases.
 */
export function personsInScope(actor: Actor, opts: { atIntake?: boolean } = {}) {
  return (eb: ExpressionBuilder<Database, 'persons'>): Expression<SqlBool> => {
    const scope = ROLE_SCOPE[actor.role];
    if (scope === 'office' || scope === 'city') return opts.atIntake ? eb.lit(true) : personOfCity(eb, actor.cityId);
    const [column, value] =
      scope === 'district'
        ? (['r.district_id', actor.districtId ?? ''] as const)
        : (['r.assigned_inspector_id', actor.staffId] as const);
    return eb.or([
      eb.exists(
        eb.selectFrom('requests as r').select(eb.lit(1).as('one')).whereRef('r.applicant_person_id', '=', 'persons.id').where(column, '=', value),
      ),
      eb.exists(
        eb
          .selectFrom('property_owners as po')
          .innerJoin('requests as r', 'r.property_id', 'po.property_id')
          .select(eb.lit(1).as('one'))
          .whereRef('po.person_id', '=', 'persons.id')
          .where(column, '=', value),
      ),
    ]);
  };
}

/**
 * Whether the person has a case (as applicant) or a property file (as owner) in a city the
 * comparison picks: `=` the city, `!=` any other, `any` anywhere.
 */
export function personHasCaseOrFile(eb: ExpressionBuilder<Database, 'persons'>, city: { op: '=' | '!='; cityId: string } | 'any'): ExpressionWrapper<Database, 'persons', SqlBool> {
  let applicant = eb.selectFrom('requests as r').select(eb.lit(1).as('one')).whereRef('r.applicant_person_id', '=', 'persons.id');
  let owner = eb.selectFrom('property_owners as po').innerJoin('properties as p', 'p.id', 'po.property_id').select(eb.lit(1).as('one')).whereRef('po.person_id', '=', 'persons.id');
  if (city !== 'any') {
    applicant = applicant.where('r.city_id', city.op, city.cityId);
    owner = owner.where('p.city_id', city.op, city.cityId);
  }
  return eb.or([eb.exists(applicant), eb.exists(owner)]);
}

/** A person who touches the city (see personsInScope). */
function personOfCity(eb: ExpressionBuilder<Database, 'persons'>, cityId: string): Expression<SqlBool> {
  return eb.or([
    eb.exists(eb.selectFrom('offices as o').select(eb.lit(1).as('one')).whereRef('o.id', '=', 'persons.created_by_office_id').where('o.city_id', '=', cityId)),
    personHasCaseOrFile(eb, { op: '=', cityId }),
    eb.and([eb('persons.created_by_office_id', 'is', null), eb.not(personHasCaseOrFile(eb, 'any'))]),
  ]);
}

/** A request of the actor's office that is still open (not closed: delivered, cancelled, ...). */
function openRequestOfOffice(eb: ExpressionBuilder<Database, 'requests'>, officeId: string): Expression<SqlBool> {
  return eb.and([eb('requests.office_id', '=', officeId), eb('requests.closed_at', 'is', null)]);
}

/**
 * The property files (within scope) whose owners' identifiers the actor sees in full and which a
 * desk may edit: for a desk, an open request of its office on the file, or the desk opened the file
 * and no other office's request is attached to it; for every other role, true.
 */
export function propertyIdentifiersVisible(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'properties'>): Expression<SqlBool> => {
    if (ROLE_SCOPE[actor.role] !== 'office') return eb.lit(true);
    const officeId = actor.officeId ?? '';
    const requestsOnFile = () =>
      eb.selectFrom('requests').select(eb.lit(1).as('one')).whereRef('requests.property_id', '=', 'properties.id');
    return eb.or([
      eb.exists(requestsOnFile().where((r) => openRequestOfOffice(r, officeId))),
      eb.and([
        eb('properties.created_by_office_id', '=', officeId),
        eb.not(eb.exists(requestsOnFile().where('requests.office_id', '!=', officeId))),
      ]),
    ]);
  };
}

/**
 * The persons (within scope) whose national code and mobile the actor sees in full: for a desk,
 * those it registered, the applicants of its open requests, and the owners of the files whose
 * identifiers it sees (above); for every other role, true.
 */
export function personIdentifiersVisible(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'persons'>): Expression<SqlBool> => {
    if (ROLE_SCOPE[actor.role] !== 'office') return eb.lit(true);
    const officeId = actor.officeId ?? '';
    return eb.or([
      eb('persons.created_by_office_id', '=', officeId),
      eb.exists(
        eb
          .selectFrom('requests')
          .select(eb.lit(1).as('one'))
          .whereRef('requests.applicant_person_id', '=', 'persons.id')
          .where((r) => openRequestOfOffice(r, officeId)),
      ),
      eb.exists(
        eb
          .selectFrom('property_owners')
          .innerJoin('properties', 'properties.id', 'property_owners.property_id')
          .select(eb.lit(1).as('one'))
          .whereRef('property_owners.person_id', '=', 'persons.id')
          .where((p) => propertyIdentifiersVisible(actor)(p as unknown as ExpressionBuilder<Database, 'properties'>)),
      ),
    ]);
  };
}
