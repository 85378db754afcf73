/**
 * Status colours dark enough for white text (and as text on white) at WCAG AA: Mantine's own
 * green.9 and orange.9 are 4.4:1 and 4.3:1; these are 6.1:1 and 5.6:1. red.9 is 5.5:1 already.
 */
export const STATUS_GREEN = '#237032';
export const STATUS_ORANGE = '#b34400';
export const STATUS_RED = 'red.9';
export const STATUS_GREY = 'gray.8';
