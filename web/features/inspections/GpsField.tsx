import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatNumber, t } from '../../i18n';
import classes from './inspections.module.css';
import type { DraftGps } from './report.model';

type Problem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

interface GpsFieldProps {
  value: DraftGps | null;
  onChange: (gps: DraftGps) => void;
  /** The property file's location: the fallback when the phone gives none. */
  property: { lat: number; lng: number } | null;
  error?: string;
  readOnly: boolean;
}

const PROBLEM_OF: Record<number, Problem> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };
// Degrees to six places (about 10 cm), Persian digits and decimal sign, no thousands grouping.
const degrees = new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 6, useGrouping: false });

/**
 * Where the inspector stood: the phone's position with its accuracy, asked for when the form
 * opens and again on request. The property's own location stands in only by the inspector's
 * choice, with a warning that stays on screen.
 */
export function GpsField({ value, onChange, property, error, readOnly }: GpsFieldProps) {
  const m = t.inspections.report;
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setProblem('unsupported');
      return;
    }
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const { latitude, longitude, accuracy } = position.coords;
        onChange({ lat: latitude, lng: longitude, accuracyM: Math.round(accuracy), source: 'device' });
      },
      (failure) => {
        setLocating(false);
        setProblem(PROBLEM_OF[failure.code] ?? 'unavailable');
      },
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 },
    );
  }, [onChange]);

  // Asked once when the form opens, unless the draft already holds a position.
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (asked || readOnly || value) return;
    setAsked(true);
    locate();
  }, [asked, readOnly, value, locate]);

  const problemText: Record<Problem, string> = { denied: m.gpsDenied, unavailable: m.gpsUnavailable, timeout: m.gpsTimeout, unsupported: m.gpsUnsupported };

  return (
    <Stack gap="sm" data-testid="gps">
      <div aria-live="polite">
        {locating && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{m.gpsLocating}</Text>
          </Group>
        )}
        {!locating && value?.source === 'device' && (
          <Text size="sm" fw={600} c="teal.9">
            {m.gpsCaptured(formatNumber(value.accuracyM ?? 0))}
          </Text>
        )}
        {!locating && problem && (
          <Text size="sm" c="red.8">
            {problemText[problem]}
          </Text>
        )}
      </div>
      {value?.source === 'property' && (
        <Alert color="yellow" title={m.gpsPropertyWarningTitle} data-testid="gps-fallback-warning">
          {m.gpsPropertyWarning}
        </Alert>
      )}
      {value && (
        <Text size="sm" c="dimmed">
          {m.gpsCoordinates(degrees.format(value.lat), degrees.format(value.lng))}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red.8">
          {error}
        </Text>
      )}
      {!readOnly && (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Button variant="light" onClick={locate} loading={locating} className={classes.touch}>
            {m.gpsRetry}
          </Button>
          {property && !value && (
            <Button variant="default" onClick={() => onChange({ ...property, accuracyM: null, source: 'property' })} className={classes.touch}>
              {m.gpsUseProperty}
            </Button>
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
