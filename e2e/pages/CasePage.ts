import type { Page } from 'playwright-core';

/** /requests/:id: the case page every role opens, with the action panels of the reader's turn. */
export class CasePage {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get header() {
    return this.page.getByTestId('case-header');
  }

  /** Waits until the state badge shows this state (its machine value; the Persian label is its text). */
  async reached(state: string): Promise<void> {
    await this.header.locator(`[data-state="${state}"]`).waitFor();
  }

  section(title: string) {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  get timelineItems() {
    return this.page.getByTestId('case-timeline').locator('.mantine-Timeline-item');
  }

  /** The fee's value in the applicant facts: amount, paid or not, and while unpaid the «ثبت پرداخت» form for the desk. */
  get fee() {
    return this.page.getByTestId('case-fee');
  }

  /** Records the card reader's reference for an unpaid fee and waits until the page shows it paid. */
  async recordPayment(reference: string): Promise<void> {
    await this.fee.getByLabel('شماره پیگیری کارتخوان', { exact: true }).fill(reference);
    await this.fee.getByRole('button', { name: 'ثبت پرداخت', exact: true }).click();
    await this.page.locator('[data-testid="case-fee"][data-paid="true"]').waitFor();
  }

  /** An action's panel, a small form titled with the action's name. */
  panel(title: string) {
    return this.page.getByRole('form', { name: title, exact: true });
  }

  /**
   * Takes the action as a clerk does: its button, and for an irreversible one (the panel carries
   * `data-confirm`) «بله، ...» in the question that follows. When the form's own checks fail no
   * question is asked, and this returns with the problems shown.
   */
  async take(title: string): Promise<void> {
    const panel = this.panel(title);
    // Read before pressing: a reversible action's panel is gone once the case has moved on.
    const confirms = (await panel.getAttribute('data-confirm')) === 'true';
    await this.press(title);
    if (!confirms) return;
    const question = this.confirmation(title);
    await question.or(panel.locator('[aria-invalid="true"]')).first().waitFor();
    if (await question.isVisible()) {
      await question.getByTestId('confirm-action').click();
      await question.waitFor({ state: 'hidden' });
    }
  }

  /** Only the action's button: an irreversible action then waits on its question. */
  async press(title: string): Promise<void> {
    await this.panel(title).getByRole('button', { name: title, exact: true }).click();
  }

  /** The question before an irreversible action, titled with the action's name. */
  confirmation(title: string) {
    return this.page.getByRole('dialog', { name: title, exact: true });
  }
}
