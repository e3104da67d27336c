import type { ListEntryView, ListView } from '@backoffice/contracts';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { fetchListEntries, fetchLists } from '../../api/endpoints';
import { ErrorState } from '../../components/ErrorState';
import { DialogActions } from '../../components/FormActions';
import { formatDateTime } from '../../components/format';
import { type UrlStateCodec, useUrlState } from '../../components/useUrlState';
import { ACTION_STATUS_LABELS } from '../actions/labels';
import { AddEntryDialog, entryKindLabel } from './AddEntryDialog';
import { listKeys, useListChange } from './useListChange';

const PAGE_SIZE = 25;

interface ListsState {
  list: string | null;
  search: string;
  page: number;
}

const codec: UrlStateCodec<ListsState> = {
  parse(params) {
    const page = Number(params.get('page'));
    return {
      list: params.get('list') || null,
      search: (params.get('search') ?? '').slice(0, 100),
      page: Number.isInteger(page) && page > 1 ? page : 1,
    };
  },
  format(state) {
    const params = new URLSearchParams();
    if (state.list) params.set('list', state.list);
    if (state.search) params.set('search', state.search);
    if (state.page > 1) params.set('page', String(state.page));
    return params;
  },
  // Another list or another search starts from the first page.
  update: (current, change) => ({
    ...current,
    ...change,
    page: change.page ?? (change.list !== undefined || change.search !== undefined ? 1 : current.page),
  }),
};

const typeLabel = entryKindLabel;
const listLabel = (list: ListView) => `${list.name} (${list.listType}, ${typeLabel(list.entryType)})`;

