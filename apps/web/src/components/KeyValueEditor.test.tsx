import { MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { theme } from '../app/theme';
import { KeyValueEditor, type KeyValueEditorProps, type KeyValueRow } from './KeyValueEditor';

interface Row extends KeyValueRow {
  stored: boolean;
}

let latest: Row[] = [];
let created = 0;

function Harness({ initial, ...props }: { initial: Row[] } & Partial<KeyValueEditorProps<Row>>) {
  const [rows, setRows] = useState(initial);
  latest = rows;
  return (
    <KeyValueEditor
      rows={rows}
      onChange={setRows}
      newRow={() => ({ rowId: `new-${created++}`, key: '', value: '', stored: false })}
      isStored={(row) => row.stored}
      {...props}
    />
  );
}

function renderEditor(initial: Row[], props: Partial<KeyValueEditorProps<Row>> = {}) {
  return render(
    <MantineProvider theme={theme} env="test">
      <Harness initial={initial} {...props} />
    </MantineProvider>,
  );
}

const stored: Row = { rowId: 'k:ticket', key: 'ticket', value: 'TCK-1', stored: true };

describe('KeyValueEditor', () => {
  it('edits keys and values in place and adds blank rows', () => {
    renderEditor([stored]);
    fireEvent.change(screen.getByLabelText('Value 1'), { target: { value: 'TCK-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    fireEvent.change(screen.getByLabelText('Key 2'), { target: { value: 'owner' } });
    expect(latest.map(({ key, value }) => [key, value])).toEqual([
      ['ticket', 'TCK-2'],
      ['owner', ''],
    ]);
  });

  it('marks a stored row removed with an undo, and drops a new row outright', () => {
    renderEditor([stored]);
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove ticket' }));
    expect(latest[0]?.removed).toBe(true);
    expect((screen.getByLabelText('Key 1') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 2' }));
    expect(latest).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Keep ticket' }));
    expect(latest[0]?.removed).toBe(false);
  });

  it('keeps at least minRows and at most maxRows, and shows per-row errors', () => {
    const blank: Row = { rowId: 'a', key: '', value: '', stored: false };
    renderEditor([blank], { minRows: 1, maxRows: 2, rowErrors: { a: 'Enter a key.' } });
    expect((screen.getByRole('button', { name: 'Remove row 1' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Enter a key.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add row' }));
    expect((screen.getByRole('button', { name: 'Add row' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Remove row 1' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
