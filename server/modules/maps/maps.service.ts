import type { Static } from 'typebox';
import type { Config } from '../../config.js';
import type { MapSettings } from './maps.schemas.js';

/** The map settings every staff screen draws with: the same for all, from the configuration. */
export function mapSettings(config: Pick<Config, 'map'>): Static<typeof MapSettings> {
  const { tileUrl, attribution, center, zoom } = config.map;
  return { tileUrl, attribution, center: { lat: center[0], lng: center[1] }, zoom };
}
