import { Button, Checkbox, Menu } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';

/** Columns a user may hide (the subject and the selection box always show). */
export const HIDEABLE_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['document', 'Document no.'],
  ['source', 'Provider · type'],
  ['status', 'Status'],
  ['riskScore', 'Risk'],
  ['warnings', 'Warnings'],
  ['country', 'Country'],
  ['assignee', 'Assignee'],
  ['tags', 'Tags'],
  ['dueAt', 'Due'],
  ['createdAt', 'Created'],
  ['updatedAt', 'Updated'],
];

export function ColumnsMenu({
  hidden,
  onChange,
}: {
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  return (
    <Menu position="bottom-end" closeOnItemClick={false} withinPortal withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconColumns size={14} />}>
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {HIDEABLE_COLUMNS.map(([id, label]) => (
          <Menu.Item
            key={id}
            onClick={() => onChange(hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id])}
            leftSection={
              <Checkbox size="xs" checked={!hidden.includes(id)} readOnly tabIndex={-1} aria-hidden />
            }
          >
            {label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
