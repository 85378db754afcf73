/**
 * The staff app's pages: adding one is an entry here and its component under
 * features/<module>/ (plus a MENU entry in menu.ts if it belongs in the menu).
 */
import type { ComponentType } from 'react';
import { HomePage } from '../features/home/HomePage';

export interface StaffPage {
  path: string;
  Component: ComponentType;
}

export const STAFF_PAGES: StaffPage[] = [{ path: '/', Component: HomePage }];
