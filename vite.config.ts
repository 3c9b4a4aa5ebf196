import { reactRouter } from '@react-router/dev/vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Utrecht React bundle (one file, no `sideEffects` field) ends each component with
 * `X.displayName = 'X'`: an assignment, so the bundler keeps every component, used or not
 * (about 60 kB gzip). Dropping those lines lets tree-shaking leave out the unused ones; React
 * DevTools then shows the function names instead.
 */
function utrechtTreeShaking(): Plugin {
  return {
    name: 'schakel:utrecht-tree-shaking',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@utrecht/component-library-react/dist/index.mjs')) return null;
      return { code: code.replace(/^[A-Za-z_$][\w$]*\.displayName = '[^']*';$/gm, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [utrechtTreeShaking(), reactRouter()],
  build: {
    target: 'es2022',
    rollupOptions: {
      // The Utrecht components are top-level forwardRef() calls: pure, so unused ones are left out.
      treeshake: { manualPureFunctions: ['forwardRef', 'createContext', 'memo'] },
    },
  },
  // The Fastify server serves the built bundle; Vite's own server is not used for the app.
  server: { port: 5173, strictPort: false },
});
