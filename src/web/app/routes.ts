import { index, type RouteConfig, route } from '@react-router/dev/routes';

/** The pages of Schakel; the paths are also in lib/paths.ts, which links use. */
export default [
  index('../features/home/routes/home.tsx'),
  route('obstacles', '../features/obstacles/routes/obstacle-list.tsx'),
  route('obstacles/new', '../features/obstacles/routes/obstacle-new.tsx'),
  route('obstacles/:reference', '../features/obstacles/routes/obstacle-detail.tsx'),
  route('obstacles/:reference/edit', '../features/obstacles/routes/obstacle-edit.tsx'),
  route('obstacles/:reference/analysis', '../features/lifecycle/routes/analysis-edit.tsx'),
  route('intake', '../features/lifecycle/routes/intake-queue.tsx'),
  route('obstacles/:reference/decision', '../features/governance/routes/decision-new.tsx'),
  route('obstacles/:reference/routing', '../features/governance/routes/obstacle-routing.tsx'),
  route('decisions', '../features/governance/routes/decisions.tsx'),
  route('decisions/:id', '../features/governance/routes/decision-detail.tsx'),
  route('meetings', '../features/governance/routes/meetings.tsx'),
  route('meetings/:id', '../features/governance/routes/meeting-detail.tsx'),
  route('governing-bodies', '../features/governance/routes/governing-bodies.tsx'),
  route('governing-bodies/:key', '../features/governance/routes/governing-body-edit.tsx'),
  route('sign-in', '../features/account/routes/sign-in.tsx'),
  route('sign-out', '../features/account/routes/sign-out.tsx'),
  route('account', '../features/account/routes/account.tsx'),
  route('password/:token', '../features/account/routes/set-password.tsx'),
  route('admin/users', '../features/admin/routes/users.tsx'),
  route('admin/organisations', '../features/admin/routes/organisations.tsx'),
  route('admin/organisations/:key', '../features/admin/routes/organisation-edit.tsx'),
  route('language', 'routes/language.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
