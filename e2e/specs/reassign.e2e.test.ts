/**
 * Choosing an inspector on the case page (ارجاع به مامور بازدید): the list holds only the inspectors
 * the server accepts, with their open visits and the current one marked, and choosing each one in
 * turn succeeds. The automatic assignment at intake is signed by the system, not the desk clerk.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, usernameOf, type Client } from '../../server/test/app.js';
import { districtProperty, registerCase } from '../../server/test/factories.js';
import { consoleErrors, expectAccessible, openPage, screenshot } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { CasePage } from '../pages/CasePage.js';
import { faDigits } from '../pages/widgets.js';

const e2e = useE2e();
const PANEL = 'ارجاع به مامور بازدید';
const AUTOMATIC = 'خودکار (کم‌کارترین مامور واجد شرایط)';

interface Listed { id: string; firstName: string; lastName: string; openAssignments: number; current: boolean; district: { number: number } }
let kase: { id: string; version: number; inspector: { id: string } };
let reviewer: Client;
let architect3: string;

/** A valid national code (check digit) from nine digits. */
function nationalCode(nine: string): string {
  const sum = [...nine].reduce((s, d, i) => s + Number(d) * (10 - i), 0) % 11;
  return nine + String(sum < 2 ? sum : 11 - sum);
}

beforeAll(async () => {
  const t = e2e.t;
  const admin = await signIn(t.app, 'admin');
  const d3 = await t.db.selectFrom('districts').select('id').where('number', '=', 3).executeTakeFirstOrThrow();
  // District 3 has one urbanism inspector in the demo seed: two more, so there is a choice to make.
  for (const [n, lastName] of [[1, 'کاظمی'], [2, 'رضوی']] as const) {
    const res = await admin.post('/api/staff', {
      username: `e2e.insp${n}`, firstName: 'مریم', lastName, nationalCode: nationalCode(`12700020${n}`), mobile: `0913111200${n}`,
      role: 'inspector', districtId: d3.id, specialty: 'urbanism', password: 'a-long-initial-pass',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const operator = await signIn(t.app, await usernameOf(t.db, 'office_operator', { districtNumber: 3 }));
  kase = await registerCase(operator, await districtProperty(t.db, 3));
  reviewer = await signIn(t.app, 'd3-reviewer1');
  architect3 = (
    await t.db.selectFrom('staff').innerJoin('districts', 'districts.id', 'staff.district_id').select('staff.id')
      .where('staff.role', '=', 'inspector').where('staff.specialty', '=', 'architecture').where('districts.number', '=', 3)
      .executeTakeFirstOrThrow()
  ).id;
});

const serverList = async (): Promise<Listed[]> => (await reviewer.get(`/api/requests/${kase.id}/eligible-inspectors`)).json().items;
const nameOf = (i: { firstName: string; lastName: string }) => `${i.firstName} ${i.lastName}`;

describe('reassigning a case to another inspector', () => {
  it('lists only the inspectors the server accepts, the current one marked, and each choice succeeds', async () => {
    const { page, context, errors } = await openPage(e2e.browser);
    const logged = consoleErrors(page);
    await signInThroughApi(context, e2e.baseUrl, 'd3-reviewer1');
    await page.goto(`${e2e.baseUrl}/requests/${kase.id}`);
    const casePage = new CasePage(page);
    await casePage.reached('inspector_assigned');

    // The automatic assignment at intake is signed by the system on the timeline.
    await expect.poll(() => casePage.timelineItems.filter({ hasText: 'سامانه میز خدمت (خودکار)' }).count()).toBe(1);
    // With no desk role beside it: the system did it, not a clerk.
    expect(await casePage.timelineItems.filter({ hasText: 'سامانه میز خدمت (خودکار) (' }).count()).toBe(0);

    const panel = casePage.panel(PANEL);
    const select = panel.getByRole('combobox', { name: 'مامور بازدید', exact: true });
    const options = async () => {
      await select.click();
      const list = page.getByRole('listbox');
      await list.waitFor();
      const shown = await list.getByRole('option').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', disabled: e.getAttribute('aria-disabled') === 'true' || e.hasAttribute('data-combobox-disabled') })));
      return shown;
    };

    const listed = await serverList();
    expect(listed.length).toBeGreaterThanOrEqual(3);
    let shown = await options();
    await screenshot(page, 'reassign-list-desktop');
    // Exactly the server's list (plus the automatic choice): the district's own, then those covering it with their
    // district named, each with its open visits in Persian digits.
    const districtPart = (i: Listed) => (i.district.number === 3 ? '' : ` — منطقه ${faDigits(String(i.district.number))}`);
    expect(shown.map((o) => o.text)).toEqual([
      AUTOMATIC,
      ...listed.map((i) => `${nameOf(i)}${i.current ? ' (مامور فعلی)' : ''}${districtPart(i)} — ${faDigits(String(i.openAssignments))} بازدید باز`),
    ]);
    expect(listed.some((i) => i.district.number !== 3)).toBe(true);
    expect(shown.filter((o) => o.disabled).map((o) => o.text)).toEqual([expect.stringContaining('(مامور فعلی)')]);
    // The district's architect (refused by the server for an urbanism visit) is not offered.
    const architect = (await e2e.t.db.selectFrom('staff').select(['first_name', 'last_name']).where('id', '=', architect3).executeTakeFirstOrThrow());
    expect(shown.some((o) => o.text.startsWith(`${architect.first_name} ${architect.last_name}`))).toBe(false);
    await page.keyboard.press('Escape');

    // Every choosable inspector, one after another, through the form.
    const choices = listed.filter((i) => !i.current);
    let assignments = await casePage.timelineItems.count();
    for (const choice of choices) {
      shown = await options();
      const option = shown.find((o) => o.text.startsWith(nameOf(choice)))!;
      expect(option.disabled).toBe(false);
      await page.getByRole('option', { name: option.text, exact: true }).click();
      await panel.getByRole('button', { name: PANEL, exact: true }).click();
      // The page follows: a new timeline line, and the new inspector is the marked, unchoosable one.
      await casePage.timelineItems.nth(assignments).waitFor();
      assignments++;
      expect((await serverList()).find((i) => i.current)?.id).toBe(choice.id);
      await expect.poll(() => panel.getByRole('combobox', { name: 'مامور بازدید', exact: true }).isEnabled()).toBe(true);
      shown = await options();
      expect(shown.find((o) => o.disabled)?.text).toContain(`${nameOf(choice)} (مامور فعلی)`);
      await page.keyboard.press('Escape');
      expect(await panel.getByRole('alert').count()).toBe(0);
    }
    const after = (await reviewer.get(`/api/requests/${kase.id}`)).json();
    expect(after.inspector.id).toBe(choices.at(-1)!.id);
    expect(after.timeline.filter((e: { action: string }) => e.action === 'assign_inspector')).toHaveLength(1 + choices.length);

    await expectAccessible(page);
    expect(errors).toEqual([]);
    expect(logged).toEqual([]);
    await context.close();
  }, 180_000);

  it('reads at 360 px', async () => {
    const { page, context, errors } = await openPage(e2e.browser, 'phone');
    await signInThroughApi(context, e2e.baseUrl, 'd3-reviewer1');
    await page.goto(`${e2e.baseUrl}/requests/${kase.id}`);
    await new CasePage(page).reached('inspector_assigned');
    await new CasePage(page).panel(PANEL).getByRole('combobox', { name: 'مامور بازدید', exact: true }).click();
    await page.getByRole('listbox').waitFor();
    await screenshot(page, 'reassign-list-mobile');
    expect(errors).toEqual([]);
    await context.close();
  });
});
