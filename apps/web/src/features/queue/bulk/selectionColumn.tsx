import type { CaseSummary } from '@backoffice/contracts';
import { Checkbox } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';

/** The checkbox column: a row's box takes shift-click ranges; the header box selects the page. */
export function selectionColumn({
  selected,
  pageIds,
  onToggleRow,
  onTogglePage,
}: {
  selected: ReadonlySet<number>;
  pageIds: readonly number[];
  onToggleRow: (id: number, shift: boolean) => void;
  onTogglePage: () => void;
}): ColumnDef<CaseSummary> {
  const all = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const some = pageIds.some((id) => selected.has(id));
  return {
    id: 'select',
    header: () => (
      <Checkbox
        size="xs"
        aria-label="Select page"
        checked={all}
        indeterminate={some && !all}
        onChange={onTogglePage}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        size="xs"
        aria-label={`Select case ${row.original.id}`}
        checked={selected.has(row.original.id)}
        // The click carries the shift key; onChange would not. The row's own click opens the case.
        onClick={(event) => {
          event.stopPropagation();
          onToggleRow(row.original.id, event.shiftKey);
        }}
        onKeyDown={(event) => event.stopPropagation()}
        onChange={() => undefined}
      />
    ),
  };
}
