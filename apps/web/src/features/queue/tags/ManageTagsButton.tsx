import { type Tag, TagColour } from '@backoffice/contracts';
import { Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure, useInputState } from '@mantine/hooks';
import { IconTags } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { caseKeys } from '../../../app/queryKeys';
import { ErrorState } from '../../../components/ErrorState';
import { useCan } from '../../auth/useMe';
import { TagBadge } from './TagBadge';
import { patchTag, postTag, tagKeys, useTags } from './tagsApi';

const COLOURS = TagColour.options.map((colour) => ({
  value: colour,
  label: colour[0]!.toUpperCase() + colour.slice(1),
}));

function TagRow({ tag }: { tag: Tag }) {
  const queryClient = useQueryClient();
  const [name, setName] = useInputState(tag.name);
  const update = useMutation({
    mutationFn: (request: Parameters<typeof patchTag>[1]) => patchTag(tag.id, request),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tagKeys.all });
      await queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
  return (
    <Table.Tr>
      <Table.Td>
        <TagBadge tag={tag} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            aria-label={`New name for ${tag.name}`}
            value={name}
            onChange={setName}
            error={update.isError ? (update.error as Error).message : undefined}
          />
          <Button
            size="xs"
            variant="default"
            disabled={name.trim() === tag.name || name.trim() === ''}
            loading={update.isPending}
            onClick={() => update.mutate({ name: name.trim() })}
          >
            Rename
          </Button>
        </Group>
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          color={tag.retired ? 'blue' : 'red'}
          onClick={() => update.mutate({ retired: !tag.retired })}
          aria-label={`${tag.retired ? 'Restore' : 'Retire'} ${tag.name}`}
        >
          {tag.retired ? 'Restore' : 'Retire'}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Managers define the tag list: create, rename, retire (a retired tag stays on old cases) or restore. */
export function ManageTagsButton() {
  const canManage = useCan('tags:manage');
  const [opened, { open, close }] = useDisclosure(false);
  const tags = useTags();
  const queryClient = useQueryClient();
  const [name, setName] = useInputState('');
  const [colour, setColour] = useState<TagColour>('blue');
  const create = useMutation({
    mutationFn: postTag,
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: tagKeys.all });
    },
  });
  if (!canManage) return null;
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconTags size={14} />} onClick={open}>
        Manage tags
      </Button>
      <Modal opened={opened} onClose={close} title="Tags" size="lg">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Short labels only: tag names are written to the audit log. A retired tag stays on the cases that
            carry it but can no longer be added.
          </Text>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate({ name: name.trim(), colour });
            }}
          >
            <Group align="flex-end" gap="xs">
              <TextInput size="xs" label="New tag" value={name} onChange={setName} maxLength={40} />
              <Select
                size="xs"
                label="Colour"
                data={COLOURS}
                value={colour}
                allowDeselect={false}
                onChange={(value) => value && setColour(value as TagColour)}
                w={120}
              />
              <Button size="xs" type="submit" disabled={name.trim() === ''} loading={create.isPending}>
                Create tag
              </Button>
            </Group>
          </form>
          {create.isError && <ErrorState title="The tag was not created" error={create.error} />}
          <Table aria-label="Tags">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tag</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tags.data ?? []).map((tag) => (
                <TagRow key={`${tag.id}:${tag.name}`} tag={tag} />
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </Modal>
    </>
  );
}
