import type { Page } from 'playwright-core';

/** The signed-in frame: header with the person and their role, the menu, the page's heading. */
export class StaffShell {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  get userName() {
    return this.page.getByTestId('user-name');
  }

  get userRole() {
    return this.page.getByTestId('user-role');
  }

  get menu() {
    return this.page.getByRole('navigation', { name: 'منوی اصلی' });
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'خروج' }).click();
  }
}
