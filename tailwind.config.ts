import type { Config } from 'tailwindcss';
import { RESOURCE_COLOR_VARS, THEME_COLOR_VARS } from './src/lib/colors';

const cssVar = (name: string) => `var(${name})`;
const mapVars = (vars: Record<string, string>) =>
  Object.fromEntries(Object.entries(vars).map(([key, name]) => [key, cssVar(name)]));

/**
 * Theme for the dashboard. Every colour is a CSS variable defined in
 * src/index.css for light and dark (`.dark` on <html>), so components
 * never need `dark:` variants for colour. Resource colours come from
 * src/lib/colors.ts, the same map charts read.
 */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        ...mapVars(THEME_COLOR_VARS),
        resource: mapVars(RESOURCE_COLOR_VARS),
      },
      fontFamily: {
        sans: [
          'Inter',
          'InterVariable',
          'ui-sans-serif',
          'system-ui',
          '-apple-system',
          'Segoe UI',
          'Roboto',
          'Helvetica Neue',
          'Arial',
          'sans-serif',
        ],
        mono: ['JetBrains Mono', 'ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
      fontSize: {
        '2xs': ['0.6875rem', { lineHeight: '1rem' }],
      },
      borderRadius: {
        card: '0.625rem',
      },
      boxShadow: {
        card: '0 1px 2px 0 rgb(16 24 40 / 0.04), 0 1px 3px 0 rgb(16 24 40 / 0.04)',
      },
    },
  },
} satisfies Config;
