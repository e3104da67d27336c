import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useCan } from '../auth/useMe';
import { NewScreeningDialog } from './NewScreeningDialog';

/** "New screening" on the queue; only for roles that may take decisions (the API requires `cases:decide`). */
export function NewScreeningButton() {
  const canDecide = useCan('cases:decide');
  const [opened, setOpened] = useState(false);
  if (!canDecide) return null;
  return (
    <>
      <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setOpened(true)}>
        New screening
      </Button>
      <NewScreeningDialog opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