function RemovalDialog({
  list,
  entry,
  onClose,
}: {
  list: ListView;
  entry: ListEntryView | null;
  onClose: () => void;
}) {
  const [comment, setComment] = useInputState('');
  const change = useListChange();
  return (
    <Modal opened={entry !== null} onClose={onClose} title="Request removal from the list">
      {entry && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            change.mutate(
              { kind: 'remove', list: list.uuid, entry: entry.uuid, comment: comment.trim() },
              {
                onSuccess: () => {
                  setComment('');
                  onClose();
                },
              },
            );
          }}
        >
          <Stack>
            <Text size="sm">
              A second manager must approve the removal before Didit is told; until then the entry stays on
              the list and later sessions that match it are still declined.
            </Text>
            <Textarea
              label="Why remove it"
              value={comment}
              onChange={setComment}
              maxLength={500}
              required
              data-autofocus
            />
            <DialogActions onCancel={onClose}>
              <Button type="submit" color="red" disabled={!comment.trim()} loading={change.isPending}>
                Request removal
              </Button>
            </DialogActions>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function EntriesTable({
  entries,
  onRemove,
}: {
  entries: ListEntryView[];
  onRemove: (entry: ListEntryView) => void;
}) {
  return (
    <Table striped highlightOnHover aria-label="List entries">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Entry</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th>Comment</Table.Th>
          <Table.Th>Added</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.uuid}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {entry.maskedValue ?? 'Face image'}
              </Text>
            </Table.Td>
            <Table.Td>
              {entry.caseId !== null ? (
                <Anchor component={Link} to={`/cases/${entry.caseId}`} size="sm" fw={600}>
                  Case {entry.caseId}
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  {entry.referenceSessionId ? 'A session not in this back-office' : 'Added by value'}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{entry.comment ?? '—'}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{entry.createdAt ? formatDateTime(entry.createdAt) : '—'}</Text>
            </Table.Td>
            <Table.Td>
              {entry.pendingRemoval ? (
                <Badge color="violet" variant="light">
                  Removal: {ACTION_STATUS_LABELS[entry.pendingRemoval.status]} (by{' '}
                  {entry.pendingRemoval.requestedBy.name})
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  On the list
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                color="red"
                disabled={entry.pendingRemoval !== null}
                onClick={() => onRemove(entry)}
                aria-label={`Remove entry ${entry.maskedValue ?? 'face image'} from the list`}
              >
                Remove
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Managers' view of Didit's blocklists, allowlists and custom lists. */
export function ListsPage() {
  const [state, setState] = useUrlState(codec);
  const [searchDraft, setSearchDraft] = useState(state.search);
  const [removing, setRemoving] = useState<ListEntryView | null>(null);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    document.title = 'Lists · Compliance review';
    return () => {
      document.title = 'Compliance review';
    };
  }, []);
  useEffect(() => setSearchDraft(state.search), [state.search]);

  const lists = useQuery({ queryKey: listKeys.all, queryFn: ({ signal }) => fetchLists(signal) });
  const selected = lists.data?.find((list) => list.uuid === state.list) ?? lists.data?.[0] ?? null;
  const entries = useQuery({
    queryKey: listKeys.entries(selected?.uuid ?? '', state.search, state.page),
    queryFn: ({ signal }) =>
      fetchListEntries(
        selected?.uuid ?? '',
        { search: state.search, offset: (state.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
        signal,
      ),
    enabled: selected !== null,
  });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Lists
      </Title>
      <Text size="sm" c="dimmed">
        Didit's blocklists (one per entry type), allowlists and custom lists. A session whose face, document,
        phone, e-mail, IP address or device is on a blocklist is declined automatically; one on an allowlist
        is let through the checks about that value. Values are masked.
      </Text>
      {lists.isError ? (
        <ErrorState title="Could not load the lists" error={lists.error} onRetry={() => lists.refetch()} />
      ) : (
        <Group align="flex-end" wrap="wrap">
          <Select
            label="List"
            data={(lists.data ?? []).map((list) => ({ value: list.uuid, label: listLabel(list) }))}
            value={selected?.uuid ?? null}
            onChange={(value) => setState({ list: value })}
            allowDeselect={false}
            w={360}
            disabled={!lists.data}
          />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setState({ search: searchDraft.trim() });
            }}
          >
            <Group align="flex-end" gap="xs">
              <TextInput
                label="Search"
                placeholder="Session id, comment or value"
                value={searchDraft}
                onChange={(event) => setSearchDraft(event.currentTarget.value)}
                maxLength={100}
                w={280}
              />
              <Button type="submit" variant="default">
                Search
              </Button>
            </Group>
          </form>
        </Group>
      )}
      {selected && (
        <>
          <Group>
            <Button onClick={() => setAdding(true)}>Add entry</Button>
          </Group>
          <AddEntryDialog
            key={selected.uuid}
            list={selected}
            opened={adding}
            onClose={() => setAdding(false)}
          />
        </>
      )}
      {entries.isError ? (
        <ErrorState
          title="Could not load the entries"
          error={entries.error}
          onRetry={() => entries.refetch()}
        />
      ) : entries.data && selected ? (
        <Stack gap="xs" component="section" aria-labelledby="lists-entries-heading">
          <Group gap="xs">
            <Title order={2} size="h4" id="lists-entries-heading">
              Entries of {selected.name}
            </Title>
            <Badge variant="light" color="gray" radius="sm">
              {entries.data.count}
            </Badge>
          </Group>
          {entries.data.entries.length === 0 ? (
            <Text size="sm" c="dimmed" fs="italic" py="md">
              No entries{state.search ? ` match “${state.search}”` : ''}.
            </Text>
          ) : (
            <EntriesTable entries={entries.data.entries} onRemove={setRemoving} />
          )}
          {entries.data.count > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(entries.data.count / PAGE_SIZE)}
              value={state.page}
              onChange={(page) => setState({ page })}
              aria-label="Entry pages"
            />
          )}
          <RemovalDialog list={selected} entry={removing} onClose={() => setRemoving(null)} />
        </Stack>
      ) : null}
    </Stack>
  );
}
