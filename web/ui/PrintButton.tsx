import type { ReactNode } from 'react';
import { Button } from '@mantine/core';
import './print.css';

/** Prints the page as the print styles (print.css) lay it out: without the app's frame. */
export function PrintButton({ children, variant = 'filled' }: { children: ReactNode; variant?: 'filled' | 'default' }) {
  return (
    <Button variant={variant} onClick={() => window.print()} data-print="hide">
      {children}
    </Button>
  );
}
