import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, darken } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 6 under white text is 3.5:1; shade 8 passes WCAG AA (4.5:1) for button and badge labels.
  primaryShade: { light: 8, dark: 8 },
  // Filled colours such as green, orange or cyan are too light for white text: Mantine then picks
  // dark text. The threshold is set so every default colour's filled shade reaches 4.5:1.
  autoContrast: true,
  luminanceThreshold: 0.18,
  defaultRadius: 'sm',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '600' },
  components: {
    Table: { defaultProps: { verticalSpacing: 6, horizontalSpacing: 'sm', fz: 'sm' } },
    // Mantine's close buttons are icon-only: without a name a screen reader announces just "button".
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // Toasts: the same unnamed close button, and a titled toast's message is gray 6 (3.3:1 on white).
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
  },
});

// Mantine's light-scheme text tones (dimmed gray 6, coloured text at shade 6 to 9) fall below 4.5:1 on
// white and on the tinted "light" badge backgrounds; reviewers read these all day, so darken them.
// In the dark scheme coloured text (shade 4) and light-variant text (shade 0) already pass.
const tintedColors = Object.keys(DEFAULT_THEME.colors).filter((name) => name !== 'dark' && name !== 'gray');

export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    // Input.Placeholder (e.g. "Any date") is a real element, not ::placeholder; 4.7:1 on white.
    '--mantine-color-placeholder': '#6c757d',
    // Page background behind cards (the queue, case sections): a step off the card colour.
    '--app-page-bg': resolved.colors.gray[0],
    // Field errors (the input's text and its message) default to red 6, 3.3:1 on white.
    '--mantine-color-error': darken(resolved.colors.red[9], 0.25),
    ...Object.fromEntries(
      tintedColors.flatMap((name) => {
        const darkest = resolved.colors[name]?.[9];
        if (!darkest) return [];
        return [
          [`--mantine-color-${name}-text`, darken(darkest, 0.25)],
          [`--mantine-color-${name}-light-color`, darken(darkest, 0.3)],
        ];
      }),
    ),
  },
  dark: {
    // Mantine's dark dimmed (dark 2) is 4.0:1 on the dark body; dark 1 is 7:1.
    '--mantine-color-dimmed': resolved.colors.dark[1],
    // 4.9:1 on the dark input background (Mantine's dark 3 is about 2.5:1).
    '--mantine-color-placeholder': '#9a9a9a',
    '--app-page-bg': resolved.colors.dark[8],
    // Mantine's dark error (red 8) is 3:1 on the dark input; red 4 is above 4.5:1.
    '--mantine-color-error': resolved.colors.red[4],
  },
});
