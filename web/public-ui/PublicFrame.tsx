import type { ReactNode } from 'react';
import { t } from '../i18n';

/**
 * The frame of the light public pages (/track, /verify): the municipality's masthead, the page
 * under its one h1, and a footer where the page has one. Plain elements styled by public.css.
 */
export function PublicFrame({ title, footer, children }: { title: string; footer?: ReactNode; children: ReactNode }) {
  return (
    <>
      <header className="masthead">
        <p className="brand">{t.app.name}</p>
        <p>{t.app.tagline}</p>
      </header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
      {footer && <footer>{footer}</footer>}
    </>
  );
}
