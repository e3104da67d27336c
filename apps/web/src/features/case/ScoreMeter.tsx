import { Box, Group, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
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

/** A meter's name and, on the right, what it concludes (a verdict, a band). */
export function MeterLabel({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" mb={4} wrap="nowrap">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {children}
    </Group>
  );
}

/** The 0–100 track of a meter, read out by screen readers as `valueText`; `children` draw on it. */
export function MeterTrack({
  label,
  score,
  valueText,
  style,
  children,
}: {
  label: string;
  score: number | null;
  valueText: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    <Box
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={score ?? undefined}
      aria-valuetext={valueText}
      pos="relative"
      h={12}
      style={{ ...style, display: 'flex' }}
    >
      {children}
    </Box>
  );
}

/** Where the score sits on a track: a dot in the color of its verdict or band. */
export function ScoreMarker({ left, color, testId }: { left: string; color: string; testId?: string }) {
  return (
    <div
      aria-hidden
      data-testid={testId}
      style={{
        position: 'absolute',
        left,
        top: -5,
        bottom: -5,
        width: 6,
        marginLeft: -3,
        borderRadius: 3,
        background: `var(--mantine-color-${color}-8)`,
        boxShadow: '0 0 0 2px white',
      }}
    />
  );
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
  review = null,
  direction,
}: {
  label: string;
  score: number | null;
  decline: number | null;
  /** Only some workflows send a review threshold; without one the track has no yellow band. */
  review?: number | null;
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
      <MeterLabel label={label}>
        <Text size="xs" fw={700} c={OUTCOME_COLORS[verdict.outcome]} tt="uppercase">
          {OUTCOME_LABELS[verdict.outcome]}
        </Text>
      </MeterLabel>
      <MeterTrack
        label={label}
        score={score}
        valueText={verdict.text}
        style={{ borderRadius: 4, overflow: 'visible' }}
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
          <ScoreMarker left={position(score)} color={OUTCOME_COLORS[verdict.outcome]} testId="score-marker" />
        )}
      </MeterTrack>
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
