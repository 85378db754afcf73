/**
 * The map as a page shows it: the deployment's map settings fetched, then the Leaflet map
 * (web/ui/MapView.tsx) loaded on first use, so Leaflet is in a chunk of its own and the pages
 * without a map never fetch it.
 */
import { lazy, Suspense } from 'react';
import { t } from '../../i18n';
import type { MapViewProps } from '../../ui/MapView';
import classes from '../../ui/MapView.module.css';
import { useMapSettings } from './maps.queries';

const MapView = lazy(() => import('../../ui/MapView'));

export type CityMapProps = Omit<MapViewProps, 'settings'>;

export function CityMap(props: CityMapProps) {
  const settings = useMapSettings();
  const height = props.height ?? 360;
  const waiting = (text: string, alert = false) => (
    <div className={classes.frame} style={{ height }}>
      <div className={classes.placeholder} role={alert ? 'alert' : 'status'}>
        {text}
      </div>
    </div>
  );
  if (settings.isError) return waiting(t.ui.map.settingsFailed, true);
  if (!settings.data) return waiting(t.ui.map.loading);
  return (
    <Suspense fallback={waiting(t.ui.map.loading)}>
      <MapView {...props} settings={settings.data} />
    </Suspense>
  );
}
