import type { Kysely } from 'kysely';

/**
 * Which desk registered a person: that desk keeps seeing the national code and mobile it typed,
 * while other desks see them masked until they have business with the person
 * (docs/decisions/0016-property-file-access.md). Persons registered before this are nobody's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('created_by_office_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('persons').dropColumn('created_by_office_id').execute();
}
