import type { Role } from './roles.js';

/** Everything a role may do outside the case workflow (which has its own transition tables). */
export const PERMISSIONS = [
  'property.read',
  'property.write', // open or edit a property file
  'person.read',
  'person.write',
  'request.read',
  'request.create', // intake at a desk
  'catalog.read',
  'catalog.manage', // services, fees, SLA, enabling per office
  'organisation.read',
  'organisation.manage', // offices, staff
  'calendar.manage', // holidays
  'audit.read',
  'followup.write', // chase a late case: note, whom contacted, promised date
  'notifications.manage', // the outbox: see and resend
  'clients.manage', // other organisations' API access: clients and keys
  'letter.revoke', // withdraw an issued letter of any kind (ابطال نامه): a case's answer, an instant inquiry answer, an excavation permit; within the letter's district
  'excavation.read', // utilities' excavation permits (مجوز حفاری) and the restoration tariffs
  'excavation.decide', // approve or reject an excavation permit, within the district
  'excavation.tariffs', // set the restoration tariff per metre for each kind of street
  'planning.read', // the inspectors' day plans (برنامه بازدید): the board, planned against done; district roles their district
  'planning.write', // make and change a day plan, confirm owners' appointments, enter inspectors' leave and settings
  'dashboards.read', // the city's figures: dashboards, desk network, monthly reports (district managers see their district)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['property.read', 'person.read', 'request.read', 'catalog.read', 'organisation.read'];

export const ROLE_PERMISSIONS = {
  office_operator: [...READ_ALL, 'property.write', 'person.write', 'request.create'],
  office_manager: [...READ_ALL, 'property.write', 'person.write', 'request.create'],
  inspector: [...READ_ALL],
  followup_officer: [...READ_ALL, 'followup.write', 'planning.read'],
  district_reviewer: [...READ_ALL, 'excavation.read', 'planning.read', 'planning.write'],
  district_approver: [...READ_ALL, 'letter.revoke', 'excavation.read', 'excavation.decide', 'dashboards.read', 'planning.read'],
  city_admin: [...READ_ALL, 'property.write', 'person.write', 'catalog.manage', 'organisation.manage', 'calendar.manage', 'audit.read', 'followup.write', 'notifications.manage', 'clients.manage', 'letter.revoke', 'excavation.read', 'excavation.tariffs', 'dashboards.read', 'planning.read', 'planning.write'],
  auditor: [...READ_ALL, 'audit.read', 'excavation.read', 'dashboards.read', 'planning.read'],
} as const satisfies Record<Role, readonly Permission[]>;

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
