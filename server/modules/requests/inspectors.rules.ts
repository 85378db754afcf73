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
 */

export interface InspectorOnFile {
  id: string;
  district_id: string | null;
  specialty: string | null;
}

export interface CaseToCover {
  district_id: string;
  inspector_specialty: string | null;
}

/** The inspectors (already active, of the city) who cover the case; order is kept. */
export function coveringInspectors<T extends InspectorOnFile>(inspectors: readonly T[], c: CaseToCover): T[] {
  const fit = inspectors.filter((i) => c.inspector_specialty === null || i.specialty === c.inspector_specialty);
  const local = fit.filter((i) => i.district_id === c.district_id);
  return local.length ? local : fit;
}
