import type { Config } from 'tailwindcss';

// Tailwind v4 reads this through `@config` in app/globals.css. Dark mode follows the `dark` class on
// <html>, which the theme toggle sets (and which defaults to the OS preference).
const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  darkMode: 'class',
  theme: {
    extend: {
      fontFamily: {
        sans: ['ui-sans-serif', 'system-ui', 'DejaVu Sans', 'sans-serif'],
        mono: ['ui-monospace', 'DejaVu Sans Mono', 'monospace'],
      },
    },
  },
};

export default config;
