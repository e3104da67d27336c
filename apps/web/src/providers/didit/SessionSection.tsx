import type { DiditSessionView } from '@backoffice/contracts';
import { Badge, Divider, Group, Stack, Text } from '@mantine/core';
import { CopyableValue } from '../../components/CopyableValue';
import { formatDateTime } from '../../components/format';
import { type Field, FieldGrid } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';

/** Facts about the Didit session itself and reviews already recorded at the provider. */
export function SessionSection({ view }: { view: DiditSessionView }) {
  const fields: Field[] = [
    { label: 'Session id', value: <CopyableValue value={view.sessionId} label="session id" /> },
    { label: 'Session number', value: view.sessionNumber === null ? null : String(view.sessionNumber) },
    { label: 'Provider status', value: view.status },
    {
      label: 'Workflow',
      value: view.workflowId && <CopyableValue value={view.workflowId} label="workflow id" />,
    },
    { label: 'Vendor data', value: view.vendorData },
    {
      label: 'Features run',
      value: view.features.length ? (
        <Group gap={4}>
          {view.features.map((feature) => (
            <Badge key={feature} size="xs" variant="outline" color="gray" radius="sm" tt="none">
              {feature}
            </Badge>
          ))}
        </Group>
      ) : null,
    },
  ];
  return (
    <Section id="session" title="Didit session">
      <FieldGrid fields={fields} minColumnWidth={260} />
      {view.reviews.length > 0 && (
        <>
          <Divider my="sm" label="Reviews at the provider" labelPosition="left" />
          <Stack gap="xs">
            {view.reviews.map((review, index) => (
              // Provider reviews have no id; their order is the provider's.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <div key={index}>
                <Text size="sm">
                  {review.action}
                  {review.oldStatus || review.newStatus
                    ? `: ${review.oldStatus ?? '—'} → ${review.newStatus ?? '—'}`
                    : ''}
                </Text>
                {review.note && (
                  <Text size="sm" c="dimmed">
                    {review.note}
                  </Text>
                )}
                {review.createdAt && (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(review.createdAt)}
                  </Text>
                )}
              </div>
            ))}
          </Stack>
        </>
      )}
    </Section>
  );
}
