import { CaseKind, Provider, RISK_BAND_LABELS, RiskBand } from '@backoffice/contracts';
import { Chip, CloseButton, Group, Kbd, TextInput } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { ClearFiltersButton, DateRangeFilter, FilterMultiSelect } from '../../components/filters';
import { CASE_KIND_LABELS, KINDS_BY_PROVIDER, PROVIDER_LABELS } from '../../components/labels';
import { hasNarrowingFilters, type QueueFilters } from './queueSearchParams';
import type { SetQueueFiltersOptions } from './useQueueFilters';

export const SEARCH_DEBOUNCE_MS = 350;

const providerOptions = Provider.options.map((value) => ({ value, label: PROVIDER_LABELS[value] }));
const riskBandOptions = RiskBand.options.map((value) => ({ value, label: RISK_BAND_LABELS[value] }));

function kindOptionsFor(providers: Provider[]) {
  const kinds = providers.length
    ? providers.flatMap((provider) => KINDS_BY_PROVIDER[provider])
    : CaseKind.options;
  return kinds.map((value) => ({ value, label: CASE_KIND_LABELS[value] }));
}

export function QueueFiltersBar({
  filters,
  onChange,
  onClear,
}: {
  filters: QueueFilters;
  onChange: (change: Partial<QueueFilters>, options?: SetQueueFiltersOptions) => void;
  onClear: () => void;
}) {
  const searchRef = useRef<HTMLInputElement>(null);
  const [searchText, setSearchText] = useState(filters.q);

  // The URL is the source of truth: follow it when it changes from elsewhere (back button, "clear").
  useEffect(() => {
    setSearchText(filters.q);
  }, [filters.q]);

  // Typing refines one view, so it replaces the history entry instead of adding one per keystroke.
  const commitSearch = useDebouncedCallback((value: string) => {
    onChange({ q: value.trim() }, { replace: true });
  }, SEARCH_DEBOUNCE_MS);

  useHotkeys([['/', () => searchRef.current?.focus()]]);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        ref={searchRef}
        label="Search"
        placeholder="Name, document no. or id"
        size="xs"
        w={270}
        leftSection={<IconSearch size={14} />}
        rightSection={
          searchText ? (
            <CloseButton
              size="sm"
              aria-label="Clear search"
              onClick={() => {
                setSearchText('');
                commitSearch.cancel?.();
                onChange({ q: '' });
              }}
            />
          ) : (
            <Kbd size="xs" aria-hidden>
              /
            </Kbd>
          )
        }
        value={searchText}
        maxLength={100}
        onChange={(event) => {
          setSearchText(event.currentTarget.value);
          commitSearch(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commitSearch.cancel?.();
            onChange({ q: searchText.trim() }, { replace: true });
          }
        }}
      />
      <FilterMultiSelect
        label="Provider"
        anyLabel="Any provider"
        w={150}
        data={providerOptions}
        value={filters.provider}
        onChange={(value) => {
          const provider = value as Provider[];
          const allowedKinds = new Set(kindOptionsFor(provider).map((option) => option.value));
          onChange({ provider, kind: filters.kind.filter((kind) => allowedKinds.has(kind)) });
        }}
        comboboxProps={{ withinPortal: true }}
      />
      <FilterMultiSelect
        label="Case type"
        anyLabel="Any type"
        w={170}
        data={kindOptionsFor(filters.provider)}
        value={filters.kind}
        onChange={(value) => onChange({ kind: value as CaseKind[] })}
      />
      <FilterMultiSelect
        label="Risk band"
        anyLabel="Any risk"
        w={190}
        data={riskBandOptions}
        value={filters.riskBand}
        onChange={(value) => onChange({ riskBand: RiskBand.options.filter((band) => value.includes(band)) })}
      />
      <DateRangeFilter
        label="Created"
        placeholder="Any date"
        w={210}
        value={[filters.from, filters.to]}
        onChange={([from, to]) => {
          // A range is only applied once both ends are picked; clearing sends [null, null].
          if ((from && to) || (!from && !to)) onChange({ from: from ?? null, to: to ?? null });
        }}
        clearable
      />
      <Chip
        size="xs"
        color="orange"
        checked={filters.flagged}
        onChange={(flagged) => onChange({ flagged })}
        title="Cases with an unknown provider status, or whose decision the provider undid"
      >
        Flagged only
      </Chip>
      {hasNarrowingFilters(filters) && (
        <ClearFiltersButton onClick={onClear}>Clear filters</ClearFiltersButton>
      )}
    </Group>
  );
}
