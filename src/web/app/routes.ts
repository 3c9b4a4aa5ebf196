import { index, type RouteConfig, route } from '@react-router/dev/routes';

/** The pages of Schakel; the paths are also in lib/paths.ts, which links use. */
export default [
  index('../features/home/routes/home.tsx'),
  route('obstacles', '../features/obstacles/routes/obstacle-list.tsx'),
  route('obstacles/new', '../features/obstacles/routes/obstacle-new.tsx'),
  route('obstacles/:reference', '../features/obstacles/routes/obstacle-detail.tsx'),
  route('obstacles/:reference/edit', '../features/obstacles/routes/obstacle-edit.tsx'),
  route('language', 'routes/language.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
