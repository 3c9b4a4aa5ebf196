import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemSchema } from '../../contracts/common.contract.js';
import {
  CreateUserRequest,
  PasswordLinkSchema,
  SetPasswordRequest,
  UserIdParams,
  UserListSchema,
  type UserResponse,
  UserSchema,
} from '../../contracts/users.contract.js';
import { can, denied } from '../../core/access/access.js';
import { addUser, disableUser } from '../../core/identity/add-user.js';
import { issuePasswordLink, setPasswordWithLink } from '../../core/identity/password-links.js';
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
      const user = await addUser({ actor: request.actor, input: request.body, store, hasher, commonPasswords, clock, ids });
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
      const user = await disableUser({ actor: request.actor, email: found.email, store, clock });
      return reply.header('cache-control', 'no-store').send(presentUser(user));
    },
  );

  api.post(
    '/api/v1/users/:id/password-link',
    {
      preValidation: requireUser,
      schema: {
        tags,
        summary: 'Make a one-time link to set a password (admins)',
        description:
          'An invite (valid 7 days) for a user without a password, else a reset (valid 1 hour). The token is shown once and stored as a hash; a new link retires the earlier ones. The user sets the password with POST /api/v1/password.',
        params: UserIdParams,
        response: { 201: PasswordLinkSchema, ...problems, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!can(request.actor, 'manage_users')) throw denied(request.actor);
      const link = await issuePasswordLink({ actor: request.actor, userId: request.params.id, store, clock });
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ token: link.token, purpose: link.purpose, expiresAt: link.expiresAt.toISOString() });
    },
  );

  api.post(
    '/api/v1/password',
    {
      schema: {
        tags,
        summary: 'Set a password with a one-time link (accept an invite, or reset)',
        description:
          'No sign-in needed: the link is the proof. The password must have at least 12 characters and not be a commonly used one. The link is used up and every session of the user ends. 410 `link_invalid` for an unknown, used or expired link.',
        body: SetPasswordRequest,
        response: { 204: z.null().meta({ description: 'Password set' }), 400: ProblemSchema, 410: ProblemSchema },
      },
    },
    async (request, reply) => {
      await setPasswordWithLink({ ...request.body, store, hasher, commonPasswords, clock });
      return reply.header('cache-control', 'no-store').code(204).send(null);
    },
  );
}
