import type { CaseComment } from '@backoffice/contracts';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { useState } from 'react';
import { postComment } from '../../../api/endpoints';
import { useIdempotentMutation } from '../../../api/idempotency';
import { ErrorState } from '../../../components/ErrorState';
import { formatDateTime } from '../../../components/format';
import { useInvalidateCase } from '../../actions/useCaseMutationInvalidation';
import { useCan } from '../../auth/useMe';
import { COMMENT_INPUT_ID } from '../../triage/CaseShortcuts';
import { Section } from '../Section';

/** Internal notes between reviewers; never sent to the provider. */
export function CommentsSection({ caseId, comments }: { caseId: number; comments: CaseComment[] }) {
  const canComment = useCan('cases:comment');
  const [body, setBody] = useInputState('');
  const [error, setError] = useState<string | null>(null);
  const invalidate = useInvalidateCase();
  const add = useIdempotentMutation({
    mutationFn: (text: string, idempotencyKey) => postComment(caseId, text, idempotencyKey),
    intentOf: (text) => ({ caseId, text }),
    onSuccess: async () => {
      setBody('');
      await invalidate(caseId);
    },
  });
  const ordered = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);

  return (
    <Section id="comments" title="Internal comments">
      <Stack gap="sm">
        {ordered.length === 0 ? (
          <Text size="sm" c="dimmed">
            No comments yet. Comments stay inside the back-office.
          </Text>
        ) : (
          <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {ordered.map((comment) => (
              <li key={comment.id}>
                <Text size="xs" c="dimmed">
                  <Text span fw={600} c="bright" size="xs">
                    {comment.author.name}
                  </Text>{' '}
                  · {formatDateTime(comment.createdAt)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {comment.body}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        {canComment && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const text = body.trim();
              if (!text) {
                setError('Write a comment first.');
                return;
              }
              setError(null);
              add.mutate(text);
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Add a comment"
                id={COMMENT_INPUT_ID}
                value={body}
                onChange={setBody}
                error={error}
                autosize
                minRows={2}
                maxRows={6}
                maxLength={4000}
              />
              {add.isError && <ErrorState title="The comment was not saved" error={add.error} />}
              <Group justify="flex-end">
                <Button type="submit" size="xs" loading={add.isPending}>
                  Add comment
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}
