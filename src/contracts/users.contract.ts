import { z } from 'zod';
import { ROLE_KEYS } from './session.contract.js';

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLE_KEYS),
    organisation: z.string(),
    hasPassword: z.boolean().meta({ description: 'False until the user has set a password (invites come later).' }),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });

export const UserListSchema = z.object({ items: z.array(UserSchema) }).meta({ id: 'UserList' });

export const CreateUserRequest = z
  .strictObject({
    email: z.string().min(1).max(254),
    name: z.string().min(1).max(200),
    role: z.enum(ROLE_KEYS),
    organisation: z.string().min(1).max(100),
  })
  .meta({ id: 'CreateUserRequest' });

export const UserIdParams = z.object({ id: z.string().min(1).max(100) });

export type UserResponse = z.infer<typeof UserSchema>;

export const PasswordLinkSchema = z
  .object({
    token: z.string().meta({ description: 'The one-time secret of the link: shown once; hand it to the user.' }),
    purpose: z.enum(['invite', 'reset']).meta({ description: '`invite` for a user without a password, else `reset`.' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'PasswordLink' });

export const SetPasswordRequest = z
  .strictObject({
    token: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'SetPasswordRequest' });

export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  })
  .meta({ id: 'ChangePasswordRequest' });
