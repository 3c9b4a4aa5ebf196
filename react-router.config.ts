import type { Config } from '@react-router/dev/config';

/** React Router's framework mode: server-rendered, the app under src/web/app, the build in dist/web. */
export default {
  appDirectory: 'src/web/app',
  buildDirectory: 'dist/web',
  ssr: true,
} satisfies Config;
