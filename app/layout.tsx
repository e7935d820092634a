import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers/Providers';
import { AppHeader } from '@/components/shell/AppHeader';
import { THEME_SCRIPT } from '@/components/theme/theme-script';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Switchyard', template: '%s · Switchyard' },
  description: 'Service health, SLOs and traffic policies for your microservice fleet',
};

/**
 * The theme class is set by an inline script before first paint (no light flash for dark-mode users);
 * suppressHydrationWarning on <html> accepts that class, which the server could not know.
 * System fonts only: the app must work without reaching any font CDN.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-1 focus:text-sm">
          Skip to content
        </a>
        <Providers>
          <AppHeader />
          <main id="main" className="mx-auto max-w-7xl px-4 py-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
