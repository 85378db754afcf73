/**
 * A synthetic Isfahan inspection day (issue 13, `npm run bench:day`): the seed's 15 districts and
 * 32 inspectors (server/seed/isfahan.data.ts), and a day of visits drawn from a seeded generator.
 * The figures below are assumptions for the benchmark, not measurements of the city; each says why.
 *
 * - Visits: `visits` (350, the city-wide day), district drawn in proportion to its active
 *   desks (ACTIVE_OFFICES_PER_DISTRICT, 3 to 7: the busier districts have more desks), scattered
 *   uniformly ±0.012° (about ±1.3 km) around the district's centre, as the seed scatters its
 *   property files.
 * - Service and specialty: a visit mix over the catalogue's services (below), urbanism most common;
 *   the specialty is the service's own (SERVICES[].inspectorSpecialty), time on site 20 to 45 min.
 * - Appointments: 40% of visits have an owner's 2-hour window (service begins inside it) starting
 *   on the half hour from 07:30 to 12:30; the rest are open all day.
 * - Inspectors: every inspector in the seed's STAFF, working 07:30-14:30 Tehran (seconds of the
 *   day), starting and ending at their district's centre (the district office), at most 14 visits,
 *   covering their home district and its neighbours: the 3 nearest by centre, made mutual
 *   (`districtNeighbours`).
 *
 * Pure and deterministic for a seed (platform/random.ts mulberry32); no travel times here, only
 * the points: the caller makes the matrix (bench/day.ts uses the haversine estimate).
 */
import type { Specialty } from '../contracts/roles.js';
import { SERVICES } from '../server/modules/catalog/index.js';
import { mulberry32 } from '../server/platform/random.js';
import { type LatLng } from '../server/platform/routing/routing.travel.js';
import type { RoutingJob, RoutingVehicle } from '../server/platform/routing/routing.types.js';
import { ACTIVE_OFFICES_PER_DISTRICT, DISTRICT_CENTRES, STAFF, districtNeighbours } from '../server/seed/isfahan.data.js';

const HOUR = 3600;
/** The working day, seconds from midnight Tehran time: 07:30 to 14:30. */
export const DAY_START = 7.5 * HOUR;
export const DAY_END = 14.5 * HOUR;
export const DAILY_CAP = 14;
export const APPOINTMENT_SHARE = 0.4;
const WINDOW = 2 * HOUR;
/** Same spread as the seed's property files around their district centre. */
const SCATTER_DEG = 0.024;
const CITY_BOX = { minLat: 32.585, maxLat: 32.715, minLng: 51.585, maxLng: 51.775 };

/**
 * Visits a day by service (weights per 100) and time on site. The mix is of visits, not of cases
 * (history.ts weighs the cases: inquiries dominate there, but many are answered from the file);
 * it is set so that each specialty's share of the visits is near its share of the inspectors
 * (15 urbanism, 9 architecture, 8 civil: 47 / 28 / 25%), as a district would staff for it.
 */
export const VISIT_MIX: readonly { service: string; weight: number; minutes: number }[] = [
  { service: 'property_inspection', weight: 20, minutes: 30 },
  { service: 'bank_inquiry', weight: 12, minutes: 20 },
  { service: 'notary_transfer_inquiry', weight: 10, minutes: 20 },
  { service: 'agency_inquiry', weight: 5, minutes: 25 },
  { service: 'no_violation_certificate', weight: 28, minutes: 30 },
  { service: 'excavation_permit', weight: 18, minutes: 25 },
  { service: 'completion_certificate', weight: 7, minutes: 45 },
];

export interface SyntheticDay {
  /** Locations: the 15 district offices first (district order), then one point per visit (job order). */
  points: LatLng[];
  /** One vehicle per inspector (seed's STAFF order); id = username, areas = district numbers as text. */
  vehicles: RoutingVehicle[];
  /** The visits in intake order; id `v001`..; skill = specialty, area = district number. */
  jobs: RoutingJob[];
  /** Inspector → home district (the vehicle's `areas` also hold the neighbours). */
  homeArea: Record<string, string>;
  /** Visit → its service code (for the reader; the solver needs only the specialty). */
  service: Record<string, string>;
}


/** Index into `weights` drawn in proportion to the weights. */
function weighted(rand: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rand() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

export function isfahanDay({ seed = 1, visits = 350 }: { seed?: number; visits?: number } = {}): SyntheticDay {
  const rand = mulberry32(seed);
  const districts = [...DISTRICT_CENTRES.keys()].sort((a, b) => a - b);
  const office = new Map(districts.map((n, i) => [n, i]));
  const points: LatLng[] = districts.map((n) => ({ ...DISTRICT_CENTRES.get(n)! }));
  const neighbours = districtNeighbours();

  const vehicles: RoutingVehicle[] = [];
  const homeArea: Record<string, string> = {};
  for (const s of STAFF) {
    if (s.role !== 'inspector' || s.districtNumber === undefined || s.specialty === undefined) continue;
    const home = s.districtNumber;
    vehicles.push({
      id: s.username,
      start: office.get(home)!,
      end: office.get(home)!,
      shiftStart: DAY_START,
      shiftEnd: DAY_END,
      maxJobs: DAILY_CAP,
      skills: [s.specialty],
      areas: [home, ...neighbours.get(home)!].map(String),
    });
    homeArea[s.username] = String(home);
  }

  const specialtyOf = new Map<string, Specialty | null>(SERVICES.map((s) => [s.code, s.inspectorSpecialty]));
  const mix = VISIT_MIX.map((m) => {
    const specialty = specialtyOf.get(m.service);
    if (!specialty) throw new Error(`visit mix: ${m.service} is not a catalogue service with an inspector`);
    return { ...m, specialty };
  });
  const districtWeights = districts.map((n) => ACTIVE_OFFICES_PER_DISTRICT[n - 1] ?? 0);

  const jobs: RoutingJob[] = [];
  const service: Record<string, string> = {};
  for (let i = 0; i < visits; i++) {
    const district = districts[weighted(rand, districtWeights)]!;
    const centre = DISTRICT_CENTRES.get(district)!;
    const lat = Math.min(CITY_BOX.maxLat, Math.max(CITY_BOX.minLat, centre.lat + (rand() - 0.5) * SCATTER_DEG));
    const lng = Math.min(CITY_BOX.maxLng, Math.max(CITY_BOX.minLng, centre.lng + (rand() - 0.5) * SCATTER_DEG));
    const kind = mix[weighted(rand, mix.map((m) => m.weight))]!;
    const appointment = rand() < APPOINTMENT_SHARE;
    // Windows start on the half hour, 07:30 to 12:30, so that every one ends by 14:30.
    const from = DAY_START + 1800 * Math.floor(rand() * 11);
    const id = `v${String(i + 1).padStart(3, '0')}`;
    points.push({ lat, lng });
    jobs.push({
      id,
      location: points.length - 1,
      service: kind.minutes * 60,
      ready: appointment ? from : DAY_START,
      due: appointment ? from + WINDOW : DAY_END,
      skill: kind.specialty,
      area: String(district),
    });
    service[id] = kind.service;
  }
  return { points, vehicles, jobs, homeArea, service };
}
