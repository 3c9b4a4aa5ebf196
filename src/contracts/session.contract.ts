import { z } from 'zod';

/** The roles of core/access (repeated here: contracts import no other layer; contracts.test.ts keeps them equal). */
export const ROLE_KEYS = ['admin', 'secretariat', 'partner', 'department', 'decision_maker', 'observer'] as const;
/** What a caller may do on the platform as a whole (core/access PLATFORM_ABILITIES). */
export const PLATFORM_ABILITY_KEYS = [
  'create_obstacle',
  'manage_users',
  'manage_organisations',
  'manage_governance',
  'record_decision',
  'work_intake',
  'manage_norms',
  'manage_competences',
  'read_my_obstacles',
  'read_routing_alerts',
  'manage_selection',
  'score_selection',
  'read_state_of_play',
  'manage_state_of_play',
  'read_escalations',
] as const;

export const SignInRequest = z
  .strictObject({
    email: z.string().min(1).max(254),
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'SignInRequest' });

export const SessionSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.enum(ROLE_KEYS),
      organisation: z.string().meta({ description: 'The key of the organisation the user belongs to.' }),
    }),
    abilities: z
      .array(z.enum(PLATFORM_ABILITY_KEYS))
      .meta({ description: 'What the caller may do on the platform as a whole; per obstacle, see its `abilities`.' }),
    csrfToken: z.string().nullable().meta({
      description:
        'Send as the X-CSRF-Token header with every POST, PATCH, PUT and DELETE made with the session cookie (null with an API token).',
    }),
    expiresAt: z.string().nullable().meta({
      description: 'When the session ends at the latest (it also ends after the idle timeout); null with an API token.',
    }),
  })
  .meta({ id: 'Session' });

export const AbilitiesSchema = z
  .object({
    abilities: z
      .array(z.enum(PLATFORM_ABILITY_KEYS))
      .meta({ description: 'What the caller (the public too) may do on the platform as a whole.' }),
  })
  .meta({ id: 'Abilities' });

export type AbilitiesResponse = z.infer<typeof AbilitiesSchema>;
export type SignInBody = z.infer<typeof SignInRequest>;
export type SessionResponse = z.infer<typeof SessionSchema>;

export const SignInProvidersSchema = z
  .object({
    items: z.array(
      z.object({
        key: z.string().meta({ description: 'Sign in with GET /api/v1/session/oidc/{key}.' }),
        name: z.string().meta({ description: 'The name to show, in the requested language when one is configured.' }),
      }),
    ),
  })
  .meta({ id: 'SignInProviders' });

export const OidcProviderParams = z.object({ key: z.string().min(1).max(40) });

export const OidcStartQuery = z.strictObject({
  returnTo: z.string().max(2000).optional().meta({
    description: 'A path of this site to return to after sign-in (default `/`); another site, `//host` or `/\\host` is refused.',
  }),
});

export type SignInProvidersResponse = z.infer<typeof SignInProvidersSchema>;
