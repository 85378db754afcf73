import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Vazirmatn is self-hosted (imported in main.tsx); Tahoma covers the moment before it loads.
const FONT = 'Vazirmatn, Tahoma, sans-serif';

export const theme = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  // Isfahan's turquoise tiles. Shade 9 puts white button text and links at 5:1 (AA); shade 8 is 3.9:1.
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
});

// Mantine's "dimmed" grey (gray.6) is 3.3:1 on white, under WCAG AA's 4.5:1 for body text.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
