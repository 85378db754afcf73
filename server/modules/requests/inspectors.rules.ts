/**
 * Who may take a case's visit (مامور بازدید واجد شرایط): the one rule behind the reassign list on
 * the case page, the server's check of a chosen inspector, the automatic pick at intake and the
 * follow-up's automatic reassignment.
 *
 * An inspector may take a case when they are an active inspector of the case's city, have the
 * service's specialty (any specialty when the service names none), and cover the property's
 * district. Each inspector covers their own district; a district with no active inspector of the
 * specialty is covered by that specialty's inspectors of every district, so its cases are not
 * stranded (the district's reviewer sees who that is, with their load).
 *
 * An inspector may also be set to cover other districts (issue 13: a pool shared by neighbouring
 * districts, which the day planner uses). Those come after the district's own, so an automatic pick
 * (the first, lightest-loaded) stays in the district whenever the district has someone.
 */

export interface InspectorOnFile {
  id: string;
  district_id: string | null;
  specialty: string | null;
  /** JSON array of the other districts the inspector covers. */
  covers_district_ids: string;
}

export interface CaseToCover {
  district_id: string;
  inspector_specialty: string | null;
}

/** The inspectors (already active, of the city) who cover the case; order is kept. */
export function coveringInspectors<T extends InspectorOnFile>(inspectors: readonly T[], c: CaseToCover): T[] {
  const fit = inspectors.filter((i) => c.inspector_specialty === null || i.specialty === c.inspector_specialty);
  const own = fit.filter((i) => i.district_id === c.district_id);
  const covering = fit.filter((i) => i.district_id !== c.district_id && (JSON.parse(i.covers_district_ids) as string[]).includes(c.district_id));
  return own.length || covering.length ? [...own, ...covering] : fit;
}
