import { evidenceAnchor, type KryptogoKyaView } from '@backoffice/contracts';
import { Badge, Stack, Table, Text } from '@mantine/core';
import { ProviderValueBadge } from '../../components/Badges';
import { CopyableValue } from '../../components/CopyableValue';
import { AttentionCountBadge, DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { MissingValue } from '../../components/MissingValue';
import { type Field, FieldGrid } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';
import { ConsoleLink, RiskBandMeter, ShortCopyableValue } from './shared';

const TX_RISK_COLORS: Record<string, string> = {
  low: 'green',
  medium: 'yellow',
  high: 'red',
  severe: 'red',
};

const CHAIN_LABELS: Record<string, string> = { eth: 'Ethereum', btc: 'Bitcoin' };

function formatAmount(value: number | null): string | null {
  return value === null ? null : value.toLocaleString('en', { maximumFractionDigits: 8 });
}

function ChainBadge({ chain }: { chain: string | null }) {
  if (!chain) return <MissingValue label="Chain unknown" />;
  return (
    <Badge size="sm" radius="sm" variant="outline" color="indigo" tt="none" miw="max-content">
      {CHAIN_LABELS[chain.toLowerCase()] ?? chain} · {chain.toUpperCase()}
    </Badge>
  );
}

/** A counterparty: shortened with the full value in a tooltip and a copy button; the subject is named. */
function AddressCell({ value, subject, label }: { value: string | null; subject: string; label: string }) {
  if (!value) return <MissingValue />;
  if (value.toLowerCase() === subject.toLowerCase())
    return (
      <Text span size="sm" fw={600}>
        This address
      </Text>
    );
  return <ShortCopyableValue value={value} label={label} />;
}

/** KryptoGO Know-Your-Address: one BTC/ETH address, its risk, sanction-list matches and recent transactions. */
export function KryptogoKyaPanel({ view }: { view: KryptogoKyaView }) {
  const unit = view.chain ? view.chain.toUpperCase() : '';
  const amount = (value: number | null) => {
    const text = formatAmount(value);
    return text === null ? null : `${text}${unit ? ` ${unit}` : ''}`;
  };
  const facts: Field[] = [
    { label: 'Address', value: <CopyableValue value={view.address} label="address" />, wide: true },
    { label: 'Chain', value: <ChainBadge chain={view.chain} /> },
    { label: 'Provider risk level', value: view.riskLevel },
    { label: 'Balance', value: amount(view.balance) },
    { label: 'Received', value: amount(view.received) },
    { label: 'Sent', value: amount(view.sent) },
    { label: 'Transactions', value: view.txCount?.toLocaleString('en') },
    { label: 'First seen', value: view.firstSeenAt && formatDateTime(view.firstSeenAt) },
    { label: 'Last seen', value: view.lastSeenAt && formatDateTime(view.lastSeenAt) },
    { label: 'Customer reference', value: view.customerReference },
    { label: 'Screened', value: view.createdAt && formatDateTime(view.createdAt) },
  ];
  return (
    <Stack gap="md">
      <Section id="kya-address" title="Address screening" aside={<ConsoleLink url={view.consoleUrl} />}>
        <Stack gap="md">
          <Stack maw={460}>
            <RiskBandMeter label="Address risk" score={view.riskScore} band={view.riskBand} />
          </Stack>
          <FieldGrid fields={facts} minColumnWidth={160} />
        </Stack>
      </Section>

      <Section
        id="kya-sdn"
        title="Sanction (SDN) matches"
        aside={
          <AttentionCountBadge count={view.sdnMatches.length}>
            {view.sdnMatches.length} {view.sdnMatches.length === 1 ? 'match' : 'matches'}
          </AttentionCountBadge>
        }
      >
        <DataTable
          label="SDN matches"
          columns={['Name', 'List', 'Address']}
          rows={view.sdnMatches}
          empty="KryptoGO reported no sanction-list match for this address."
          minWidth={520}
        >
          {(match, index) => (
            // Matches have no id: their position is their key.
            <Table.Tr key={index} id={evidenceAnchor.kyaSdn(index)}>
              <Table.Td fw={600}>{match.name ?? <MissingValue />}</Table.Td>
              <Table.Td>{match.list ?? <MissingValue />}</Table.Td>
              <Table.Td>
                {match.address ? (
                  <CopyableValue value={match.address} label="matched address" />
                ) : (
                  <MissingValue />
                )}
              </Table.Td>
            </Table.Tr>
          )}
        </DataTable>
      </Section>

      <Section
        id="kya-transactions"
        title="Transactions"
        aside={
          <Text size="xs" c="dimmed">
            {view.transactions.length} shown
            {view.txCount !== null ? ` of ${view.txCount.toLocaleString('en')}` : ''}
          </Text>
        }
      >
        <DataTable
          label="Transactions"
          columns={['Hash', 'From', 'To', { key: 'value', label: 'Value', ta: 'right' }, 'Time', 'Risk']}
          rows={view.transactions}
          empty="KryptoGO returned no transactions for this address."
          minWidth={760}
          verticalSpacing={4}
        >
          {(tx, index) => (
            <Table.Tr key={tx.hash ?? `row-${index}`} id={evidenceAnchor.kyaTransaction(index)}>
              <Table.Td>
                {tx.hash ? <ShortCopyableValue value={tx.hash} label="transaction hash" /> : <MissingValue />}
              </Table.Td>
              <Table.Td>
                <AddressCell value={tx.from} subject={view.address} label="sender address" />
              </Table.Td>
              <Table.Td>
                <AddressCell value={tx.to} subject={view.address} label="recipient address" />
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatAmount(tx.value) ?? <MissingValue />}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {tx.at ? formatDateTime(tx.at) : <MissingValue />}
              </Table.Td>
              <Table.Td>
                {tx.risk ? (
                  <ProviderValueBadge value={tx.risk} colors={TX_RISK_COLORS} size="xs" />
                ) : (
                  <MissingValue />
                )}
              </Table.Td>
            </Table.Tr>
          )}
        </DataTable>
      </Section>
    </Stack>
  );
}
