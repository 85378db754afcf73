import type { districtFa } from './strings.fa';

export const districtEn: typeof districtFa = {
  nav: 'District queue',
  title: 'District queue',
  description: (district: string) => `Cases of ${district}; most urgent first`,
  cityWide: 'Cases of every district; most urgent first',
  tabs: {
    review: 'Awaiting review',
    decision: 'Awaiting decision',
    answer: 'Ready for the answer',
    visit: 'Being inspected',
  },
  tabsLabel: 'Step of the case',
  columns: {
    trackingCode: 'Tracking code',
    service: 'Service',
    applicant: 'Applicant',
    office: 'Service desk',
    dueAt: 'Step due',
    sla: 'Timeliness',
    inspector: 'Inspector',
  },
  noDue: 'No due date',
  emptyTitle: 'No case at this step',
  emptyBody: 'Cases that reach this step are shown here.',
  openCase: (code: string) => `Open case ${code}`,
  noInspector: 'Not assigned',
  search: 'Search the queue',
  searchHint: "Tracking code, applicant's national code, postal code or file number",
  searchLabel: "Search the district's cases",
  clearSearch: 'Clear the search',
};
