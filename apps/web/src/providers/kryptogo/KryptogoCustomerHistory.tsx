import type { KryptogoCustomerHistory as History } from '@backoffice/contracts';
import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { CaseStatusBadge, ProviderValueBadge, RiskScore } from '../../components/Badges';
import { EmptyNote, TableHeader } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { Section } from '../../features/case/Section';
import { AUDIT_STATUS_COLORS } from './shared';

/**
 * The same customer reference's other DD tasks, as we hold them: each screening's date, risk, our
 * outcome beside KryptoGO's, and a link to its case. Newest first; the API sends at most `limit`.
 */
export function KryptogoCustomerHistory({
  history,
  customerReference,
}: {
  history: History;
  customerReference: string | null;
}) {
  const aside = customerReference ? (
    <Text size="xs" c="dimmed">
      {history.total} other {history.total === 1 ? 'screening' : 'screenings'}
    </Text>
  ) : undefined;
  return (
    <Section id="dd-customer-history" title="Customer screening history" aside={aside}>
      {!customerReference ? (
        <EmptyNote>
          This task has no customer reference, so it cannot be matched with other screenings.
        </EmptyNote>
      ) : history.items.length === 0 ? (
        <EmptyNote>No other DD task for this customer reference.</EmptyNote>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={4} withRowBorders aria-label="Other screenings of this customer">
              <TableHeader columns={['Screened', 'Task', 'Risk', 'Our outcome', 'KryptoGO']} />
              <Table.Tbody>
                {history.items.map((item) => (
                  <Table.Tr key={item.caseId}>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(item.screenedAt)}
                      </Text>
                      <Badge size="xs" radius="sm" variant="outline" color="gray">
                        {item.relation === 'earlier' ? 'Earlier' : 'Later'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${item.caseId}`} size="sm">
                        {item.taskId !== null ? `DD task ${item.taskId}` : `Case ${item.caseId}`}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <RiskScore score={item.riskScore} band={item.riskBand} />
                    </Table.Td>
                    <Table.Td>
                      <CaseStatusBadge status={item.status} />
                      {item.decidedAt && (
                        <Text size="xs" c="dimmed">
                          {formatDateTime(item.decidedAt)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ProviderValueBadge
                        value={item.providerStatus}
                        colors={AUDIT_STATUS_COLORS}
                        size="sm"
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {history.total > history.items.length && (
            <Text size="xs" c="dimmed" mt="xs">
              Showing the latest {history.items.length} of {history.total}; search the queue for the customer
              reference to see them all.
            </Text>
          )}
        </>
      )}
    </Section>
  );
}
