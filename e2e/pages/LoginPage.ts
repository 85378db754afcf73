import type { Page } from 'playwright-core';

/** /login: the staff sign-in form, found by its Persian labels as a person finds it. */
export class LoginPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async goto(): Promise<void> {
    await this.page.goto(`${this.baseUrl}/login`);
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'ورود به سامانه' });
  }

  get alert() {
    return this.page.getByRole('alert');
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('نام کاربری').fill(username);
    await this.page.getByLabel('گذرواژه').fill(password);
    await this.page.getByRole('button', { name: 'ورود' }).click();
  }
}
