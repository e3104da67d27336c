import { Alert, Button, Stack } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { fetchAuditVerify } from '../../api/endpoints';
import { ErrorState } from '../../components/ErrorState';
import { formatCount } from '../../components/format';

/** Re-computes the hash chain on the server and says where it breaks, if it does. */
export function VerifyChain() {
  const verify = useMutation({ mutationFn: () => fetchAuditVerify() });
  return (
    <Stack gap="xs" align="flex-end">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconShieldCheck size={14} />}
        onClick={() => verify.mutate()}
        loading={verify.isPending}
      >
        Verify chain
      </Button>
      {verify.data &&
        (verify.data.ok ? (
          <Alert color="green" variant="light" py={6} role="status" title="Chain intact">
            All {formatCount(verify.data.rows)} rows verify; none was edited or removed.
          </Alert>
        ) : (
          <Alert color="red" variant="light" py={6} role="alert" title="Chain broken">
            First broken row: #{verify.data.firstBrokenId ?? '?'}
            {verify.data.reason ? ` — ${verify.data.reason}` : ''}. Rows from there on cannot be trusted.
          </Alert>
        ))}
      {verify.isError && <ErrorState title="Verification could not run" error={verify.error} />}
    </Stack>
  );
}
