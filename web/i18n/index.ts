/**
 * The UI speaks Persian. en.ts keeps every key so that an English UI is a switch here, not a
 * rewrite; until one is needed, `t` is the Persian catalogue.
 */
import { fa } from './fa';

export const t = fa;
export * from './format';
export * from './jalali';
export { fileNumberFa, parseFileNumber } from '../../contracts/fileNumber';
