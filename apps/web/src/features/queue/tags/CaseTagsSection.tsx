import { ActionIcon, Group, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { caseKeys } from '../../../app/queryKeys';
import { ErrorState } from '../../../components/ErrorState';
import { useCan } from '../../auth/useMe';
import { Section } from '../../case/Section';
import { TagBadge } from './TagBadge';
import { TagSelect } from './TagSelect';
import { deleteCaseTag, fetchCaseTags, putCaseTag, tagKeys, useTags } from './tagsApi';

/** The case page's tags: shown to everyone, added and removed by whoever may comment. */
export function CaseTagsSection({ caseId }: { caseId: number }) {
  const canEdit = useCan('cases:comment');
  const queryClient = useQueryClient();
  const tags = useTags();
  const caseTags = useQuery({
    queryKey: tagKeys.ofCase(caseId),
    queryFn: ({ signal }) => fetchCaseTags(caseId, signal),
  });
  const change = useMutation({
    mutationFn: ({ tagId, add }: { tagId: number; add: boolean }) =>
      add ? putCaseTag(caseId, tagId) : deleteCaseTag(caseId, tagId),
    onSuccess: async (next) => {
      queryClient.setQueryData(tagKeys.ofCase(caseId), next);
      await queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    },
  });
  const current = caseTags.data ?? [];
  const addable = (tags.data ?? []).filter((tag) => !tag.retired && !current.some((t) => t.id === tag.id));

  return (
    <Section id="tags" title="Tags">
      {caseTags.isError ? (
        <ErrorState title="The tags could not be loaded" error={caseTags.error} />
      ) : (
        <Group gap="xs" wrap="wrap" mb={canEdit ? 'sm' : 0}>
          {current.length === 0 && (
            <Text size="sm" c="dimmed">
              No tags.
            </Text>
          )}
          {current.map((tag) => (
            <TagBadge
              key={tag.id}
              tag={tag}
              size="md"
              rightSection={
                canEdit ? (
                  <ActionIcon
                    size="xs"
                    variant="transparent"
                    color={tag.colour}
                    aria-label={`Remove tag ${tag.name}`}
                    onClick={() => change.mutate({ tagId: tag.id, add: false })}
                    disabled={change.isPending}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                ) : undefined
              }
            />
          ))}
        </Group>
      )}
      {canEdit && (
        <TagSelect
          tags={addable}
          value={null}
          onChange={(tagId) => tagId !== null && change.mutate({ tagId, add: true })}
          label="Add a tag"
          placeholder={addable.length ? 'Pick a tag' : 'No more tags to add'}
          disabled={change.isPending || addable.length === 0}
          maw={260}
        />
      )}
      {change.isError && <ErrorState title="The tag was not changed" error={change.error} />}
    </Section>
  );
}
