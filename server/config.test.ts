import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('config: routing (the inspection planner travel times)', () => {
  it('defaults to the built-in estimate: 25 km/h, detour 1.35, no routing server', () => {
    expect(parseConfig({}).routing).toEqual({ speedKmh: 25, detourFactor: 1.35, osrmUrl: null });
  });

  it('reads decimal speed and detour factor, and the OSRM address without its trailing slash', () => {
    const config = parseConfig({ ROUTING_SPEED_KMH: '22.5', ROUTING_DETOUR_FACTOR: '1.4', OSRM_URL: ' http://osrm.internal:5000/ ' });
    expect(config.routing).toEqual({ speedKmh: 22.5, detourFactor: 1.4, osrmUrl: 'http://osrm.internal:5000' });
    expect(Object.isFrozen(config.routing)).toBe(true);
  });

  it.each([
    ['ROUTING_SPEED_KMH', 'fast'],
    ['ROUTING_SPEED_KMH', '0'],
    ['ROUTING_SPEED_KMH', '500'],
    ['ROUTING_DETOUR_FACTOR', '0.8'],
    ['ROUTING_DETOUR_FACTOR', 'NaN'],
    ['OSRM_URL', 'osrm.internal:5000'],
    ['OSRM_URL', 'ftp://osrm.internal'],
    ['OSRM_URL', 'not a url'],
  ])('refuses to start on %s=%s, naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
