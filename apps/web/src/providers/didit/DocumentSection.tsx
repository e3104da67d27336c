import type { DiditIdDocument } from '@backoffice/contracts';
import { Badge, Group, Text } from '@mantine/core';
import { EmptyNote } from '../../components/DataTable';
import { formatCalendarDate, isPastCalendarDate } from '../../components/format';
import type { Field } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';
import { FeatureFieldsSection } from './FeatureFieldsSection';

function ExpiryDate({ value }: { value: string }) {
  if (!isPastCalendarDate(value)) return <>{formatCalendarDate(value)}</>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text span size="sm" c="red" fw={700}>
        {formatCalendarDate(value)}
      </Text>
      <Badge color="red" size="xs" variant="filled" radius="sm">
        Expired
      </Badge>
    </Group>
  );
}

/**
 * Every identity field the provider extracted. The document number is shown in full here (it is
 * masked in lists only): the reviewer must compare it with the image.
 */
export function DocumentSection({
  document,
  documentNumber,
}: {
  document: DiditIdDocument | null;
  documentNumber: string | null;
}) {
  if (!document) {
    return (
      <Section id="document" title="Document">
        <EmptyNote>No ID document result for this session.</EmptyNote>
      </Section>
    );
  }
  const number = document.documentNumber ?? documentNumber;
  const issuing =
    document.issuingStateName && document.issuingState
      ? `${document.issuingStateName} (${document.issuingState})`
      : (document.issuingStateName ?? document.issuingState);
  const fields: Field[] = [
    { label: 'Document type', value: document.documentType },
    {
      label: 'Document number',
      value: number ? (
        <Text span ff="monospace" size="sm">
          {number}
        </Text>
      ) : null,
    },
    {
      label: 'Personal number',
      value: document.personalNumber ? (
        <Text span ff="monospace" size="sm">
          {document.personalNumber}
        </Text>
      ) : null,
    },
    { label: 'Issuing state', value: issuing },
    { label: 'Date of issue', value: document.dateOfIssue && formatCalendarDate(document.dateOfIssue) },
    {
      label: 'Expiration date',
      value: document.expirationDate && <ExpiryDate value={document.expirationDate} />,
    },
    { label: 'First name', value: document.firstName },
    { label: 'Last name', value: document.lastName },
    { label: 'Full name', value: document.fullName },
    {
      label: 'Date of birth',
      value: document.dateOfBirth
        ? `${formatCalendarDate(document.dateOfBirth)}${document.age !== null ? ` (age ${document.age})` : ''}`
        : null,
    },
    { label: 'Gender', value: document.gender },
    { label: 'Nationality', value: document.nationality },
    { label: 'Place of birth', value: document.placeOfBirth },
    { label: 'Address', value: document.address, wide: true },
  ];
  return <FeatureFieldsSection id="document" title="Document" status={document.status} fields={fields} />;
}
