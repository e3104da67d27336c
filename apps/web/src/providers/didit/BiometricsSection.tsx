import type { DiditSessionView } from '@backoffice/contracts';
import { Alert, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { ProviderValueBadge } from '../../components/Badges';
import { EmptyNote } from '../../components/DataTable';
import { ScoreMeter } from '../../features/case/ScoreMeter';
import { Section } from '../../features/case/Section';
import { FEATURE_STATUS_COLORS } from './featureStatus';

export function BiometricsSection({ view }: { view: DiditSessionView }) {
  const { liveness, faceMatch, thresholds } = view;
  return (
    <Section id="biometrics" title="Biometrics">
      <Stack gap="md">
        {thresholds === null && (
          <Alert color="yellow" variant="light" p="xs">
            <Text size="sm">
              The workflow's thresholds could not be read from the provider, so scores are shown without
              decline or review markers.
            </Text>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <Stack gap={6}>
            {liveness ? (
              <>
                <ScoreMeter
                  label="Liveness"
                  score={liveness.score}
                  decline={thresholds?.livenessDecline ?? null}
                  direction="higher_is_better"
                />
                <Group gap="md">
                  <ProviderValueBadge value={liveness.status} colors={FEATURE_STATUS_COLORS} size="xs" />
                  {liveness.method && (
                    <Text size="xs" c="dimmed">
                      Method{' '}
                      <Text span size="xs" c="bright">
                        {liveness.method}
                      </Text>
                    </Text>
                  )}
                  {liveness.ageEstimation !== null && (
                    <Text size="xs" c="dimmed">
                      Estimated age{' '}
                      <Text span size="xs" c="bright">
                        {Math.round(liveness.ageEstimation)}
                      </Text>
                    </Text>
                  )}
                </Group>
              </>
            ) : (
              <EmptyNote>No liveness result for this session.</EmptyNote>
            )}
          </Stack>
          <Stack gap={6}>
            {faceMatch ? (
              <>
                <ScoreMeter
                  label="Face match"
                  score={faceMatch.score}
                  decline={thresholds?.faceMatchDecline ?? null}
                  review={thresholds?.faceMatchReview ?? null}
                  direction="higher_is_better"
                />
                <Group gap="md">
                  <ProviderValueBadge value={faceMatch.status} colors={FEATURE_STATUS_COLORS} size="xs" />
                </Group>
              </>
            ) : (
              <EmptyNote>No face match result for this session.</EmptyNote>
            )}
          </Stack>
        </SimpleGrid>
      </Stack>
    </Section>
  );
}
