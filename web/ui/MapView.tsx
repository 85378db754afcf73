/**
 * A map drawn with Leaflet: points (numbered in route order), routes as lines, and optionally a
 * place picked by tapping or dragging. Load it through React.lazy (web/features/maps/CityMap.tsx)
 * so Leaflet stays out of the pages that show no map.
 *
 * It works with no tiles: with no tile address, or a tile server that answers none of the tiles,
 * the content is drawn on a light grid and a short note says the base map is missing. Markers are
 * HTML (L.divIcon), so no marker images are fetched either. Leaflet computes positions in LTR, so
 * its box is `dir="ltr"` inside the RTL page; the texts in it are set right to left themselves.
 */
import { useEffect, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { t } from '../i18n';
import classes from './MapView.module.css';
import {
  baseMapMissing, contentKey, labelText, mapColour, orderText, positionsOf, viewFor, type MapPoint, type MapRoute, type MapSettings, type View,
} from './map.model';

export type { LatLngPair, MapPoint, MapRoute, MapSettings } from './map.model';

export interface MapViewProps {
  /** Tiles, credit line, where to open (GET /api/map/settings). Read when the map is made. */
  settings: MapSettings;
  /** What the map shows, for screen readers («نقشه محل ملک»). */
  label: string;
  points?: readonly MapPoint[];
  routes?: readonly MapRoute[];
  /** The place picked, drawn as a marker that can be dragged; null: none yet. */
  picked?: { lat: number; lng: number } | null;
  /** Given: a tap on the map, or dragging the picked marker, picks a place. */
  onPick?: (lat: number, lng: number) => void;
  /** Given: a point's marker can be clicked (and reached by keyboard). */
  onPointClick?: (id: string) => void;
  /** CSS height of the map; 360 px by default. */
  height?: number | string;
}

const NONE: readonly never[] = [];

export function MapView({ settings, label, points = NONE, routes = NONE, picked = null, onPick, onPointClick, height = 360 }: MapViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const content = useRef<L.LayerGroup | null>(null);
  const pickedMarker = useRef<L.Marker | null>(null);
  const fitted = useRef<string | null>(null);
  const [missing, setMissing] = useState(() => baseMapMissing(settings.tileUrl, { loaded: 0, failed: 0 }));
  // The latest handlers, for Leaflet's listeners bound once.
  const handlers = useRef({ onPick, onPointClick });
  handlers.current = { onPick, onPointClick };
  const pickable = onPick !== undefined;

  // The map itself, made once (its settings are the deployment's, fixed while the page lives).
  useEffect(() => {
    const m = L.map(box.current!, { zoomControl: false, attributionControl: false });
    L.control.zoom({ zoomInTitle: t.ui.map.zoomIn, zoomOutTitle: t.ui.map.zoomOut }).addTo(m);
    // The tile server's credit only (it leaves with the tiles); no Latin «Leaflet» link on a Persian page.
    if (settings.tileUrl !== null) L.control.attribution({ prefix: false }).addTo(m);
    setView(m, viewFor([], settings));
    content.current = L.layerGroup().addTo(m);
    if (settings.tileUrl !== null) {
      const tiles = { loaded: 0, failed: 0 };
      const layer = L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 });
      const check = () => setMissing(baseMapMissing(settings.tileUrl, tiles));
      layer.on('tileload', () => {
        tiles.loaded += 1;
        check();
      });
      layer.on('tileerror', () => {
        tiles.failed += 1;
        check();
      });
      // Every tile of the view asked for and none came: the server is out of reach. Stop asking at
      // each pan and zoom; the grid under it is the map now.
      // After Leaflet has finished with the tile that fired this: it reads the map again once 'load' returns.
      layer.on('load', () => {
        if (tiles.loaded === 0 && tiles.failed > 0) setTimeout(() => layer.remove(), 0);
      });
      layer.addTo(m);
    }
    m.on('click', (e: L.LeafletMouseEvent) => handlers.current.onPick?.(e.latlng.lat, e.latlng.lng));
    // Leaflet measures its box once; a box that grows or shrinks with the page must be measured again.
    const observer = new ResizeObserver(() => m.invalidateSize());
    observer.observe(box.current!);
    map.current = m;
    return () => {
      observer.disconnect();
      m.remove();
      map.current = null;
      content.current = null;
      pickedMarker.current = null;
      fitted.current = null;
    };
  }, [settings]);

  // Points and routes: drawn again when they change, the view fitted to them when they are other ones.
  useEffect(() => {
    const m = map.current;
    const layer = content.current;
    if (!m || !layer) return;
    layer.clearLayers();
    for (const route of routes) {
      const line = L.polyline(route.path.map(([lat, lng]) => L.latLng(lat, lng)), { color: route.colour, weight: 4, opacity: 0.85 });
      if (route.label) line.bindTooltip(textElement(route.label), { sticky: true, className: classes.tooltip });
      layer.addLayer(line);
    }
    for (const point of points) layer.addLayer(pointMarker(point, onPointClick !== undefined, (id) => handlers.current.onPointClick?.(id)));
    const key = contentKey(points, routes);
    if (fitted.current !== key) {
      fitted.current = key;
      // A form opened on a file with coordinates shows that place; a map of points fits them.
      if (points.length > 0 || routes.length > 0 || picked) setView(m, viewFor(positionsOf(points, routes, picked), settings));
    }
    // The picked place is only in the first fit, so picking never moves the view under the finger.
  }, [points, routes, onPointClick !== undefined, settings]);

  // The picked place: a marker to drag, moved when the place is typed, gone when cleared.
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    if (!picked) {
      pickedMarker.current?.remove();
      pickedMarker.current = null;
      return;
    }
    const at = L.latLng(picked.lat, picked.lng);
    if (!pickedMarker.current) {
      const marker = L.marker(at, { icon: pickedIcon(), draggable: pickable, keyboard: false, autoPan: true });
      marker.on('dragend', () => {
        const p = marker.getLatLng();
        handlers.current.onPick?.(p.lat, p.lng);
      });
      pickedMarker.current = marker.addTo(m);
    } else {
      pickedMarker.current.setLatLng(at);
    }
    // Typed, or found by the phone, out of sight: bring it into view.
    if (!m.getBounds().contains(at)) setView(m, { centre: [at.lat, at.lng], zoom: Math.max(m.getZoom(), 15) });
  }, [picked?.lat, picked?.lng, pickable]);

  return (
    <div className={classes.frame} style={{ height }}>
      <div ref={box} dir="ltr" role="region" aria-label={label} className={`${classes.map}${pickable ? ` ${classes.pickable}` : ''}`} />
      <div className={classes.note} role="status">
        {missing ? t.ui.map.noBaseMap : ''}
      </div>
    </div>
  );
}

