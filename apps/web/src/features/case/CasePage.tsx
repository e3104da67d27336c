import type { CaseDetail, CaseView } from '@backoffice/contracts';
import { Alert, Grid, Paper, Skeleton, Stack } from '@mantine/core';
import { IconFileUnknown } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { isApiRequestError } from '../../api/client';
import { rememberedQueueSearch } from '../../app/queueMemory';
import { DeadEnd } from '../../components/DeadEnd';
import { ErrorState } from '../../components/ErrorState';
import { usePageTitle } from '../../components/usePageTitle';
import { viewPanel, webProvider } from '../../providers/registry';
import { ActionsSection } from '../actions/ActionsSection';
import { ReviewChecklist } from '../checklist/ReviewChecklist';
import { CaseTagsSection } from '../queue/tags/CaseTagsSection';
import { BackToQueueLink, CaseHeader } from './CaseHeader';
import { FlagClearSection } from './FlagClearSection';
import { GenericViewPanel } from './GenericViewPanel';
import { HistorySection } from './HistorySection';
import { CommentsSection } from './local/CommentsSection';
import { MetadataSection } from './local/MetadataSection';
import { useCaseChangeNotice } from './useCaseChangeNotice';
import { parseCaseId, useCaseDetail } from './useCaseDetail';

function CaseNotFound({ rawId }: { rawId: string | undefined }) {
  return (
    <DeadEnd
      icon={<IconFileUnknown size={32} />}
      title="Case not found"
      description={`There is no case with id “${rawId ?? ''}”. It may have been mistyped, or the link is out of date.`}
      to={`/cases${rememberedQueueSearch()}`}
      action="Back to the queue"
    />
  );
}

function CaseSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading case">
      <Paper withBorder p="md">
        <Skeleton h={28} w="40%" mb="sm" />
        <Skeleton h={14} w="60%" mb="xs" />
        <Skeleton h={14} w="50%" />
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {[140, 120, 200].map((height) => (
              <Paper key={height} withBorder p="md">
                <Skeleton h={16} w={120} mb="md" />
                <Skeleton h={height} />
              </Paper>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder p="md">
            <Skeleton h={16} w={120} mb="md" />
            <Skeleton h={220} />
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The provider's panel for the view; a view type without one still shows its raw facts. */
function ProviderViewPanel({ detail, view }: { detail: CaseDetail; view: CaseView }) {
  const Panel = viewPanel(detail.provider, view);
  return Panel ? (
    <Panel detail={detail} view={view} />
  ) : (
    <GenericViewPanel detail={detail} view={view as { type: string } & Record<string, unknown>} />
  );
}

export function CasePage() {
  const { caseId: rawId } = useParams();
  const caseId = parseCaseId(rawId);
  const query = useCaseDetail(caseId);
  const detail = query.data;

  useCaseChangeNotice(detail);

  usePageTitle(detail ? (detail.subjectName ?? `Case ${detail.id}`) : 'Case');

  if (caseId === null || (isApiRequestError(query.error) && query.error.isNotFound)) {
    return (
      <Stack gap="sm">
        <BackToQueueLink />
        <CaseNotFound rawId={rawId} />
      </Stack>
    );
  }

  if (!detail) {
    if (query.isError) {
      return (
        <Stack gap="sm">
          <BackToQueueLink />
          <ErrorState
            title="This case could not be loaded"
            error={query.error}
            onRetry={() => void query.refetch()}
            retrying={query.isFetching}
          />
        </Stack>
      );
    }
    return (
      <Stack gap="sm">
        <BackToQueueLink />
        <CaseSkeleton />
      </Stack>
    );
  }

  const view = detail.view;
  const { SideSections } = webProvider(detail.provider);
  return (
    <Stack gap="md">
      <BackToQueueLink />
      <CaseHeader detail={detail} />
      <ReviewChecklist detail={detail} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {view ? (
            <ProviderViewPanel detail={detail} view={view} />
          ) : (
            <Alert color="gray" variant="light" title="Provider details unavailable">
              The provider's full result for this case has not been fetched yet. The summary above is what we
              know; the details appear here once the provider is reachable.
            </Alert>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <FlagClearSection detail={detail} />
            <ActionsSection actions={detail.actions} />
            {view && SideSections && <SideSections detail={detail} view={view} />}
            <CommentsSection caseId={detail.id} comments={detail.comments} />
            <MetadataSection caseId={detail.id} metadata={detail.metadata} />
            <CaseTagsSection caseId={detail.id} />
            <HistorySection caseId={detail.id} history={detail.history} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
