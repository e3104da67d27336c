import { Box, Group, Text } from '@mantine/core';
import { formatScore } from '../../components/format';
import { type ScoreDirection, thresholdVerdict, type VerdictOutcome } from './thresholdVerdict';

export const OUTCOME_COLORS: Record<VerdictOutcome, string> = {
  pass: 'green',
  review: 'yellow',
  decline: 'red',
  no_score: 'gray',
};

const OUTCOME_LABELS: Record<VerdictOutcome, string> = {
  pass: 'Passes',
  review: 'Review',
  decline: 'Decline',
  no_score: 'No score',
};

interface Zone {
  from: number;
  to: number;
  color: string;
}

/** Colored bands of the 0–100 scale as the workflow would judge them. */
function zonesFor(direction: ScoreDirection, decline: number | null, review: number | null): Zone[] {
  const clamp = (value: number) => Math.max(0, Math.min(100, value));
  const red = 'var(--mantine-color-red-2)';
  const yellow = 'var(--mantine-color-yellow-2)';
  const green = 'var(--mantine-color-green-2)';
  if (decline === null && review === null)
    return [{ from: 0, to: 100, color: 'var(--mantine-color-gray-2)' }];
  if (direction === 'higher_is_better') {
    const declineAt = clamp(decline ?? 0);
    const reviewAt = clamp(Math.max(review ?? declineAt, declineAt));
    return [
      { from: 0, to: declineAt, color: red },
      { from: declineAt, to: reviewAt, color: yellow },
      { from: reviewAt, to: 100, color: green },
    ];
  }
  const declineAt = clamp(decline ?? 100);
  const reviewAt = clamp(Math.min(review ?? declineAt, declineAt));
  return [
    { from: 0, to: reviewAt, color: green },
    { from: reviewAt, to: declineAt, color: yellow },
    { from: declineAt, to: 100, color: red },
  ];
}

/**
 * A score on a 0–100 track with the workflow's decline and review thresholds marked, plus the
 * verdict in words, so the reviewer never has to remember which side of which line is bad.
 */
export function ScoreMeter({
  label,
  score,
  decline,
  review,
  direction,
}: {
  label: string;
  score: number | null;
  decline: number | null;
  review: number | null;
  direction: ScoreDirection;
}) {
  const verdict = thresholdVerdict({ score, decline, review, direction });
  const markers = [
    decline !== null ? { name: 'Decline', at: decline } : null,
    review !== null ? { name: 'Review', at: review } : null,
  ].filter((marker): marker is { name: string; at: number } => marker !== null);
  const position = (value: number) => `${Math.max(0, Math.min(100, value))}%`;

  return (
    <Box>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="xs" fw={700} c={OUTCOME_COLORS[verdict.outcome]} tt="uppercase">
          {OUTCOME_LABELS[verdict.outcome]}
        </Text>
      </Group>
      <Box
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score ?? undefined}
        aria-valuetext={verdict.text}
        pos="relative"
        h={12}
        style={{ borderRadius: 4, overflow: 'visible', display: 'flex' }}
      >
        {zonesFor(direction, decline, review).map((zone) =>
          zone.to > zone.from ? (
            <div
              key={`${zone.from}-${zone.to}`}
              style={{ width: `${zone.to - zone.from}%`, background: zone.color, height: '100%' }}
            />
          ) : null,
        )}
        {markers.map((marker) => (
          <div
            key={marker.name}
            aria-hidden
            style={{
              position: 'absolute',
              left: position(marker.at),
              top: -3,
              bottom: -3,
              width: 2,
              marginLeft: -1,
              background: 'var(--mantine-color-dark-3)',
            }}
          />
        ))}
        {score !== null && (
          <div
            aria-hidden
            data-testid="score-marker"
            style={{
              position: 'absolute',
              left: position(score),
              top: -5,
              bottom: -5,
              width: 6,
              marginLeft: -3,
              borderRadius: 3,
              background: `var(--mantine-color-${OUTCOME_COLORS[verdict.outcome]}-8)`,
              boxShadow: '0 0 0 2px white',
            }}
          />
        )}
      </Box>
      <Box pos="relative" h={16} mt={4} aria-hidden>
        {markers.map((marker) => (
          <Text
            key={marker.name}
            size="10px"
            c="dimmed"
            pos="absolute"
            style={{
              left: position(marker.at),
              transform: marker.at > 85 ? 'translateX(-100%)' : marker.at < 15 ? 'none' : 'translateX(-50%)',
              whiteSpace: 'nowrap',
            }}
          >
            {marker.name} {formatScore(marker.at)}
          </Text>
        ))}
      </Box>
      <Text size="sm" mt={2} data-testid="verdict-text">
        {verdict.text}
      </Text>
    </Box>
  );
}
