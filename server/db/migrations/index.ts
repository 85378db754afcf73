import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './20261128T0001_initial.js';
import * as documents from './20261128T0002_documents.js';
import * as followups from './20261128T0003_followups.js';
import * as outboxDelivery from './20261128T0004_outbox_delivery.js';
import * as citizen from './20261128T0005_citizen.js';
import * as letters from './20261128T0006_letters.js';
import * as apiClients from './20261128T0007_api_clients.js';
import * as webhooks from './20261128T0008_webhooks.js';
import * as excavations from './20261128T0009_excavations.js';
import * as open311 from './20261128T0010_open311.js';
import * as slaRollups from './20261129T0011_sla_rollups.js';
import * as inquiryLetters from './20261129T0012_inquiry_letters.js';
import * as stepDueIndex from './20261129T0013_requests_step_due_idx.js';
import * as dashboardIndexes from './20261129T0014_dashboard_indexes.js';
import * as letterJobs from './20261206T0015_letter_jobs.js';
import * as letterAddressing from './20261206T0016_letter_addressing.js';
import * as propertyAccess from './20261206T0018_property_access.js';
import * as holidayLists from './20261206T0020_holiday_lists.js';
import * as searchKeys from './20261206T0021_search_keys.js';
import * as throttles from './20261206T0030_throttles.js';
import * as numberRanges from './20261206T0040_number_ranges.js';
import * as letterFacts from './20261206T0050_letter_facts.js';
import * as visitPlanning from './20261206T0060_visit_planning.js';
import * as auditSealed from './20261206T0070_audit_sealed.js';
import * as caseListIndexes from './20261206T0080_case_list_indexes.js';
import * as requestEventsByYear from './20261206T0090_request_events_by_year.js';
import * as monthlyRollups from './20261207T0100_monthly_rollups.js';
import * as letterNumbersPerCity from './20261207T0110_letter_numbers_per_city.js';
import * as deskStepMonths from './20261207T0120_desk_step_months.js';
import * as inquiryPlaces from './20261207T0130_inquiry_places.js';
import * as caseMonthsByDistrict from './20261207T0140_case_months_by_district.js';
import * as inquiryVisitMonths from './20261207T0150_inquiry_visit_months.js';
import * as caseMonthsByDesk from './20261207T0160_case_months_by_desk.js';
import * as deskMonths from './20261207T0170_desk_months.js';
import * as cityStepMonths from './20261207T0180_city_step_months.js';
import * as openCasesDue from './20261207T0190_open_cases_due.js';
import * as inspectorOpenVisits from './20261207T0200_inspector_open_visits.js';
import * as auditLogByYear from './20261207T0210_audit_log_by_year.js';
import * as requestEventsByCity from './20261207T0220_request_events_by_city.js';
import * as namesComposed from './20261208T0010_names_composed.js';
import * as auditLogByCity from './20261208T0020_audit_log_by_city.js';

/** Migrations in order. Listed here (not read from disk) so they work the same under tsx, vitest and a bundle. */
const MIGRATIONS: Record<string, Migration> = {
  '20261128T0001_initial': initial,
  '20261128T0002_documents': documents,
  '20261128T0003_followups': followups,
  '20261128T0004_outbox_delivery': outboxDelivery,
  '20261128T0005_citizen': citizen,
  '20261128T0006_letters': letters,
  '20261128T0007_api_clients': apiClients,
  '20261128T0008_webhooks': webhooks,
  '20261128T0009_excavations': excavations,
  '20261128T0010_open311': open311,
  '20261129T0011_sla_rollups': slaRollups,
  '20261129T0012_inquiry_letters': inquiryLetters,
  '20261129T0013_requests_step_due_idx': stepDueIndex,
  '20261129T0014_dashboard_indexes': dashboardIndexes,
  '20261206T0015_letter_jobs': letterJobs,
  '20261206T0016_letter_addressing': letterAddressing,
  '20261206T0018_property_access': propertyAccess,
  '20261206T0020_holiday_lists': holidayLists,
  '20261206T0021_search_keys': searchKeys,
  '20261206T0030_throttles': throttles,
  '20261206T0040_number_ranges': numberRanges,
  '20261206T0050_letter_facts': letterFacts,
  '20261206T0060_visit_planning': visitPlanning,
  '20261206T0070_audit_sealed': auditSealed,
  '20261206T0080_case_list_indexes': caseListIndexes,
  '20261206T0090_request_events_by_year': requestEventsByYear,
  '20261207T0100_monthly_rollups': monthlyRollups,
  '20261207T0110_letter_numbers_per_city': letterNumbersPerCity,
  '20261207T0120_desk_step_months': deskStepMonths,
  '20261207T0130_inquiry_places': inquiryPlaces,
  '20261207T0140_case_months_by_district': caseMonthsByDistrict,
  '20261207T0150_inquiry_visit_months': inquiryVisitMonths,
  '20261207T0160_case_months_by_desk': caseMonthsByDesk,
  '20261207T0170_desk_months': deskMonths,
  '20261207T0180_city_step_months': cityStepMonths,
  '20261207T0190_open_cases_due': openCasesDue,
  '20261207T0200_inspector_open_visits': inspectorOpenVisits,
  '20261207T0210_audit_log_by_year': auditLogByYear,
  '20261207T0220_request_events_by_city': requestEventsByCity,
  '20261208T0010_names_composed': namesComposed,
  '20261208T0020_audit_log_by_city': auditLogByCity,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
