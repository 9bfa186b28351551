import './generated/antd.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';

// Validation messages of the shared schemas in Chinese; jitless: zod would otherwise probe `new Function`, which the CSP forbids.
z.config({ ...z.locales.zhCN(), jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
