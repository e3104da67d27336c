import type { DiditSessionView } from '@backoffice/contracts';
import { Badge, Text } from '@mantine/core';
import { CopyableValue } from '../../components/CopyableValue';
import { EmptyNote } from '../../components/DataTable';
import type { Field } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';
import { FeatureFieldsSection } from './FeatureFieldsSection';

/** A yes/no risk flag: "Yes" stands out, "No" stays quiet, unknown is a dash. */
function Flag({ value, color }: { value: boolean | null; color: string }) {
  if (value === null) return null;
  return value ? (
    <Badge color={color} variant="filled" size="sm" radius="sm">
      Yes
    </Badge>
  ) : (
    <Text span size="sm" c="dimmed">
      No
    </Text>
  );
}

export function IpAnalysisSection({ view }: { view: DiditSessionView }) {
  const ip = view.ipAnalysis;
  if (!ip) {
    return (
      <Section id="ip-analysis" title="IP analysis">
        <EmptyNote>No IP analysis for this session.</EmptyNote>
      </Section>
    );
  }
  const location = [ip.city, ip.country ?? ip.countryCode].filter(Boolean).join(', ');
  const fields: Field[] = [
    { label: 'IP address', value: ip.ipAddress && <CopyableValue value={ip.ipAddress} label="IP address" /> },
    {
      label: 'Location',
      value: location ? `${location}${ip.country && ip.countryCode ? ` (${ip.countryCode})` : ''}` : null,
    },
    { label: 'ISP', value: ip.isp },
    {
      label: 'VPN or Tor',
      value: ip.isVpnOrTor === null ? null : <Flag value={ip.isVpnOrTor} color="red" />,
    },
    {
      label: 'Data center',
      value: ip.isDataCenter === null ? null : <Flag value={ip.isDataCenter} color="orange" />,
    },
    {
      label: 'Distance from document',
      value:
        ip.distanceFromDocumentKm === null
          ? null
          : `${Math.round(ip.distanceFromDocumentKm).toLocaleString('en')} km`,
    },
    { label: 'Device', value: ip.device },
    { label: 'Operating system', value: ip.os },
    { label: 'Browser', value: ip.browser },
  ];
  return <FeatureFieldsSection id="ip-analysis" title="IP analysis" status={ip.status} fields={fields} />;
}
