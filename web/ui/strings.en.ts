import type { uiFa } from './strings.fa';

export const uiEn: typeof uiFa = {
  table: 'Table',
  pager: {
    label: 'Pages',
    next: 'Next page',
    previous: 'Previous page',
    page: (n: string) => `Page ${n}`,
    total: (n: string) => `${n} items`,
    moreThan: (n: string) => `More than ${n} items`,
    atLeast: (n: string) => `${n}+`,
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
  /** The shared map (MapView): the day's routes, the desk's location picker. */
  map: {
    noBaseMap: 'The base map is not available; routes are drawn on a plain background',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    picked: 'The chosen place; drag to move it',
    loading: 'Loading the map…',
    settingsFailed: 'The map settings could not be fetched; try again.',
  },
};
