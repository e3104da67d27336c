import type { DiditSessionView } from '@backoffice/contracts';
import { Alert, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProviderValueBadge } from '../../components/Badges';
import { EmptyNote } from '../../components/DataTable';
import { ScoreMeter } from '../../features/case/ScoreMeter';
import { Section } from '../../features/case/Section';
import { FEATURE_STATUS_COLORS } from './featureStatus';

/** One biometric check: its score against the workflow's thresholds and its status, or a note that it is missing. */
function BiometricCheck({
  label,
  result,
  decline,
  review,
  missing,
  children,
}: {
  label: string;
  result: { score: number | null; status: string } | null;
  decline: number | null;
  review?: number | null;
  missing: string;
  /** More facts after the status. */
  children?: ReactNode;
}) {
  return (
    <Stack gap={6}>
      {result ? (
        <>
          <ScoreMeter
            label={label}
            score={result.score}
            decline={decline}
            review={review}
            direction="higher_is_better"
          />
          <Group gap="md">
            <ProviderValueBadge value={result.status} colors={FEATURE_STATUS_COLORS} size="xs" />
            {children}
          </Group>
        </>
      ) : (
        <EmptyNote>{missing}</EmptyNote>
      )}
    </Stack>
  );
}

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
          <BiometricCheck
            label="Liveness"
            result={liveness}
            decline={thresholds?.livenessDecline ?? null}
            missing="No liveness result for this session."
          >
            {liveness?.method && (
              <Text size="xs" c="dimmed">
                Method{' '}
                <Text span size="xs" c="bright">
                  {liveness.method}
                </Text>
              </Text>
            )}
            {liveness && liveness.ageEstimation !== null && (
              <Text size="xs" c="dimmed">
                Estimated age{' '}
                <Text span size="xs" c="bright">
                  {Math.round(liveness.ageEstimation)}
                </Text>
              </Text>
            )}
          </BiometricCheck>
          <BiometricCheck
            label="Face match"
            result={faceMatch}
            decline={thresholds?.faceMatchDecline ?? null}
            review={thresholds?.faceMatchReview ?? null}
            missing="No face match result for this session."
          />
        </SimpleGrid>
      </Stack>
    </Section>
  );
}
