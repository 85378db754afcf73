/**
 * Crescent visibility (رؤیت هلال): a provisional start for each Hijri month, for years whose
 * official calendar is not yet published.
 *
 * Iran's calendar authority starts a month on the day after the evening the new crescent can be
 * seen from somewhere in Iran. This model asks the same question with astronomy: on each evening
 * after the new moon it evaluates B. D. Yallop's q criterion (NAO Technical Note 69, 1997) at the
 * "best time" after sunset at several cities spread across Iran; the first evening on which q
 * clears the threshold at any of them ends the old month. The threshold is calibrated on the
 * official month starts (holidays.official.ts); see docs/decisions/0018-official-holidays.md.
 */
import {
  AngleFromSun,
  Body,
  EquatorFromVector,
  GeoVector,
  Horizon,
  MakeTime,
  Observer,
  RotateVector,
  Rotation_EQJ_EQD,
  SearchMoonPhase,
  SearchRiseSet,
  type AstroTime,
} from 'astronomy-engine';
import { addDays } from './calendar.js';

export interface Site {
  name: string;
  latitude: number;
  longitude: number;
}

/** Provincial capitals at Iran's four corners and middle; the west sees the Moon latest after sunset. */
export const IRAN_SITES: readonly Site[] = [
  { name: 'Tehran', latitude: 35.69, longitude: 51.39 },
  { name: 'Isfahan', latitude: 32.65, longitude: 51.67 },
  { name: 'Mashhad', latitude: 36.3, longitude: 59.6 },
  { name: 'Tabriz', latitude: 38.08, longitude: 46.29 },
  { name: 'Kermanshah', latitude: 34.31, longitude: 47.07 },
  { name: 'Ahvaz', latitude: 31.32, longitude: 48.67 },
  { name: 'Shiraz', latitude: 29.59, longitude: 52.58 },
  { name: 'Bandar Abbas', latitude: 27.18, longitude: 56.27 },
  { name: 'Zahedan', latitude: 29.5, longitude: 60.86 },
];

/**
 * Yallop's zone boundaries: q > -0.160 (zone C) "may need optical aid to find the crescent before
 * it can be seen with the naked eye"; q > -0.232 (zone D) "visible with optical aid only".
 * Iran accepts sightings through a telescope, and the calibration agrees: zone D's boundary
 * reproduces 31 of the 33 official month starts on file (all 17 moon-sighting reports), zone C's 29.
 */
export const VISIBILITY_THRESHOLD = -0.232;

const DEG = Math.PI / 180;
const EARTH_RADIUS_KM = 6378.14;
const AU_KM = 149_597_870.7;

/** Geocentric, airless altitude of a body (Yallop's ARCV is geocentric). */
function geocentricAltitude(body: Body, time: AstroTime, observer: Observer): number {
  const ofDate = RotateVector(Rotation_EQJ_EQD(time), GeoVector(body, time, true));
  const eq = EquatorFromVector(ofDate);
  return Horizon(time, observer, eq.ra, eq.dec).altitude;
}

/**
 * Yallop's q for the evening of a Tehran-local civil date at one site, or null when the Moon is not
 * yet born at sunset (conjunction after it) or sets before the Sun.
 */
export function yallopQ(isoDate: string, site: Site): number | null {
  const observer = new Observer(site.latitude, site.longitude, 0);
  // Sunset over Iran falls between 13:00 and 16:00 UTC: search from 08:00 UTC of that civil date.
  const from = MakeTime(new Date(`${isoDate}T08:00:00Z`));
  const sunset = SearchRiseSet(Body.Sun, observer, -1, from, 1);
  if (!sunset) return null;
  const newMoon = SearchMoonPhase(0, sunset.AddDays(-3), 3);
  if (!newMoon || newMoon.ut > sunset.ut) return null; // not born before sunset
  const moonset = SearchRiseSet(Body.Moon, observer, -1, sunset, 1);
  if (!moonset || moonset.ut - sunset.ut > 0.5) return null; // Moon below the horizon at sunset
  const lag = moonset.ut - sunset.ut;
  const best = sunset.AddDays((4 / 9) * lag);

  const arcv = geocentricAltitude(Body.Moon, best, observer) - geocentricAltitude(Body.Sun, best, observer);
  const arcl = AngleFromSun(Body.Moon, best);
  const moonKm = GeoVector(Body.Moon, best, true).Length() * AU_KM;
  const parallaxArcmin = (Math.asin(EARTH_RADIUS_KM / moonKm) / DEG) * 60;
  const moonAlt = geocentricAltitude(Body.Moon, best, observer);
  // Topocentric semi-diameter (arcmin), then the crescent's width W'.
  const sd = 0.27245 * parallaxArcmin * (1 + Math.sin(moonAlt * DEG) * Math.sin((parallaxArcmin / 60) * DEG));
  const w = sd * (1 - Math.cos(arcl * DEG));
  return (arcv - (11.8371 - 6.3226 * w + 0.7319 * w ** 2 - 0.1018 * w ** 3)) / 10;
}

/** Best q over the sites on one evening (null when no site has the Moon up after a post-conjunction sunset). */
export function bestQ(isoDate: string, sites: readonly Site[] = IRAN_SITES): number | null {
  let best: number | null = null;
  for (const site of sites) {
    const q = yallopQ(isoDate, site);
    if (q !== null && (best === null || q > best)) best = q;
  }
  return best;
}

/**
 * The Tehran-local date on which the month following the given new moon begins: the day after the
 * first evening (from the conjunction's own) whose best q clears the threshold. A month has at most
 * 30 days, so the second evening after the first candidate starts it regardless.
 */
export function monthStartAfter(newMoon: Date, threshold = VISIBILITY_THRESHOLD, sites: readonly Site[] = IRAN_SITES): string {
  // The conjunction's civil date in Tehran (UTC+3:30 is exact enough here: it only picks the evening).
  let evening = new Date(newMoon.getTime() + 3.5 * 3_600_000).toISOString().slice(0, 10);
  for (let i = 0; i < 2; i++) {
    const q = bestQ(evening, sites);
    if (q !== null && q > threshold) return addDays(evening, 1);
    evening = addDays(evening, 1);
  }
  return addDays(evening, 1);
}

/** New moons (conjunctions) from `fromIso` to `toIso` (Gregorian, UTC). */
export function newMoonsBetween(fromIso: string, toIso: string): Date[] {
  const out: Date[] = [];
  const end = new Date(`${toIso}T00:00:00Z`).getTime();
  let t: AstroTime | null = MakeTime(new Date(`${fromIso}T00:00:00Z`));
  while (t) {
    const found: AstroTime | null = SearchMoonPhase(0, t, 40);
    if (!found || found.date.getTime() > end) break;
    out.push(found.date);
    t = found.AddDays(1);
  }
  return out;
}
