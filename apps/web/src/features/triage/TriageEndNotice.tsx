import { Alert, Text } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { useLocation, useNavigate } from 'react-router';
import { triageEndOf } from './useNextCase';

/** The message on the queue when decide-and-next reached the end of the view. */
export function TriageEndNotice() {
  const location = useLocation();
  const navigate = useNavigate();
  const end = triageEndOf(location.state);
  if (!end) return null;
  const skipped =
    end.skippedClaimed === 0
      ? ''
      : ` ${end.skippedClaimed} ${end.skippedClaimed === 1 ? 'case claimed by someone else was' : 'cases claimed by others were'} skipped.`;
  return (
    <Alert
      role="status"
      color="green"
      variant="light"
      icon={<IconFlag size={18} />}
      title={end.gaveUp ? 'No unclaimed case nearby' : 'End of this view'}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => navigate(`${location.pathname}${location.search}`, { replace: true, state: null })}
      data-testid="triage-end-notice"
    >
      <Text size="sm">
        {end.gaveUp
          ? 'The next cases of this view are all claimed by others; pick one from the list or change the filters.'
          : 'There are no more cases after the last one you worked on in this view.'}
        {skipped}
      </Text>
    </Alert>
  );
}
