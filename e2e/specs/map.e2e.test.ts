/**
 * The desk's location picker (issue 13) with the tile server out of reach: the map still opens, on
 * a plain grid with a note, a tap sets the coordinates, the marker drags, «clear» empties them, and
 * the place tapped is the place saved. Leaflet is fetched only by the pages that show a map.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { usernameOf } from '../../server/test/app.js';
import { consoleErrors, expectAccessible, openPage, screenshot, type Viewport } from '../fixtures/browser.js';
import { signInThroughApi, useE2e } from '../fixtures/server.js';
import { PropertyPage } from '../pages/PropertyPage.js';
import { faDigits } from '../pages/widgets.js';

/** Nothing listens on port 9 (discard): every tile is refused. */
const TILES = 'http://127.0.0.1:9';
const e2e = useE2e({}, { MAP_TILE_URL: `${TILES}/{z}/{x}/{y}.png` });
const NO_BASE_MAP = 'نقشه پایه در دسترس نیست؛ مسیرها روی زمینه ساده نمایش داده می‌شوند';
const ISFAHAN = { lat: 32.6546, lng: 51.668 };
const ascii = (fa: string) => fa.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/٫/g, '.');

let desk = '';
let owner = '';
let savedId = '';

beforeAll(async () => {
  desk = await usernameOf(e2e.t.db, 'office_operator');
  owner = (await e2e.t.db.selectFrom('persons').select('national_code').where('kind', '=', 'natural').orderBy('national_code').executeTakeFirstOrThrow()).national_code;
});

async function deskPage(viewport: Viewport = 'desktop') {
  const opened = await openPage(e2e.browser, viewport);
  const logged = consoleErrors(opened.page);
  await signInThroughApi(opened.context, e2e.baseUrl, desk);
  const done = async () => {
    expect(opened.errors).toEqual([]);
    // The refused tiles are the point of this spec; anything else in the console is a fault.
    expect(logged.filter((line) => !line.includes(`(${TILES}/`))).toEqual([]);
    await opened.context.close();
  };
  return { ...opened, done };
}

describe('the location picker with no tiles reachable', () => {
  it('picks the place by tapping and dragging on a plain background, clears it, and saves the place tapped', async () => {
    const { page, done } = await deskPage();
    await page.goto(`${e2e.baseUrl}/properties/new`);
    const property = new PropertyPage(page);
    await property.heading.getByText('تشکیل پرونده ملک').waitFor();
    await property.fillIdentifiers({ postalCode: '8174100011', plate: ['19876', '5', '12'], address: 'اصفهان، خیابان هشت بهشت، کوچه ۹، پلاک ۲', landUse: 'مسکونی', landArea: '180' });
    await property.addOwner({ nationalCode: faDigits(owner), shareDang: '6' });

    // The tiles are refused: the note says so and the map is there all the same, in its own LTR box.
    await page.getByText(NO_BASE_MAP).waitFor();
    await property.map.waitFor();
    expect(await property.map.getAttribute('dir')).toBe('ltr');
    expect(await page.locator('.leaflet-tile-loaded').count()).toBe(0);
    expect(await property.coordinates()).toEqual({ lat: '', lng: '' });

    // Up and to the right of the middle (Isfahan) is north and east of it, whatever the page's direction.
    await property.tapMap(80, -50);
    const marker = page.getByRole('img', { name: /^محل انتخاب‌شده/ });
    await marker.waitFor();
    const tapped = await property.coordinates();
    expect(tapped.lat).toMatch(/^[۰-۹]+٫[۰-۹]{6}$/);
    expect(Number(ascii(tapped.lat))).toBeGreaterThan(ISFAHAN.lat);
    expect(Number(ascii(tapped.lng))).toBeGreaterThan(ISFAHAN.lng);

    // Dragged left and down: west and south of where it was.
    const at = (await marker.boundingBox())!;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x + at.width / 2 - 60, at.y + at.height / 2 + 30, { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await property.coordinates()).lng).not.toBe(tapped.lng);
    const dragged = await property.coordinates();
    expect(Number(ascii(dragged.lng))).toBeLessThan(Number(ascii(tapped.lng)));
    expect(Number(ascii(dragged.lat))).toBeLessThan(Number(ascii(tapped.lat)));

    // «Clear» empties both fields and takes the marker away; typing puts it back.
    await page.getByRole('button', { name: 'پاک کردن مختصات' }).click();
    expect(await property.coordinates()).toEqual({ lat: '', lng: '' });
    await expect.poll(() => marker.count()).toBe(0);
    await page.getByLabel(/^عرض جغرافیایی/).fill('۳۲٫۶۶');
    await page.getByLabel(/^طول جغرافیایی/).fill('51.67');
    await marker.waitFor();

    await expectAccessible(page);
    await property.tapMap(-40, 30);
    await expect.poll(async () => (await property.coordinates()).lat).not.toBe('۳۲٫۶۶');
    const chosen = await property.coordinates();
    await screenshot(page, 'map-picker-desktop');
    await property.save();
    await page.waitForURL(/\/properties\/[0-9a-f-]{36}$/);
    savedId = page.url().split('/').at(-1)!;

    const stored = await e2e.t.db.selectFrom('properties').select(['lat', 'lng']).where('id', '=', savedId).executeTakeFirstOrThrow();
    expect(Number(stored.lat)).toBeCloseTo(Number(ascii(chosen.lat)), 6);
    expect(Number(stored.lng)).toBeCloseTo(Number(ascii(chosen.lng)), 6);
    // South-west of the middle of a map that opened on Isfahan, and still in Isfahan.
    expect(Number(stored.lat)).toBeLessThan(ISFAHAN.lat);
    expect(Number(stored.lng)).toBeLessThan(ISFAHAN.lng);
    expect(Math.abs(Number(stored.lat) - ISFAHAN.lat)).toBeLessThan(0.1);
    await done();
  });

  it('opens the saved file on a phone (360 px) at its place, with nothing wider than the screen', async () => {
    expect(savedId).not.toBe('');
    const { page, done } = await deskPage('phone');
    await page.goto(`${e2e.baseUrl}/properties/${savedId}/edit`);
    const property = new PropertyPage(page);
    await property.map.waitFor();
    await page.getByText(NO_BASE_MAP).waitFor();
    const marker = page.getByRole('img', { name: /^محل انتخاب‌شده/ });
    await marker.waitFor();
    // The file's place is in the middle of the map (the view opened on it).
    const map = (await property.map.boundingBox())!;
    const dot = (await marker.boundingBox())!;
    expect(Math.abs(dot.x + dot.width / 2 - (map.x + map.width / 2))).toBeLessThan(4);
    expect(Math.abs(dot.y + dot.height / 2 - (map.y + map.height / 2))).toBeLessThan(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await property.map.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/map-picker-phone.png' });
    await expectAccessible(page);
    await done();
  });

  it('keeps Leaflet out of the staff app\'s first load: it comes in a chunk of its own', () => {
    const dist = path.resolve(import.meta.dirname, '../../dist/web');
    const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, { file: string; imports?: string[]; dynamicImports?: string[] }>;
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      manifest[key]!.imports?.forEach(visit);
    };
    visit('index.html');
    const hasLeaflet = (file: string) => fs.readFileSync(path.join(dist, file), 'utf8').includes('leaflet-pane');
    expect([...seen].map((key) => manifest[key]!.file).filter(hasLeaflet)).toEqual([]);
    expect(Object.values(manifest).some((chunk) => chunk.file.endsWith('.js') && hasLeaflet(chunk.file))).toBe(true);
  });
});
