import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [reactRouter()],
  build: { target: 'es2022' },
  // The Fastify server serves the built bundle; Vite's own server is not used for the app.
  server: { port: 5173, strictPort: false },
});
