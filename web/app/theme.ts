import { createTheme, Modal, type CSSVariablesResolver } from '@mantine/core';
import { t } from '../i18n';

// Vazirmatn is self-hosted (imported in main.tsx); Tahoma covers the moment before it loads.
const FONT = 'Vazirmatn, Tahoma, sans-serif';

export const theme = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  // Isfahan's turquoise tiles. Shade 9 puts white button text and links at 5:1 (AA); shade 8 is 3.9:1.
  primaryColor: 'teal',
  primaryShade: 9,
  defaultRadius: 'md',
  components: {
    // The close button of a dialog is only an ✕: it needs a name for screen readers (axe: button-name).
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t.ui.close } } }),
  },
});

// Mantine's "dimmed" grey (gray.6) is 3.3:1 on white, under WCAG AA's 4.5:1 for body text.
// With shade 9 as primary, Mantine hovers a filled button to the lighter shade 8 (white text 3.9:1)
// and writes light-variant text (the active menu entry) in teal.9 on teal.1/teal.2 (4.3:1 and
// less): one darker teal for both keeps them at 5.3:1 or more.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-teal-filled-hover': '#066649',
    '--mantine-color-teal-light-color': '#066649',
  },
  dark: {},
});
