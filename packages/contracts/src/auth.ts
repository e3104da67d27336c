import { z } from 'zod';

export const Role = z.enum(['analyst', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

/** What an analyst may do: work and decide cases. */
const ANALYST_PERMISSIONS = [
  'cases:read',
  'cases:decide',
  'cases:comment',
  'cases:assign',
  'cases:media',
] as const;

/** What a manager may do besides: audit, approve four-eyes requests, reverse decisions. */
const MANAGER_PERMISSIONS = [
  'actions:approve',
  'actions:manage',
  'audit:read',
  'system:reconcile',
  /** Define, rename and retire the tags analysts put on cases. */
  'tags:manage',
  /** Share a saved queue view with the whole team. */
  'views:share',
  /** Take a case away from the person working on it (bulk reassign or unassign). */
  'cases:reassign',
  // Second-line QA: managers review sampled closed cases and set the sampling.
  'qa:review',
  'qa:settings',
  /** See Didit's lists, add to them and request removals (a second manager approves a removal). */
  'lists:manage',
  /** See and resolve drift between our decisions and the providers'. */
  'drift:resolve',
  /** Clear the flag ingestion or QA put on a case, with a reason. */
  'cases:clear_flag',
] as const;

/** What an admin may do besides: configure. */
const ADMIN_PERMISSIONS = ['thresholds:manage', 'users:manage', 'settings:manage'] as const;

/**
 * What a route may require. Deny by default: a route that declares none is refused to everyone
 * but anonymous public routes (health, sign-in, provider webhooks) which are listed explicitly.
 */
export const Permission = z.enum([...ANALYST_PERMISSIONS, ...MANAGER_PERMISSIONS, ...ADMIN_PERMISSIONS]);
export type Permission = z.infer<typeof Permission>;

const ANALYST: Permission[] = [...ANALYST_PERMISSIONS];
const MANAGER: Permission[] = [...ANALYST, ...MANAGER_PERMISSIONS];
const ADMIN: Permission[] = [...MANAGER, ...ADMIN_PERMISSIONS];

/** Analysts decide cases; managers also audit, approve four-eyes requests and reverse decisions; admins also configure. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  analyst: ANALYST,
  manager: MANAGER,
  admin: ADMIN,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const LoginRequest = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who a user is, as both the signed-in user and the admin's user list show it. */
const UserIdentity = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
});

export const Me = UserIdentity.extend({ permissions: z.array(Permission) });
export type Me = z.infer<typeof Me>;

export const UserView = UserIdentity.extend({
  disabled: z.boolean(),
  lastLoginAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof UserView>;

/** At least 12 characters: long passphrases beat composition rules (NIST SP 800-63B). */
export const Password = z.string().min(12, 'Use at least 12 characters.').max(256);

export const CreateUserRequest = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  role: Role,
  password: Password,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: Role.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, 'Change at least one field.');
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;
