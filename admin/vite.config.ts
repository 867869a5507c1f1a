import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The researcher dashboard. Built to `admin/dist` and served by the API under `/admin/`;
 * in development `npm run dev -w admin` proxies `/api` to the API on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  server: {
    port: 5174,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: true },
      // The dashboard's live updates (socket.io namespace /dashboard).
      '/socket.io': { target: 'http://localhost:3000', changeOrigin: true, ws: true },
    },
  },
  preview: {
    port: 4174,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // One chunk per family of dependencies, so no chunk carries the whole of node_modules
        // and an upgrade of one family does not invalidate the others in browser caches.
        // A group also takes the dependencies of its modules that no higher group took, so
        // the generic vendor group (router, react-query, lodash, ...) outranks react-admin.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 40,
            },
            {
              name: 'mui',
              test: /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group)[\\/]/,
              priority: 30,
            },
            {
              name: 'vendor',
              test: /node_modules[\\/](?!react-admin[\\/]|ra-[^\\/]+[\\/])/,
              priority: 20,
            },
            {
              name: 'react-admin',
              test: /node_modules[\\/](react-admin|ra-[^\\/]+)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
