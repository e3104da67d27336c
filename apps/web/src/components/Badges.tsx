import {
  CASE_FLAG_LABELS,
  CASE_STATUS_LABELS,
  type CaseFlag,
  type CaseStatus,
  RISK_BAND_LABELS,
  type RiskBand,
  riskBandOf,
} from '@backoffice/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import classes from './Badges.module.css';
import { DeferredTooltip } from './DeferredTooltip';
import { formatScore } from './format';
import { CASE_STATUS_COLORS, RISK_BAND_COLORS } from './labels';
import { MissingValue } from './MissingValue';

export function CaseStatusBadge({
  status,
  providerStatus,
  size = 'sm',
}: {
  status: CaseStatus;
  providerStatus?: string;
  size?: BadgeProps['size'];
}) {
  const badge = (
    <Badge color={CASE_STATUS_COLORS[status]} variant="light" size={size} radius="sm" miw="max-content">
      {CASE_STATUS_LABELS[status]}
    </Badge>
  );
  if (!providerStatus) return badge;
  return (
    <DeferredTooltip label={`Provider status: ${providerStatus}`} withArrow openDelay={300}>
      {badge}
    </DeferredTooltip>
  );
}

/**
 * A case ingestion put in front of a manager: a provider status the product does not know (the raw
 * status is shown), or a decision the provider undid. The detail is provider vocabulary, never PII.
 */
export function CaseFlagBadge({ flag, size = 'sm' }: { flag: CaseFlag; size?: BadgeProps['size'] }) {
  return (
    <DeferredTooltip label={`${CASE_FLAG_LABELS[flag.kind]}: ${flag.detail}`} withArrow openDelay={300}>
      <Badge color="orange" variant="light" size={size} radius="sm" tt="none" miw="max-content">
        {flag.kind === 'unknown_provider_status'
          ? `Unknown status: ${flag.detail}`
          : CASE_FLAG_LABELS[flag.kind]}
      </Badge>
    </DeferredTooltip>
  );
}

export function RiskBandBadge({ band, size = 'sm' }: { band: RiskBand; size?: BadgeProps['size'] }) {
  return (
    <Badge color={RISK_BAND_COLORS[band]} variant="light" size={size} radius="sm" miw="max-content">
      {RISK_BAND_LABELS[band]}
    </Badge>
  );
}

/** A 0–100 risk score with its band; the band is derived with the shared helper when not given. */
export function RiskScore({ score, band }: { score: number | null; band?: RiskBand | null }) {
  if (score === null) return <MissingValue label="No risk score" />;
  const resolvedBand = band ?? riskBandOf(score);
  return (
    <span className={classes.riskScore}>
      <span className={classes.riskScoreValue}>{formatScore(score)}</span>
      {resolvedBand && <RiskBandBadge band={resolvedBand} size="xs" />}
    </span>
  );
}

/**
 * A provider enum value. Known values get their color; values the provider added after this code
 * was written are shown verbatim in neutral gray rather than hidden (docs/architecture.md: unknown provider values are kept and shown).
 */
export function ProviderValueBadge({
  value,
  colors,
  size = 'sm',
}: {
  value: string;
  colors: Record<string, string>;
  size?: BadgeProps['size'];
}) {
  const color = colors[value.toLowerCase()] ?? 'gray';
  return (
    <Badge color={color} variant="light" size={size} radius="sm" tt="none" miw="max-content">
      {value}
    </Badge>
  );
}
