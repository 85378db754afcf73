/**
 * The public tracking page: citizens, often on a phone and a slow line, with no account. Plain
 * React and a little CSS (no Mantine, no TanStack) keep it under 100 KB of JavaScript gzipped;
 * e2e/specs/bundle-size.e2e.test.ts holds that line.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import '../public-ui/public.css';
import { TrackPage } from './TrackPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TrackPage />
  </StrictMode>,
);
