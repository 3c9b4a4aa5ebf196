import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  CreateUserRequest,
  UserIdParams,
  UserListSchema,
  type UserResponse,
  UserSchema,
} from '../../contracts/users.contract.js';
import { can, denied } from '../../core/access/access.js';
import { addUser, disableUser } from '../../core/identity/add-user.js';
import type { User } from '../../core/identity/user.js';
import { AppError } from '../../core/shared/errors.js';
import type { AppContext } from '../context.js';
import { requireUser } from '../plugins/authentication.js';

const tags = ['users'];

function presentUser(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisation: user.organisation,
    hasPassword: user.hasPassword,
    disabledAt: user.disabledAt ? user.disabledAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    version: user.version,
  };
}

/** Users, for admins (core/access `manage_users`): list, add (without a password), disable. */
export function userRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { identity: store, hasher, commonPasswords, clock, ids } = context;
  const problems = { 401: ProblemSchema, 403: ProblemSchema };

  api.get(
    '/api/v1/users',
    {
      preValidation: requireUser,
      schema: { tags, summary: 'List the users (admins)', response: { 200: UserListSchema, ...problems } },
    },
    async (request, reply) => {
      if (!can(request.actor, 'manage_users')) throw denied(request.actor);
      const users = await store.listUsers();
      return reply.header('cache-control', 'no-store').send({ items: users.map(presentUser) });
    },
  );

  api.post(
    '/api/v1/users',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Add a user (admins)',
        description:
          'Adds a user of one organisation with one role, without a password: the user gets one through an invite (a later issue) or signs in with OpenID Connect. 409 when the address is taken.',
        body: CreateUserRequest,
        response: { 201: UserSchema, 400: ProblemSchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!can(request.actor, 'manage_users')) throw denied(request.actor);
      const user = await addUser({ input: request.body, store, hasher, commonPasswords, clock, ids });
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(presentUser(user));
    },
  );

  api.post(
    '/api/v1/users/:id/disable',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Disable a user (admins)',
        description:
          'The user can no longer sign in; open sessions end and API tokens are revoked. Admins cannot disable themselves.',
        params: UserIdParams,
        response: { 200: UserSchema, ...problems, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (!can(actor, 'manage_users')) throw denied(actor);
      if (actor.kind === 'user' && actor.userId === request.params.id) throw new AppError('forbidden');
      const found = await store.findUserById(request.params.id);
      if (!found) throw new AppError('user_not_found', { params: { user: request.params.id } });
      const user = await disableUser({ email: found.email, store, clock });
      return reply.header('cache-control', 'no-store').send(presentUser(user));
    },
  );
}
