import { Button, Group, Paper, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { type AuditSearch, auditExportUrl, fetchAudit } from '../../api/endpoints';
import { auditKeys } from '../../app/queryKeys';
import { Heading } from '../../components/Heading';
import { QueryView } from '../../components/QueryView';
import { usePageTitle } from '../../components/usePageTitle';
import { type UrlStateCodec, useUrlState } from '../../components/useUrlState';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditTable } from './AuditTable';
import { parseAuditSearch, toApiSearch, toAuditParams } from './auditSearchParams';
import { VerifyChain } from './VerifyChain';

const PAGE_SIZE = 100;

const AUDIT_URL_STATE: UrlStateCodec<AuditSearch> = { parse: parseAuditSearch, format: toAuditParams };

export function AuditPage() {
  const [search, , replaceSearch] = useUrlState(AUDIT_URL_STATE);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());

  usePageTitle('Audit log');

  const query = useInfiniteQuery({
    queryKey: auditKeys.list(search),
    queryFn: ({ pageParam, signal }) =>
      fetchAudit({ ...toApiSearch(search), limit: String(PAGE_SIZE), before: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.nextBefore === null ? undefined : String(last.nextBefore)),
  });
  const rows = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const toggle = useCallback(
    (id: number) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  const apply = (next: AuditSearch) => {
    setExpanded(new Set());
    replaceSearch(next);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Heading order={1} title="Audit log">
          Every change, newest first. Append-only and hash-chained.
        </Heading>
        <Group gap="sm" align="flex-start">
          <Button
            component="a"
            href={auditExportUrl(toApiSearch(search))}
            download
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
          >
            Export CSV
          </Button>
          <VerifyChain />
        </Group>
      </Group>
      <Paper withBorder radius="sm" p="sm">
        <AuditFiltersBar search={search} onApply={apply} />
      </Paper>
      <QueryView query={query} errorTitle="The audit log could not be loaded">
        <AuditTable
          rows={rows}
          loading={query.isPending}
          refreshing={query.isFetching}
          expanded={expanded}
          onToggle={toggle}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
        />
      </QueryView>
    </Stack>
  );
}
