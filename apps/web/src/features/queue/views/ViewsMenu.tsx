import { Button, Checkbox, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure, useInputState } from '@mantine/hooks';
import { IconBookmark, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { DialogActions } from '../../../components/FormActions';
import { useCan } from '../../auth/useMe';
import { deleteView, fetchView, postView, useViews, viewKeys } from './viewsApi';

/** The link of a saved view: the queue URL with its state, and which view it is. */
export function viewHref(view: { id: number; search: string }): string {
  const params = new URLSearchParams(view.search);
  params.set('view', String(view.id));
  return `/cases?${params.toString()}`;
}

/** The queue URL's state without the page position or the view marker: what a view saves. */
function currentViewSearch(params: URLSearchParams): string {
  const copy = new URLSearchParams(params);
  copy.delete('cursor');
  copy.delete('view');
  return copy.toString();
}

/** `/cases?view=5` alone (a shared link) opens the view's filters, sort and columns. */
function useOpenBareViewLink() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const id = params.get('view');
  const bare = id !== null && /^\d+$/.test(id) && [...params.keys()].every((key) => key === 'view');
  const view = useQuery({
    queryKey: viewKeys.one(Number(id)),
    queryFn: ({ signal }) => fetchView(Number(id), signal),
    enabled: bare,
  });
  useEffect(() => {
    if (bare && view.data) navigate(viewHref(view.data), { replace: true });
  }, [bare, view.data, navigate]);
  return bare ? view : null;
}

export function ViewsMenu() {
  const views = useViews();
  const canShare = useCan('views:share');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const bareLink = useOpenBareViewLink();
  const [opened, { open, close }] = useDisclosure(false);
  const [name, setName] = useInputState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: postView,
    onSuccess: async (view) => {
      close();
      setName('');
      setShared(false);
      await queryClient.invalidateQueries({ queryKey: viewKeys.all });
      navigate(viewHref(view));
    },
  });
  const activeId = Number(params.get('view'));
  const active = views.data?.find((view) => view.id === activeId) ?? null;
  const remove = useMutation({
    mutationFn: deleteView,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: viewKeys.all });
      const rest = new URLSearchParams(params);
      rest.delete('view');
      navigate(`/cases?${rest.toString()}`);
    },
  });
  const mine = views.data?.filter((view) => !view.shared) ?? [];
  const team = views.data?.filter((view) => view.shared) ?? [];

  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="bottom-start" withinPortal withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button
            size="xs"
            variant={active ? 'light' : 'default'}
            leftSection={<IconBookmark size={14} />}
            rightSection={<IconChevronDown size={14} />}
          >
            {active ? `View: ${active.name}` : 'Saved views'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>My views</Menu.Label>
          {mine.length === 0 && <Menu.Item disabled>None saved yet</Menu.Item>}
          {mine.map((view) => (
            <Menu.Item key={view.id} component={Link} to={viewHref(view)}>
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Label>Shared with the team</Menu.Label>
          {team.length === 0 && <Menu.Item disabled>None shared</Menu.Item>}
          {team.map((view) => (
            <Menu.Item key={view.id} component={Link} to={viewHref(view)}>
              {view.name} · {view.owner.name}
            </Menu.Item>
          ))}
          {/* No Menu.Divider: its presentation role is not allowed inside a menu (axe). */}
          <Menu.Item onClick={open}>Save current view…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {active && (active.mine || canShare) && (
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} />}
          loading={remove.isPending}
          onClick={() => remove.mutate(active.id)}
        >
          Delete view
        </Button>
      )}
      {bareLink?.isError && <ErrorState title="The saved view could not be opened" error={bareLink.error} />}
      {remove.isError && <ErrorState title="The view was not deleted" error={remove.error} />}
      <Modal opened={opened} onClose={close} title="Save the current view">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ name: name.trim(), search: currentViewSearch(params), shared });
          }}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Saves the filters, sort and visible columns shown now.
            </Text>
            <TextInput label="Name" value={name} onChange={setName} maxLength={60} data-autofocus />
            {canShare && (
              <Checkbox
                label="Share with the team"
                checked={shared}
                onChange={(event) => setShared(event.currentTarget.checked)}
              />
            )}
            {save.isError && <ErrorState title="The view was not saved" error={save.error} />}
            <DialogActions onCancel={close}>
              <Button type="submit" disabled={name.trim() === ''} loading={save.isPending}>
                Save view
              </Button>
            </DialogActions>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