export default MapView;

/** Straight there, not animated: the view a page opens with is where it stays, for people and tests alike. */
function setView(m: L.Map, view: View): void {
  if ('fit' in view) m.fitBounds(L.latLngBounds(view.fit.map(([lat, lng]) => L.latLng(lat, lng))), { padding: [24, 24], maxZoom: 17, animate: false });
  else m.setView(L.latLng(view.centre[0], view.centre[1]), view.zoom, { animate: false });
}

/** Text for inside Leaflet's LTR box: set right to left, and as text (labels are data, never HTML). */
function textElement(text: string): HTMLElement {
  const span = document.createElement('span');
  span.dir = 'rtl';
  span.textContent = labelText(text);
  return span;
}

function pointMarker(point: MapPoint, clickable: boolean, onClick: (id: string) => void): L.Marker {
  const numbered = point.order !== undefined;
  const size = numbered ? 26 : 16;
  const dot = document.createElement('span');
  dot.className = classes.marker ?? '';
  dot.style.background = point.colour ?? mapColour(0);
  dot.textContent = orderText(point.order);
  dot.setAttribute('role', 'img');
  dot.setAttribute('aria-label', labelText(point.label));
  const icon = L.divIcon({ html: dot, className: classes.markerBox, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  const marker = L.marker([point.lat, point.lng], { icon, keyboard: clickable, riseOnHover: true });
  marker.bindTooltip(textElement(point.label), { direction: 'top', offset: [0, -size / 2], className: classes.tooltip });
  if (clickable) marker.on('click', () => onClick(point.id));
  return marker;
}

function pickedIcon(): L.DivIcon {
  const dot = document.createElement('span');
  dot.className = `${classes.marker} ${classes.picked}`;
  dot.setAttribute('role', 'img');
  dot.setAttribute('aria-label', t.ui.map.picked);
  dot.title = t.ui.map.picked;
  return L.divIcon({ html: dot, className: classes.markerBox, iconSize: [22, 22], iconAnchor: [11, 11] });
}
