import type { CaseDetail, DiditSessionView } from '@backoffice/contracts';
import { Stack } from '@mantine/core';
import { AmlSection } from './AmlSection';
import { BiometricsSection } from './BiometricsSection';
import { DocumentSection } from './DocumentSection';
import { ImagesSection } from './ImagesSection';
import { IpAnalysisSection } from './IpAnalysisSection';
import { ReportsSection } from './ReportsSection';
import { WarningsSection } from './WarningsSection';

/** The evidence column of a Didit case, in the order a reviewer reads it: why it is here, then proof. */
export function DiditSessionPanel({ detail, view }: { detail: CaseDetail; view: DiditSessionView }) {
  return (
    <Stack gap="md">
      <WarningsSection warnings={view.warnings} />
      <BiometricsSection view={view} />
      <DocumentSection document={view.idDocument} documentNumber={detail.documentNumber} />
      <ImagesSection caseId={detail.id} media={view.media} />
      <AmlSection view={view} />
      <IpAnalysisSection view={view} />
      <ReportsSection groups={view.reports} />
    </Stack>
  );
}
