import { describe, expect, it } from 'vitest';
import { DAY_END, DAY_START, isfahanDay } from './day.instance.js';
import { districtNeighbours } from '../server/seed/isfahan.data.js';

describe('the synthetic Isfahan day', () => {
  const day = isfahanDay({ seed: 7 });

  it('has 350 visits and the seed’s 32 inspectors, each starting and ending at a district office', () => {
    expect(day.jobs).toHaveLength(350);
    expect(day.vehicles).toHaveLength(32);
    expect(day.points).toHaveLength(15 + 350);
    for (const v of day.vehicles) {
      expect(v.start).toBeLessThan(15);
      expect(v.end).toBe(v.start);
      expect([v.shiftStart, v.shiftEnd, v.maxJobs]).toEqual([7.5 * 3600, 14.5 * 3600, 14]);
      expect(v.areas!.length).toBeGreaterThanOrEqual(4);
      expect(v.areas![0]).toBe(day.homeArea[v.id]);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(isfahanDay({ seed: 7 })).toEqual(day);
    expect(isfahanDay({ seed: 8 }).jobs).not.toEqual(day.jobs);
  });

  it('every visit has at least one inspector with its specialty covering its district', () => {
    for (const job of day.jobs) {
      expect(day.vehicles.some((v) => v.skills!.includes(job.skill!) && v.areas!.includes(job.area!)), job.id).toBe(true);
    }
  });

  it('windows, times on site and the mix are as described', () => {
    const appointments = day.jobs.filter((j) => j.ready > DAY_START || j.due < DAY_END);
    expect(appointments.length / 350).toBeGreaterThan(0.33);
    expect(appointments.length / 350).toBeLessThan(0.47);
    for (const j of appointments) {
      expect(j.due - j.ready).toBe(7200);
      expect(j.ready).toBeGreaterThanOrEqual(DAY_START);
      expect(j.due).toBeLessThanOrEqual(DAY_END);
    }
    for (const j of day.jobs) {
      expect(j.service).toBeGreaterThanOrEqual(20 * 60);
      expect(j.service).toBeLessThanOrEqual(45 * 60);
    }
    const bySkill = (s: string) => day.jobs.filter((j) => j.skill === s).length;
    expect(bySkill('urbanism')).toBeGreaterThan(bySkill('architecture'));
    expect(bySkill('urbanism')).toBeGreaterThan(bySkill('civil'));
  });

  it('neighbours: at least the three nearest, mutual, the nearest first', () => {
    const n = districtNeighbours();
    expect(n.size).toBe(15);
    for (const [d, near] of n) {
      expect(near.length).toBeGreaterThanOrEqual(3);
      expect(near).not.toContain(d);
      for (const m of near) expect(n.get(m)).toContain(d);
    }
    // District 1 (32.660, 51.676): district 3 (32.654, 51.665) is about 1.2 km away, the nearest;
    // district 8 (32.702, 51.660) is nearest to 14 (32.700, 51.685), 12 and 7 (map of the seed's centres).
    expect(n.get(1)![0]).toBe(3);
    expect(n.get(8)!.slice(0, 3)).toEqual([14, 12, 7]);
  });
});
