/** English, key for key with fa.ts (typed as it, so a missing or extra key fails the typecheck). */
import type { fa } from './fa';
import { inspectionsEn } from '../features/inspections/strings.en';
import { planningEn } from '../features/planning/strings.en';
import { uiEn } from '../ui/strings.en';
import { citizenEn } from '../features/citizen/strings.en';
import { notificationsEn } from '../features/notifications/strings.en';
import { districtEn } from '../features/district/strings.en';
import { followupEn } from '../features/followup/strings.en';
import { adminEn } from '../features/admin/strings.en';
import { auditEn } from '../features/audit/strings.en';
import { dashboardsEn } from '../features/dashboards/strings.en';
import { clientsEn } from '../features/clients/strings.en';

import { deskEn } from '../features/desk/strings.en';
import { propertiesEn } from '../features/properties/strings.en';
import { requestsEn } from '../features/requests/strings.en';
import { verifyEn } from '../verify/strings.en';

export const en: typeof fa = {
  verify: verifyEn,
  citizen: citizenEn,
  notifications: notificationsEn,
  desk: deskEn,
  properties: propertiesEn,
  requests: requestsEn,
  ui: uiEn,
  district: districtEn,
  followup: followupEn,
  admin: adminEn,
  audit: auditEn,
  dashboards: dashboardsEn,
  clients: clientsEn,
  inspections: inspectionsEn,
  planning: planningEn,
  app: {
    name: 'Miz-e Khedmat',
    tagline: 'Municipal urban-planning services',
  },
  units: {
    rial: 'rials',
  },
  common: {
    loading: 'Loading…',
    errorTitle: 'Error',
    fieldErrorsTitle: 'Please correct these:',
    networkError: 'Could not reach the service; check the connection and try again.',
    unknownError: 'Something went wrong; please try again.',
    notFoundTitle: 'Page not found',
    notFoundBody: 'This address is wrong or the page has moved.',
    backHome: 'Back to the work queue',
    pageTitle: (title: string) => `${title} | Miz-e Khedmat`,
  },
  auth: {
    title: 'Sign in',
    subtitle: 'For staff of the service desks and the municipality',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    signOut: 'Sign out',
    required: 'Enter this',
  },
  datePicker: {
    placeholder: 'Pick a date',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
  },
  shell: {
    toggleNavigation: 'Open or close the menu',
    navigation: 'Main menu',
    skipToContent: 'Skip to the main content',
  },
  nav: {
    home: 'Work queue',
    track: 'Citizen request tracking',
  },
  home: {
    title: 'Work queue',
    greeting: (name: string) => `Welcome, ${name}`,
    roleLine: (role: string, place: string | null) => (place ? `${role} — ${place}` : role),
    emptyTitle: 'Nothing in your work queue',
    emptyBody: 'Cases assigned to you will be shown here.',
    district: (name: string) => `${name} municipality`,
    queueLabel: 'Work waiting for you',
    open: 'Open the list',
    piles: { visitsToday: "Today's visits", chase: 'Late and nearly late cases', failedSms: 'Failed text messages' },
  },
  track: {
    title: 'Track a request',
    intro: 'Enter the ten-digit tracking code the service desk gave you and the national code of the owner or applicant.',
    trackingCode: 'Tracking code',
    nationalCode: 'National code',
    tenDigits: 'Ten digits, Persian or Latin',
    submit: 'Track',
    searching: 'Searching…',
    invalidTrackingCode: 'The tracking code has ten digits',
    invalidNationalCode: 'The national code has ten digits',
    notFound: 'No request matches this tracking code and national code. Check both and try again.',
    status: 'Current status',
    service: 'Service',
    office: 'Service desk',
    officePhone: 'Desk phone',
    registeredAt: 'Registered on',
    stepDueAt: 'Current step due by',
    closedAt: 'Closed on',
    timeline: 'Steps of the case',
    staffSignIn: 'Staff sign-in',
    visit: "Inspector's visit",
    visitWindow: (from: string, to: string) => `between ${from} and ${to}`,
  },
};
