import { type ListView, listValueSchema } from '@backoffice/contracts';
import {
  Button,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { useState } from 'react';
import { DialogActions } from '../../components/FormActions';
import { useListChange } from './useListChange';

/** Entry kinds a session yields: a case's session can be added to a list of these. */
const SESSION_KINDS = new Set(['face', 'document', 'phone', 'email', 'ip_address', 'device_fingerprint']);

export const ENTRY_KIND_LABELS: Record<string, string> = {
  face: 'Face',
  document: 'Document',
  phone: 'Phone',
  email: 'E-mail',
  ip_address: 'IP address',
  device_fingerprint: 'Device',
  wallet_address: 'Wallet address',
  bank_account: 'Bank account',
  user: 'User',
  business: 'Business',
  country: 'Country',
  key: 'Key',
};
export const entryKindLabel = (kind: string) => ENTRY_KIND_LABELS[kind] ?? kind.replaceAll('_', ' ');

const VALUE_HINTS: Record<string, string> = {
  document: 'e.g. X1234567',
  phone: 'International form, e.g. +34600111222',
  email: 'e.g. name@example.com',
  ip_address: 'IPv4 or IPv6, e.g. 203.0.113.7',
  device_fingerprint: 'The device id Didit reports',
  wallet_address: 'e.g. 0x… or bc1…',
  bank_account: 'IBAN or account number',
  country: 'ISO code, e.g. ES or ESP',
};

type Source = 'value' | 'case';

/**
 * Adds an entry to the selected list: a typed value (checked with the same schema the API uses) or the
 * session of one of our cases. A face is an image, so it only comes from a case.
 */
export function AddEntryDialog({
  list,
  opened,
  onClose,
}: {
  list: ListView;
  opened: boolean;
  onClose: () => void;
}) {
  const valueSchema = listValueSchema(list.entryType);
  const bySession = SESSION_KINDS.has(list.entryType);
  const [source, setSource] = useState<Source>(valueSchema ? 'value' : 'case');
  const [value, setValue] = useState('');
  const [valueError, setValueError] = useState<string | null>(null);
  const [caseId, setCaseId] = useState<number | string>('');
  const [comment, setComment] = useInputState('');
  const change = useListChange();

  const checkValue = (text: string): string | null => {
    if (!valueSchema) return null;
    const parsed = valueSchema.safeParse(text);
    return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid value.');
  };
  const close = () => {
    setValue('');
    setValueError(null);
    setCaseId('');
    setComment('');
    onClose();
  };
  const usingValue = source === 'value' && valueSchema !== null;

  return (
    <Modal opened={opened} onClose={close} title={`Add an entry to ${list.name}`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!comment.trim()) return;
          if (usingValue) {
            const problem = checkValue(value);
            setValueError(problem);
            if (problem) return;
            change.mutate(
              { kind: 'add', list: list.uuid, value: value.trim(), comment: comment.trim() },
              { onSuccess: close },
            );
            return;
          }
          if (typeof caseId !== 'number' || caseId < 1) return;
          change.mutate(
            { kind: 'add', list: list.uuid, caseId, comment: comment.trim() },
            { onSuccess: close },
          );
        }}
      >
        <Stack>
          <TextInput label="Entry kind" value={entryKindLabel(list.entryType)} readOnly />
          {valueSchema && bySession && (
            <SegmentedControl
              aria-label="Add by"
              value={source}
              onChange={(next) => setSource(next as Source)}
              data={[
                { value: 'value', label: 'Typed value' },
                { value: 'case', label: "A case's session" },
              ]}
            />
          )}
          {usingValue ? (
            <TextInput
              label="Value"
              description={VALUE_HINTS[list.entryType]}
              value={value}
              onChange={(event) => {
                setValue(event.currentTarget.value);
                if (valueError) setValueError(checkValue(event.currentTarget.value));
              }}
              onBlur={() => value && setValueError(checkValue(value))}
              error={valueError}
              maxLength={512}
              autoComplete="off"
              required
              data-autofocus
            />
          ) : bySession ? (
            <NumberInput label="Case number" min={1} value={caseId} onChange={setCaseId} required />
          ) : null}
          {!valueSchema && (
            <Text size="sm" c="dimmed">
              A face cannot be typed in: Didit takes it from the session of the case you name.
            </Text>
          )}
          <Textarea
            label="Comment"
            description="Sent to Didit with the entry; kept out of the audit log."
            value={comment}
            onChange={setComment}
            maxLength={500}
            autosize
            minRows={2}
            required
          />
          <Text size="sm" c="dimmed">
            The value is shown masked once added.
            {list.listType === 'blocklist' ? ' Into a blocklist, a second manager approves it first.' : ''}
          </Text>
          <DialogActions onCancel={close}>
            <Button
              type="submit"
              disabled={!comment.trim() || (usingValue ? !value.trim() : typeof caseId !== 'number')}
              loading={change.isPending}
            >
              Add to list
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Modal>
  );
}
