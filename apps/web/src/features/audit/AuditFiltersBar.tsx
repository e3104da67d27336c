import { Button, Group, Select, TextInput } from '@mantine/core';
import { type ChangeEvent, useEffect, useState } from 'react';
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
  /** A typed filter's value and change handler, bound to the draft. */
  const typed = (key: 'actorId' | 'caseId') => ({
    value: draft[key] ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement>) =>
      setDraft({ ...draft, [key]: event.currentTarget.value }),
  });
  /** A picked filter's value and change handler, bound to the draft; clearing it removes the filter. */
  const picked = (key: 'action' | 'provider') => ({
    value: draft[key] ?? null,
    onChange: (value: string | null) => setDraft({ ...draft, [key]: value ?? undefined }),
  });
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
        <TextInput label="Actor id" size="xs" w={170} {...typed('actorId')} />
        <Select
          label="Action"
          size="xs"
          w={230}
          placeholder="Any"
          searchable
          clearable
          data={auditActionOptions()}
          {...picked('action')}
        />
        <TextInput label="Case id" size="xs" w={100} inputMode="numeric" {...typed('caseId')} />
        <Select
          label="Provider"
          size="xs"
          w={130}
          placeholder="Any"
          clearable
          data={Object.entries(PROVIDER_LABELS).map(([value, label]) => ({ value, label }))}
          {...picked('provider')}
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
