import { RISK_BAND_FLOORS, RISK_BAND_LABELS, type RiskBand, riskBandOf } from '@backoffice/contracts';
import { ActionIcon, Anchor, Box, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { RiskBandBadge } from '../../components/Badges';
import { formatScore } from '../../components/format';
import { RISK_BAND_COLORS } from '../../components/labels';
import { safeHttpUrl } from '../../components/safeHttpUrl';
import { MeterLabel, MeterTrack, ScoreMarker } from '../../features/case/ScoreMeter';

/** `0xf3c7054e…cce596`: enough to recognise a hash or address; the full value is copied. */
export function shortenHash(value: string, head = 10, tail = 6): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}

/** Provider enum colors; unknown values fall back to gray through `ProviderValueBadge`. */
export const AUDIT_STATUS_COLORS: Record<string, string> = {
  pending: 'yellow',
  accepted: 'green',
  rejected: 'red',
};

/** The five KryptoGO bands (docs/providers/kryptogo.md) as [band, from, to] on the 0–100 scale. */
const BAND_RANGES: ReadonlyArray<readonly [RiskBand, number, number]> = [...RISK_BAND_FLOORS]
  .reverse()
  .map(([band, floor], index, all) => [band, floor, all[index + 1]?.[1] ?? 100] as const);

/**
 * A 0–100 risk on a track split into the five bands, with the band named in words. Unlike the Didit
 * `ScoreMeter` there are no workflow thresholds here: KryptoGO rates the risk itself.
 */
export function RiskBandMeter({
  label,
  score,
  band,
}: {
  label: string;
  score: number | null;
  band: RiskBand | null;
}) {
  const resolved = band ?? riskBandOf(score);
  const text =
    score === null
      ? 'Not rated yet'
      : `${formatScore(score)} — ${resolved ? RISK_BAND_LABELS[resolved] : 'no band'}`;
  const position = (value: number) => `${Math.max(0, Math.min(100, value))}%`;
  return (
    <Box>
      <MeterLabel label={label}>{resolved && <RiskBandBadge band={resolved} />}</MeterLabel>
      <MeterTrack label={label} score={score} valueText={text}>
        {BAND_RANGES.map(([name, from, to]) => (
          <div
            key={name}
            title={`${RISK_BAND_LABELS[name]} ${from}–${name === 'very_high' ? 100 : to - 1}`}
            style={{
              // "Very high" is the single value 100: give it a sliver so it can be seen.
              width: name === 'very_high' ? '2%' : `${((to - from) / 100) * 98}%`,
              background: `var(--mantine-color-${RISK_BAND_COLORS[name]}-2)`,
              height: '100%',
            }}
          />
        ))}
        {score !== null && (
          <ScoreMarker
            left={`calc(${position(score * 0.98 + (score >= 100 ? 1 : 0))})`}
            color={resolved ? RISK_BAND_COLORS[resolved] : 'gray'}
          />
        )}
      </MeterTrack>
      <Group justify="space-between" mt={4} aria-hidden>
        {[0, 25, 50, 75, 100].map((tick) => (
          <Text key={tick} size="10px" c="dimmed">
            {tick}
          </Text>
        ))}
      </Group>
      <Text size="sm" mt={2}>
        {text}
      </Text>
    </Box>
  );
}

/** The same record in KryptoGO's console, for what this page does not show. */
export function ConsoleLink({ url, label = 'Open in KryptoGO console' }: { url: string; label?: string }) {
  const safe = safeHttpUrl(url);
  if (!safe) return null;
  return (
    <Anchor href={safe} target="_blank" rel="noopener noreferrer" size="xs">
      <Group gap={4} wrap="nowrap">
        {label}
        <IconExternalLink size={12} aria-hidden />
      </Group>
    </Anchor>
  );
}

/**
 * A long identifier (hash, address) shown shortened in a dense table; the full value is in the tooltip
 * and is what the copy button copies.
 */
export function ShortCopyableValue({ value, label }: { value: string; label: string }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={value} withArrow openDelay={300} maw={420} multiline style={{ wordBreak: 'break-all' }}>
        <Text span size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {shortenHash(value)}
        </Text>
      </Tooltip>
      <CopyButton value={value} timeout={1500}>
        {({ copied, copy }) => (
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            size="sm"
            onClick={copy}
            aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
          >
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        )}
      </CopyButton>
    </Group>
  );
}
