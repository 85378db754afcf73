import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import '@mantine/core/styles.css';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './app/global.css';
import { preloadPage } from './app/pages';
import { Providers } from './app/providers';
import { router } from './app/router';

preloadPage(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
