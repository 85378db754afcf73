/**
 * Scope, in one place: every query that reads cases, property files or persons for a signed-in
 * actor adds one of these conditions, so what is out of scope is simply not found (404).
 *   office roles  -> their office's cases; the property registry city-wide (to avoid duplicate files)
 *   inspector     -> cases assigned to them, and those cases' properties and persons
 *   district roles-> their district
 *   city roles    -> their city
 * Excavation permits (utilities' work in the street) are seen by district and city roles only.
 */
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
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

/** Persons are national records; office and city staff find them at intake, others only through their cases. */
export function personsInScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'persons'>): Expression<SqlBool> => {
    const scope = ROLE_SCOPE[actor.role];
    if (scope === 'office' || scope === 'city') return eb.lit(true);
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
