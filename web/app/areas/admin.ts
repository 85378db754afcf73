/** The city admin's and the auditor's pages, one chunk (pages.ts). */
export { OfficesPage } from '../../features/admin/OfficesPage';
export { StaffAdminPage } from '../../features/admin/StaffAdminPage';
export { ServicesPage } from '../../features/admin/ServicesPage';
export { HolidaysPage } from '../../features/admin/HolidaysPage';
export { OutboxPage } from '../../features/notifications/OutboxPage';
export { ClientsPage } from '../../features/clients/ClientsPage';
export { ClientPage } from '../../features/clients/ClientPage';
export { AuditPage } from '../../features/audit/AuditPage';
