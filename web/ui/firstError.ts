import { useEffect, type RefObject } from 'react';

/** A field showing a problem: an input Mantine marks invalid, or a group's message (radios have no mark of their own). */
const PROBLEM = '[aria-invalid="true"], .mantine-RadioGroup-error, .mantine-CheckboxGroup-error';
const FOCUSABLE = 'input:not([type="hidden"]), textarea, select, button, [tabindex]:not([tabindex="-1"])';

/**
 * After the render that shows a failed form's problems, brings the first one into view and puts the
 * cursor in it, so a long form (intake, the property file) never fails somewhere off screen. With
 * `orAlert`, a form whose problem is not a field's (the server's alert above the fields) shows that.
 */
export function focusFirstError(form: Element | null | undefined, orAlert = false): void {
  if (!form) return;
  window.setTimeout(() => {
    const problem = form.querySelector<HTMLElement>(PROBLEM) ?? (orAlert ? form.querySelector<HTMLElement>('[role="alert"]') : null);
    if (!problem) return;
    const field = problem.matches(FOCUSABLE) ? problem : nearestFocusable(problem);
    problem.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  }, 0);
}

/** The input a message belongs to: the closest one in the enclosing wrappers. */
function nearestFocusable(el: HTMLElement): HTMLElement | null {
  for (let up = el.parentElement, n = 0; up && n < 4; up = up.parentElement, n++) {
    const found = up.querySelector<HTMLElement>(FOCUSABLE);
    if (found) return found;
  }
  return null;
}

/** The same once the server refuses what was sent (its field messages render with the error). */
export function useFocusOnServerError(form: RefObject<Element | null>, error: unknown): void {
  useEffect(() => {
    if (error) focusFirstError(form.current, true);
  }, [form, error]);
}
