import type { CaseDetail } from '@backoffice/contracts';
import { Alert, Code, Stack, Text } from '@mantine/core';
import { type Field, FieldGrid } from './FieldGrid';
import { Section } from './Section';

/**
 * Fallback for a provider view this SPA has no panel for yet: the provider status and every fact the
 * view carries, as sent, so a reviewer is never shown an empty page.
 */
export function GenericViewPanel({
  detail,
  view,
}: {
  detail: CaseDetail;
  view: { type: string } & Record<string, unknown>;
}) {
  const entries = Object.entries(view).filter(([key]) => key !== 'type');
  const scalar: Field[] = entries
    .filter(([, value]) => value === null || typeof value !== 'object')
    .map(([key, value]) => ({ label: key, value: value === null ? null : String(value) }));
  const nested = entries.filter(([, value]) => value !== null && typeof value === 'object');
  return (
    <Stack gap="md">
      <Alert color="gray" variant="light" title={`No dedicated view for “${view.type}”`}>
        This SPA does not have a panel for this kind of provider result yet. The provider status and the raw
        facts are shown as received.
      </Alert>
      <Section id="provider-facts" title="Provider facts">
        <Stack gap="md">
          <FieldGrid fields={[{ label: 'Provider status', value: detail.providerStatus }, ...scalar]} />
          {nested.map(([key, value]) => (
            <div key={key}>
              <Text size="xs" c="dimmed" fw={500} mb={4}>
                {key}
              </Text>
              <Code block style={{ maxHeight: 240, overflow: 'auto' }}>
                {JSON.stringify(value, null, 2)}
              </Code>
            </div>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}
