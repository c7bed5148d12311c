/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards /api to the backend (the gateway serves the stream, the writer the
// inbox; in the local stack both sit behind one address), and /dev to the local stack's token issuer. Override it with BACKEND_URL,
// e.g. `BACKEND_URL=http://127.0.0.1:9090 npm run dev`.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  const backend = env.BACKEND_URL || 'http://127.0.0.1:8080';
  return {
    plugins: [react()],
    server: {
      host: '127.0.0.1',
      port: 5173,
      proxy: {
        '/api': { target: backend, changeOrigin: false },
        '/dev': { target: backend, changeOrigin: false },
      },
    },
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
      unstubGlobals: true,
    },
  };
});
