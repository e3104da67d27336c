import { listValueSchema } from '@backoffice/contracts';
import {
  DIDIT_SYSTEM_BLOCKLIST_TYPES,
  type DiditClient,
  type DiditListEntryType,
} from '@backoffice/providers/didit';
import { ProviderError } from '@backoffice/providers/http';
import { z } from 'zod';
import type { ActionRow, CallWording } from '../types';

/**
 * Didit calls of the Lists API (docs/providers/didit.md, "Lists"): adding a case's session to lists
 * (Didit takes the value from the session, so no personal data sits in our outbox), and removing an
 * entry by uuid. Each is safe to deliver again: a re-read finds what an earlier attempt left.
 */
export const SessionEntryType = z.enum(DIDIT_SYSTEM_BLOCKLIST_TYPES);
export type SessionEntryType = z.infer<typeof SessionEntryType>;

export const DiditListCalls = [
  z.object({
    operation: z.literal('didit.list_entries_add'),
    sessionId: z.string().min(1),
    reference: z.string(),
    comment: z.string(),
    /** Each target: a list by uuid, or (null) Didit's system blocklist of the entry type. */
    targets: z
      .array(z.object({ listUuid: z.string().min(1).nullable(), entryType: SessionEntryType }))
      .min(1),
  }),
  z.object({
    operation: z.literal('didit.list_entry_remove'),
    reference: z.string(),
    listUuid: z.string().min(1),
    entryUuid: z.string().min(1),
  }),
  /**
   * A typed value (no session behind it). The value is personal data: it sits in this row and on the
   * action only, never in the audit log or the logs.
   */
  z.object({
    operation: z.literal('didit.list_value_add'),
    reference: z.string(),
    listUuid: z.string().min(1),
    entryType: z.string().min(1),
    value: z.string().min(1),
    comment: z.string(),
  }),
] as const;

type ListAdd = z.infer<(typeof DiditListCalls)[0]>;
type ListRemove = z.infer<(typeof DiditListCalls)[1]>;
type ListValueAdd = z.infer<(typeof DiditListCalls)[2]>;
export type DiditListCall = ListAdd | ListRemove | ListValueAdd;

export const isDiditListCall = (call: { operation: string }): call is DiditListCall =>
  call.operation === 'didit.list_entries_add' ||
  call.operation === 'didit.list_entry_remove' ||
  call.operation === 'didit.list_value_add';

/** The params of a list change no case carries, as the lists service stores them on the action. */
export const CaselessListParams = z.discriminatedUnion('change', [
  z.object({
    provider: z.literal('didit'),
    change: z.literal('value_add'),
    listUuid: z.string(),
    listType: z.string(),
    entryType: z.string(),
    /** Normalised by `listValueSchema`; dropped from the action's view (`maskedValue` is shown). */
    value: z.string(),
    maskedValue: z.string(),
  }),
  z.object({
    provider: z.literal('didit'),
    change: z.literal('entry_remove'),
    listUuid: z.string(),
    entryUuid: z.string(),
    entryType: z.string(),
  }),
]);
export type CaselessListParams = z.infer<typeof CaselessListParams>;

/** Transaction 1 of a list change no case carries: the call, from the action's own params. */
export function caselessListCall(action: ActionRow, { reference }: CallWording): DiditListCall {
  const params = CaselessListParams.parse(JSON.parse(action.params));
  if (params.change === 'entry_remove') {
    return {
      operation: 'didit.list_entry_remove',
      reference,
      listUuid: params.listUuid,
      entryUuid: params.entryUuid,
    };
  }
  return {
    operation: 'didit.list_value_add',
    reference,
    listUuid: params.listUuid,
    entryType: params.entryType,
    value: params.value,
    // The reviewer's comment, with our reference so the entry can be traced back to the action.
    comment: action.note ? `${action.note} (${reference})` : reference,
  };
}

/** Both sides in the form `listValueSchema` gives (Didit may store what it was sent, or its own form). */
function sameValue(entryType: string, stored: string | null | undefined, wanted: string): boolean {
  if (!stored) return false;
  const parsed = listValueSchema(entryType)?.safeParse(stored);
  return (parsed?.success ? parsed.data : stored.trim()) === wanted;
}

/** Whether the list already holds this value (an earlier attempt landed, or someone added it meanwhile). */
export async function holdsValue(
  client: DiditClient,
  listUuid: string,
  entryType: string,
  value: string,
): Promise<boolean> {
  const page = await client.listEntries(listUuid, { search: value, limit: 100 });
  return page.results.some((entry) => sameValue(entryType, entry.value, value));
}

async function systemBlocklistUuid(client: DiditClient, entryType: DiditListEntryType): Promise<string> {
  const lists = await client.listLists({ listType: 'blocklist', entryType });
  const list =
    lists.find((candidate) => candidate.is_system === true && candidate.entry_type === entryType) ??
    lists.find((candidate) => candidate.list_type === 'blocklist' && candidate.entry_type === entryType);
  if (!list) {
    throw new ProviderError({
      provider: 'didit',
      operation: 'listLists',
      kind: 'invalid_response',
      retryable: false,
      detail: `Didit shows no ${entryType} blocklist`,
    });
  }
  return list.uuid;
}

/** Whether the list already holds an entry from this session (an earlier attempt landed). */
async function holdsSession(client: DiditClient, listUuid: string, sessionId: string): Promise<boolean> {
  const page = await client.listEntries(listUuid, { search: sessionId, limit: 100 });
  return page.results.some((entry) => entry.reference_session_id === sessionId);
}

/** Whether the entry is still there: the removal is done when it is not. */
async function holdsEntry(client: DiditClient, listUuid: string, entryUuid: string): Promise<boolean> {
  for (let offset = 0; offset < 10_000; offset += 100) {
    const page = await client.listEntries(listUuid, { limit: 100, offset });
    if (page.results.some((entry) => entry.uuid === entryUuid)) return true;
    if (page.results.length < 100 || offset + 100 >= page.count) return false;
  }
  return true;
}

/**
 * Delivers a list call. Returns what Didit already showed when the effect was there (nothing sent), or
 * null when the call was sent.
 */
export async function deliverListCall(
  client: DiditClient,
  call: DiditListCall,
  mayHaveLanded: boolean,
): Promise<string | null> {
  if (call.operation === 'didit.list_value_add') {
    if (mayHaveLanded && (await holdsValue(client, call.listUuid, call.entryType, call.value))) {
      return 'the list already holds this value';
    }
    await client.addListEntry(call.listUuid, { value: call.value, comment: call.comment });
    return null;
  }
  if (call.operation === 'didit.list_entry_remove') {
    if (mayHaveLanded && !(await holdsEntry(client, call.listUuid, call.entryUuid))) {
      return 'the entry is no longer on the list';
    }
    await client.deleteListEntry(call.listUuid, call.entryUuid);
    return null;
  }
  let sent = 0;
  for (const target of call.targets) {
    const listUuid = target.listUuid ?? (await systemBlocklistUuid(client, target.entryType));
    if (mayHaveLanded && (await holdsSession(client, listUuid, call.sessionId))) continue;
    await client.addListEntry(listUuid, { reference_session_id: call.sessionId, comment: call.comment });
    sent++;
  }
  return sent === 0 ? 'the lists already hold this session' : null;
}
