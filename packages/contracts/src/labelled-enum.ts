import { z } from 'zod';

/**
 * An enum whose every value has a display label, written once as `{ value: label }`. The schema's options
 * keep the order of the keys (none may look like an integer: JavaScript would move such a key first).
 */
export function labelledEnum<Labels extends Record<string, string>>(labels: Labels) {
  type Value = Extract<keyof Labels, string>;
  const values = Object.keys(labels) as [Value, ...Value[]];
  return { schema: z.enum(values), labels: labels as Record<Value, string> };
}
