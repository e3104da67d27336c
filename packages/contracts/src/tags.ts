import { z } from 'zod';

/** The palette a tag can take (Mantine colour names); a fixed list, so a colour is never free text. */
export const TagColour = z.enum([
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
]);
export type TagColour = z.infer<typeof TagColour>;

/**
 * A short label ("sanctions follow-up", "EDD-2"): letters, digits, spaces and a little punctuation, at
 * most 40 characters. Tag names go into the audit log, so they are labels, never notes about a person.
 */
export const TagName = z
  .string()
  .trim()
  .min(1, 'Give the tag a name.')
  .max(40, 'Keep tag names to 40 characters.')
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} _.&/-]*$/u,
    'Use letters, digits, spaces and - _ . & / only (start with a letter or digit).',
  );

export const Tag = z.object({
  id: z.number().int(),
  name: z.string(),
  colour: TagColour,
  /** A retired tag stays on the cases that carry it but can no longer be added. */
  retired: z.boolean(),
});
export type Tag = z.infer<typeof Tag>;

export const CreateTagRequest = z.object({ name: TagName, colour: TagColour });
export type CreateTagRequest = z.infer<typeof CreateTagRequest>;

/** Rename, recolour, retire (`retired: true`) or bring back (`retired: false`) a tag. */
export const UpdateTagRequest = z
  .object({ name: TagName.optional(), colour: TagColour.optional(), retired: z.boolean().optional() })
  .refine((value) => Object.values(value).some((field) => field !== undefined), {
    message: 'Change at least one of name, colour or retired.',
  });
export type UpdateTagRequest = z.infer<typeof UpdateTagRequest>;
