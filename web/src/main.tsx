import { StrictMode } from 'react';
import { installStyleNonce } from './lib/cspNonce';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { Root } from './Root';

installStyleNonce();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
