/**
 * The public letter-verification page (/verify/:serial): a notary or a bank clerk, with no account,
 * checks an answer letter from the QR code printed on it. As light as /track (it shares its
 * frame and stylesheet, web/public-ui): plain React, no Mantine.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import '../public-ui/public.css';
import './verify.css';
import { VerifyPage } from './VerifyPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <VerifyPage />
  </StrictMode>,
);
