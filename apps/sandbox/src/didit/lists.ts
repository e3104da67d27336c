import { createHash, randomUUID } from 'node:crypto';
import { DUPLICATE_LIST_ENTRY_DETAIL, SYSTEM_BLOCKLIST_NAMES } from './assumptions.js';
import { detailError } from './http.js';

/**
 * Didit's Lists (`/v3/lists/`): one system blocklist per entry type, provisioned with the application,
 * plus allowlists and custom lists a user creates. The older `/v3/blocklist/` endpoints read and write
 * the system blocklists, so both APIs see the same entries (docs/providers/didit.md, "Lists").
 *
 * The entry types are written out here on purpose rather than imported from the client or the
 * contracts: the sandbox stands for Didit, so a mistake in our client must not become the simulator's.
 */

/** The entry types Didit provisions a system blocklist for: the ones a session yields. */
export const SYSTEM_BLOCKLIST_TYPES = [
  'face',
  'document',
  'phone',
  'email',
  'ip_address',
  'device_fingerprint',
] as const;
export type SessionEntryType = (typeof SYSTEM_BLOCKLIST_TYPES)[number];

export const SANDBOX_LIST_ENTRY_TYPES = [
  ...SYSTEM_BLOCKLIST_TYPES,
  'wallet_address',
  'bank_account',
  'user',
  'business',
  'country',
  'key',
] as const;
export type SandboxListEntryType = (typeof SANDBOX_LIST_ENTRY_TYPES)[number];

export type SandboxListType = 'blocklist' | 'allowlist' | 'custom';

export interface SandboxList {
  uuid: string;
  name: string;
  list_type: SandboxListType;
  entry_type: SandboxListEntryType;
  is_system: boolean;
  created_at: number;
}

export interface SandboxListEntry {
  uuid: string;
  list_uuid: string;
  entry_type: SandboxListEntryType;
  /** What matching compares: a hash of the normalised value, never the value itself. */
  fingerprint: string;
  /** Shown in the console; null for faces (the face is an image, not a value). */
  value: string | null;
  display_label: string | null;
  comment: string | null;
  reference_session_id: string | null;
  created_at: number;
}

/** The same person typed twice must match: case and spacing are not part of the value. */
export function normaliseEntryValue(type: SandboxListEntryType, value: string): string {
  const trimmed = value.trim();
  switch (type) {
    case 'email':
      return trimmed.toLowerCase();
    case 'phone':
      return trimmed.replace(/[\s().-]/g, '');
    case 'document':
    case 'country':
      return trimmed.toUpperCase().replace(/\s/g, '');
    default:
      return trimmed;
  }
}

export function entryFingerprint(type: SandboxListEntryType, value: string): string {
  return createHash('sha256')
    .update(`${type}:${normaliseEntryValue(type, value)}`)
    .digest('hex');
}

export class SandboxLists {
  readonly lists = new Map<string, SandboxList>();
  entries: SandboxListEntry[] = [];

  constructor(private readonly now: () => number) {
    this.provision();
  }

  reset(): void {
    this.lists.clear();
    this.entries = [];
    this.provision();
  }

  private provision(): void {
    for (const type of SYSTEM_BLOCKLIST_TYPES) {
      const uuid = randomUUID();
      this.lists.set(uuid, {
        uuid,
        name: SYSTEM_BLOCKLIST_NAMES[type],
        list_type: 'blocklist',
        entry_type: type,
        is_system: true,
        created_at: this.now(),
      });
    }
  }

  find(uuid: string): SandboxList {
    const list = this.lists.get(uuid);
    if (!list) throw detailError(404, 'Not found.');
    return list;
  }

  systemBlocklist(type: SessionEntryType): SandboxList {
    const list = [...this.lists.values()].find(
      (candidate) =>
        candidate.is_system && candidate.list_type === 'blocklist' && candidate.entry_type === type,
    );
    if (!list) throw new Error(`no system blocklist for ${type}`);
    return list;
  }

  create(input: { name: string; list_type: SandboxListType; entry_type: SandboxListEntryType }): SandboxList {
    if (input.list_type === 'blocklist') {
      throw detailError(400, 'Blocklists are created by the system, one per entry type.');
    }
    const list: SandboxList = { uuid: randomUUID(), ...input, is_system: false, created_at: this.now() };
    this.lists.set(list.uuid, list);
    return list;
  }

  entriesOf(list: SandboxList): SandboxListEntry[] {
    return this.entries.filter((entry) => entry.list_uuid === list.uuid);
  }

  /** Adds an entry; the same value twice in one list is refused, as a unique constraint would. */
  add(
    list: SandboxList,
    input: Pick<
      SandboxListEntry,
      'fingerprint' | 'value' | 'display_label' | 'comment' | 'reference_session_id'
    >,
  ): SandboxListEntry {
    if (this.entriesOf(list).some((entry) => entry.fingerprint === input.fingerprint)) {
      throw detailError(400, DUPLICATE_LIST_ENTRY_DETAIL);
    }
    const entry: SandboxListEntry = {
      uuid: randomUUID(),
      list_uuid: list.uuid,
      entry_type: list.entry_type,
      ...input,
      created_at: this.now(),
    };
    this.entries.push(entry);
    return entry;
  }

  /** Adds unless the list already holds the value (the older blocklist endpoint is idempotent). */
  ensure(
    list: SandboxList,
    input: Pick<SandboxListEntry, 'fingerprint' | 'value' | 'reference_session_id'>,
  ): SandboxListEntry {
    const existing = this.entriesOf(list).find((entry) => entry.fingerprint === input.fingerprint);
    return existing ?? this.add(list, { ...input, display_label: null, comment: null });
  }

  remove(list: SandboxList, entryUuid: string): void {
    const before = this.entries.length;
    this.entries = this.entries.filter(
      (entry) => !(entry.list_uuid === list.uuid && entry.uuid === entryUuid),
    );
    if (this.entries.length === before) throw detailError(404, 'Not found.');
  }

  removeByFingerprint(list: SandboxList, fingerprint: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter(
      (entry) => !(entry.list_uuid === list.uuid && entry.fingerprint === fingerprint),
    );
    return this.entries.length < before;
  }

  /**
   * Whether any list of this kind and entry type holds the fingerprint: a blocklist hit auto-declines a
   * session, an allowlist hit clears the warnings about that value.
   */
  holds(listType: SandboxListType, type: SessionEntryType, fingerprint: string | null): boolean {
    if (fingerprint === null) return false;
    return this.entries.some(
      (entry) =>
        entry.entry_type === type &&
        entry.fingerprint === fingerprint &&
        this.lists.get(entry.list_uuid)?.list_type === listType,
    );
  }
}
