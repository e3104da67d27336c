import { Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { HELP_HOTKEY, type ShortcutEntry } from './shortcuts';
import type { TriageHotkey } from './useTriageHotkeys';

/** The `?` key of a screen's shortcuts: its hotkey, which opens the overlay, and the overlay's open state. */
export function useShortcutHelp() {
  const [opened, setOpened] = useState(false);
  const hotkey: TriageHotkey = {
    hotkey: HELP_HOTKEY,
    run: () => {
      setOpened(true);
      return true;
    },
  };
  return { hotkey, dialog: { opened, onClose: () => setOpened(false) } };
}

/** The `?` overlay: every shortcut of this screen, and why one cannot be used here. */
export function ShortcutHelp({
  opened,
  onClose,
  title,
  shortcuts,
}: {
  opened: boolean;
  onClose: () => void;
  /** Where these shortcuts apply, e.g. "On this case". */
  title: string;
  shortcuts: ShortcutEntry[];
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {title}. Shortcuts do nothing while you type in a field or while a dialog is open. Every decision
          opens its dialog first: choose a reason, press Enter to submit, Escape to cancel.
        </Text>
        <Table aria-label="Keyboard shortcuts" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>Key</Table.Th>
              <Table.Th>Action</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shortcuts.map((shortcut) => (
              <Table.Tr
                key={shortcut.keys.join('+')}
                data-unavailable={shortcut.unavailable ? true : undefined}
              >
                <Table.Td>
                  {shortcut.keys.map((key) => (
                    <Kbd key={key} size="sm">
                      {key}
                    </Kbd>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {shortcut.label}
                  </Text>
                  {shortcut.unavailable && (
                    <Text size="xs" c="dimmed">
                      Not available: {shortcut.unavailable}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Modal>
  );
}
