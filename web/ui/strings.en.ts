import type { uiFa } from './strings.fa';

export const uiEn: typeof uiFa = {
  table: 'Table',
  pager: {
    label: 'Pages',
    next: 'Next page',
    previous: 'Previous page',
    page: (n: string) => `Page ${n}`,
    total: (n: string) => `${n} items`,
  },
  sla: {
    on_time: 'On time',
    at_risk: 'At risk',
    overdue: 'Overdue',
  },
  yes: 'Yes',
  no: 'No',
  cancel: 'Cancel',
  save: 'Save',
  close: 'Close',
  edit: 'Edit',
  search: 'Search',
  actions: 'Actions',
  /** Under a letter serial: how to say it on the phone. */
  readAloud: (spelled: string) => `Read as: ${spelled}`,
};
