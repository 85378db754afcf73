import { Type } from 'typebox';
import { Nullable } from '../../platform/schemas.js';

export const LatLng = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
});

/** How the web app draws a map (MAP_* in docs/operations.md). */
export const MapSettings = Type.Object({
  tileUrl: Nullable(Type.String({ description: 'Leaflet tile template ({z}/{x}/{y}, maybe {s}); null: no base map, points and routes on a plain background' })),
  attribution: Type.String({ description: 'HTML credit line the tile server asks for' }),
  center: Type.Object(LatLng.properties, { description: 'where a map with nothing on it opens' }),
  zoom: Type.Integer({ minimum: 1, maximum: 19, description: 'the zoom it opens at' }),
});
