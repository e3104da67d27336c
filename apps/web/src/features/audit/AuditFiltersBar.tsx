import { Button, Group, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AuditSearch } from '../../api/endpoints';
import { ClearFiltersButton, DateRangeFilter } from '../../components/filters';
import { PROVIDER_LABELS } from '../../components/labels';
import { auditActionOptions } from './auditActions';

/** A draft of the filters that becomes the URL (and the query) only when applied. */
export function AuditFiltersBar({
  search,
  onApply,
}: {
  search: AuditSearch;
  onApply: (next: AuditSearch) => void;
}) {
  const [draft, setDraft] = useState(search);
  // The URL is the truth: back/forward or a link click replaces what is typed.
  useEffect(() => setDraft(search), [search]);
  const hasFilters = Object.values(search).some(Boolean);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onApply({
          ...draft,
          actorId: draft.actorId?.trim(),
          caseId: draft.caseId?.trim(),
        });
      }}
      aria-label="Audit filters"
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Actor id"
          size="xs"
          w={170}
          value={draft.actorId ?? ''}
          onChange={(event) => setDraft({ ...draft, actorId: event.currentTarget.value })}
        />
        <Select
          label="Action"
          size="xs"
          w={230}
          placeholder="Any"
          searchable
          clearable
          data={auditActionOptions()}
          value={draft.action ?? null}
          onChange={(value) => setDraft({ ...draft, action: value ?? undefined })}
        />
        <TextInput
          label="Case id"
          size="xs"
          w={100}
          inputMode="numeric"
          value={draft.caseId ?? ''}
          onChange={(event) => setDraft({ ...draft, caseId: event.currentTarget.value })}
        />
        <Select
          label="Provider"
          size="xs"
          w={130}
          placeholder="Any"
          clearable
          data={Object.entries(PROVIDER_LABELS).map(([value, label]) => ({ value, label }))}
          value={draft.provider ?? null}
          onChange={(value) => setDraft({ ...draft, provider: value ?? undefined })}
        />
        <DateRangeFilter
          label="Date"
          placeholder="Any date"
          w={210}
          value={[draft.from ?? null, draft.to ?? null]}
          onChange={([from, to]) =>
            setDraft({ ...draft, from: from ?? undefined, to: to ?? from ?? undefined })
          }
          clearable
        />
        <Button type="submit" size="xs">
          Apply filters
        </Button>
        {hasFilters && <ClearFiltersButton onClick={() => onApply({})}>Clear</ClearFiltersButton>}
      </Group>
    </form>
  );
}
