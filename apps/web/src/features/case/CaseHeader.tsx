import type { CaseDetail } from '@backoffice/contracts';
import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import { rememberedQueueSearch } from '../../app/queueMemory';
import { CaseFlagBadge, CaseStatusBadge, RiskBandBadge } from '../../components/Badges';
import { CopyableValue } from '../../components/CopyableValue';
import { formatDateTime, formatScore } from '../../components/format';
import { CASE_KIND_LABELS, PROVIDER_LABELS } from '../../components/labels';
import { webProvider } from '../../providers/registry';
import { ActionBar } from '../actions/ActionBar';
import { ClaimControl } from './ClaimControl';
import { AssigneeControl } from './local/AssigneeControl';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </div>
  );
}

export function BackToQueueLink() {
  return (
    <Anchor component={Link} to={`/cases${rememberedQueueSearch()}`} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} aria-hidden />
        Back to queue
      </Group>
    </Anchor>
  );
}

/** Who, what state, how risky, which ids; the reviewer's decisions and the assignee on the right. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  return (
    <Paper withBorder radius="sm" p="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
        <Stack gap="xs" style={{ flex: '1 1 480px', minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2">
              {detail.subjectName ?? 'Name not extracted'}
            </Title>
            <CaseStatusBadge status={detail.status} size="lg" />
            {detail.flag && <CaseFlagBadge flag={detail.flag} size="lg" />}
          </Group>
          {detail.flag && (
            <Text size="sm" c="orange" data-testid="case-flag-explanation">
              {detail.flag.kind === 'unknown_provider_status'
                ? `The provider reported "${detail.flag.detail}", a status this product does not know; the case was kept where it was and the provider is re-read.`
                : detail.flag.kind === 'drift'
                  ? `The provider now reports a state that diverges from our decision (${detail.flag.detail}); the case keeps our decision until a manager resolves it on the drift view.`
                  : `The provider confirmed this decided case went back to an undecided state (${detail.flag.detail}); a manager should review it.`}{' '}
              Flagged {formatDateTime(detail.flag.at)}.
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {PROVIDER_LABELS[detail.provider]} {CASE_KIND_LABELS[detail.kind]} · provider status{' '}
            <Text span fw={600} c="bright">
              {detail.providerStatus}
            </Text>
            {detail.subjectCountry ? ` · ${detail.subjectCountry}` : ''}
          </Text>
          <Group gap="xl" wrap="wrap" mt={4}>
            <Fact label="Case">
              <CopyableValue value={String(detail.id)} label="case id" />
            </Fact>
            <Fact label={webProvider(detail.provider).referenceLabel}>
              <CopyableValue value={detail.externalId} label="provider reference" />
            </Fact>
            {detail.subjectRef && (
              <Fact label="Subject reference">
                <CopyableValue value={detail.subjectRef} label="subject reference" />
              </Fact>
            )}
            <Fact label="Created">{formatDateTime(detail.createdAt)}</Fact>
            <Fact label="Updated">{formatDateTime(detail.updatedAt)}</Fact>
            {detail.decidedAt && <Fact label="Decided">{formatDateTime(detail.decidedAt)}</Fact>}
          </Group>
        </Stack>
        <Stack gap="md" align="flex-end">
          <ActionBar detail={detail} />
          <Group gap="xl" align="flex-end" wrap="wrap" justify="flex-end">
            <ClaimControl detail={detail} />
            <AssigneeControl caseId={detail.id} assignee={detail.assignee} />
            <Stack gap={4} align="flex-end" data-testid="case-risk-summary">
              <Text size="xs" c="dimmed" fw={500}>
                Risk score
              </Text>
              {detail.riskScore === null ? (
                <Text size="sm" c="dimmed">
                  Not scored
                </Text>
              ) : (
                <Group gap="xs" wrap="nowrap">
                  <Text fz={28} fw={700} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatScore(detail.riskScore)}
                  </Text>
                  {detail.riskBand && <RiskBandBadge band={detail.riskBand} size="md" />}
                </Group>
              )}
              <Text size="xs" c="dimmed">
                {detail.warningCount} {detail.warningCount === 1 ? 'warning' : 'warnings'}
              </Text>
            </Stack>
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
