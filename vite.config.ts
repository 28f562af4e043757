import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA is served by server/ (npm start) or by `npm run dev`, which proxies the API to it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    // dist/.vite/manifest.json: read by scripts/bundle-size.ts to check per-route budgets.
    manifest: true,
    // No inline scripts or styles: the server's CSP forbids them.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/clusters': 'http://127.0.0.1:8080',
      '/config.json': 'http://127.0.0.1:8080',
    },
  },
});
