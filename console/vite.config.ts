import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the Koa server at /admin (server/src/http/static-console.ts); everything in assets/ is
// content-hashed and cached for a year, index.html is revalidated on every visit.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    // Only the framework goes to its own chunk (cached across releases); antd stays with the pages that use it,
    // so the login page does not load every component (research/console-and-charts.md §A).
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 10 }] } },
    },
  },
  server: { proxy: { '/admin/api': 'http://localhost:3000' } },
});
