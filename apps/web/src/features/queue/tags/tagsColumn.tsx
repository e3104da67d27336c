import type { CaseSummary } from '@backoffice/contracts';
import type { ColumnDef } from '@tanstack/react-table';
import classes from '../QueueTable.module.css';
import { TagBadge } from './TagBadge';

/** The queue's Tags column. */
export const tagsColumn: ColumnDef<CaseSummary> = {
  id: 'tags',
  header: 'Tags',
  cell: ({ row }) => {
    const tags = row.original.tags ?? [];
    if (tags.length === 0) return <span className={classes.dimmed}>—</span>;
    return (
      <div className={classes.tags}>
        {tags.map((tag) => (
          <TagBadge key={tag.id} tag={tag} />
        ))}
      </div>
    );
  },
};
