/**
 * Letters as one service (decision 0027), as the domains see it (decision 0031): declare a kind,
 * queue a letter in the decision's transaction, serve it; the numbering rules and the blocks of a
 * letter's page; the letter job main.ts polls.
 */
export { lettersRoutes, sendLetter } from './letters.routes.js';
export {
  countPrints, letterFile, letterKind, letterState, queueLetter,
  type LetterDownload, type LetterRecord, type LetterSubject,
} from './letters.service.js';
export { printDueLetters } from './letters.jobs.js';
export {
  DECISION_FA, addresseeOf, groupedSerial, jalaliDate, letterNumber, letterRegister, masked, newSerial, type Addressee,
} from './letters.rules.js';
export {
  amountFa, code, decisionSection, esc, fa, factsTable, letterPage, metres, propertyRows, validitySection, type PropertyOnLetter,
} from './letters.template.js';
export { Sha256, type LetterPublicFacts } from './letters.schemas.js';
