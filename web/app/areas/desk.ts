/** The service desk's pages (دفتر پیشخوان), one chunk: the home, search, property files and cases (pages.ts). */
export { HomePage } from '../../features/home/HomePage';
export { SearchPage } from '../../features/desk/SearchPage';
export { NewPropertyPage, EditPropertyPage } from '../../features/properties/PropertyFormPage';
export { PropertyPage } from '../../features/properties/PropertyPage';
export { PropertyPrintPage } from '../../features/properties/PropertyPrintPage';
export { CaseListPage } from '../../features/requests/CaseListPage';
export { IntakePage } from '../../features/requests/IntakePage';
export { CasePage } from '../../features/requests/CasePage';
export { ReceiptPage } from '../../features/requests/ReceiptPage';
