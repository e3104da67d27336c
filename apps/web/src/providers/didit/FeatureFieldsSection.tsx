import { ProviderValueBadge } from '../../components/Badges';
import { type Field, FieldGrid } from '../../features/case/FieldGrid';
import { Section } from '../../features/case/Section';
import { FEATURE_STATUS_COLORS } from './featureStatus';

/** One Didit feature's result (document, IP analysis) as labelled fields under the provider's status. */
export function FeatureFieldsSection({
  id,
  title,
  status,
  fields,
}: {
  id: string;
  title: string;
  status: string;
  fields: Field[];
}) {
  return (
    <Section
      id={id}
      title={title}
      aside={<ProviderValueBadge value={status} colors={FEATURE_STATUS_COLORS} size="xs" />}
    >
      <FieldGrid fields={fields} minColumnWidth={180} />
    </Section>
  );
}
