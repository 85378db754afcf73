import type { Db } from '../../db/database.js';

/** The citizen's cases: where a person with this mobile is the applicant or an owner of the property. */
export function citizenRequestsQuery(db: Db, mobile: string) {
  return db
    .selectFrom('requests')
    .innerJoin('services', 'services.id', 'requests.service_id')
    .innerJoin('properties', 'properties.id', 'requests.property_id')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('persons').select(eb.lit(1).as('one')).whereRef('persons.id', '=', 'requests.applicant_person_id').where('persons.mobile', '=', mobile)),
        eb.exists(
          eb
            .selectFrom('property_owners as po')
            .innerJoin('persons as owner', 'owner.id', 'po.person_id')
            .select(eb.lit(1).as('one'))
            .whereRef('po.property_id', '=', 'requests.property_id')
            .where('owner.mobile', '=', mobile),
        ),
      ]),
    );
}

export function citizenProperties(db: Db, mobile: string) {
  return db
    .selectFrom('properties')
    .innerJoin('property_owners as po', 'po.property_id', 'properties.id')
    .innerJoin('persons', 'persons.id', 'po.person_id')
    .innerJoin('districts', 'districts.id', 'properties.district_id')
    .select(['properties.id', 'properties.file_number', 'properties.address', 'properties.postal_code', 'districts.number as district_number', 'po.share_milli_dang'])
    .where('persons.mobile', '=', mobile)
    .orderBy('properties.file_number')
    .execute();
}

