import {
  CaseActionRequest,
  type CaseActionType,
  type CaseDetail,
  type ReasonCode,
} from '@backoffice/contracts';
import { Alert, Button, Checkbox, Group, List, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { IconInfoCircle, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { isApiRequestError } from '../../api/client';
import { fetchReasonCodes, postCaseAction } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { actionKeys } from '../../app/queryKeys';
import { ErrorState } from '../../components/ErrorState';
import { FormActions } from '../../components/FormActions';
import { formatDateTime } from '../../components/format';
import { KeyValueEditor, type KeyValueRow } from '../../components/KeyValueEditor';
import { webProvider } from '../../providers/registry';
import { useMe } from '../auth/useMe';
import { ChecklistDecisionNotice, checkedItemsFor } from '../checklist/ChecklistDecisionNotice';
import { clearTicks } from '../checklist/ticks';
import { describeCaseChanges } from './caseChanges';
import { fourEyesReason, useFourEyesSettings } from './fourEyes';
import { ACTION_TYPE_LABELS, effectSummary } from './labels';
import { notifyActionOutcome } from './outcome';
import { useInvalidateCase } from './useCaseMutationInvalidation';

export function useReasonCodes() {
  return useQuery({
    queryKey: actionKeys.reasonCodes,
    queryFn: ({ signal }) => fetchReasonCodes(signal),
    staleTime: 300_000,
  });
}

export function reasonCodesFor(codes: ReasonCode[], type: CaseActionType): ReasonCode[] {
  return codes.filter((code) => code.active && code.appliesTo.includes(type));
}

type FieldErrors = Partial<Record<'reasonCode' | 'note' | 'nodes' | 'items' | 'entries', string>>;

let nextMetadataRowId = 0;
const newMetadataRow = (): KeyValueRow => ({ rowId: `entry:${nextMetadataRowId++}`, key: '', value: '' });

const SUBMIT_LABELS: Record<CaseActionType, string> = {
  approve: 'Approve case',
  decline: 'Decline case',
  request_resubmission: 'Request resubmission',
  blocklist: 'Add to blocklist',
  provider_comment: 'Send comment',
  provider_metadata: 'Set metadata',
  escalate: 'Escalate to a manager',
  return_to_queue: 'Send back to queue',
  list_entry_add: 'Add to list',
  list_entry_remove: 'Request removal',
};

export function ActionDialog({
  type,
  detail,
  onClose,
  onDone,
}: {
  type: CaseActionType;
  /** The live case; it may change under the open dialog (SSE) or turn out stale on submit (409). */
  detail: CaseDetail;
  onClose: () => void;
  /** Called once the action was accepted, after the dialog closed (decide-and-next). */
  onDone?: () => void;
}) {
  // The version the reviewer has actually looked at; submitting against it is what If-Match protects.
  const [seen, setSeen] = useState(detail);
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [note, setNote] = useInputState('');
  const [nodes, setNodes] = useState<string[]>([]);
  const [face, setFace] = useState(false);
  const [documentItem, setDocumentItem] = useState(false);
  const [phoneItem, setPhoneItem] = useState(false);
  const [emailItem, setEmailItem] = useState(false);
  const [entries, setEntries] = useState<KeyValueRow[]>(() => [newMetadataRow()]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [staleConflict, setStaleConflict] = useState(false);
  // Deciding a case another analyst is working on needs an explicit confirmation (sent as overrideAssignee).
  const me = useMe().data;
  const [decideAnyway, setDecideAnyway] = useState(false);

  const reasons = useReasonCodes();
  const fourEyes = useFourEyesSettings();
  const invalidate = useInvalidateCase();

  // Comments and metadata sent to the provider are not decisions: they carry no reason code.
  const needsReason =
    type !== 'provider_comment' && type !== 'provider_metadata' && type !== 'return_to_queue';
  const heldByOther =
    needsReason &&
    detail.assignee !== null &&
    me !== undefined &&
    me !== null &&
    detail.assignee.id !== me.id;
  const reasonOptions = useMemo(
    () => reasonCodesFor(reasons.data ?? [], type).map((code) => ({ value: code.code, label: code.label })),
    [reasons.data, type],
  );
  const nodeOptions = useMemo(
    () => (detail.view ? (webProvider(detail.provider).resubmitOptions?.(detail.view) ?? []) : []),
    [detail.view, detail.provider],
  );
  const chosenNodes = nodeOptions.filter((option) => nodes.includes(option.nodeId));

  const changes = seen.version === detail.version ? [] : describeCaseChanges(seen, detail);
  const stillAllowed = detail.allowedActions.includes(type);
  const fourEyesWhy = fourEyes.data ? fourEyesReason(type, detail, fourEyes.data) : null;

  const mutation = useIdempotentMutation({
    mutationFn: (request: CaseActionRequest, idempotencyKey) =>
      postCaseAction(detail.id, request, { version: seen.version, idempotencyKey }),
    intentOf: (request) => ({ request, version: seen.version }),
    onSuccess: async (result) => {
      if (result.action.checklist) clearTicks(detail.id);
      notifyActionOutcome(result.action, detail);
      onClose();
      onDone?.();
      await invalidate(detail.id);
    },
    onError: async (error) => {
      if (isApiRequestError(error) && error.status === 409) {
        // Someone else moved the case: fetch it so the dialog can say what changed; input is kept.
        if (error.apiError.code === 'stale_version') setStaleConflict(true);
        await invalidate(detail.id);
      }
    },
  });

  function buildRequest(): unknown {
    const trimmedNote = note.trim();
    const common = needsReason
      ? {
          reasonCode: reasonCode ?? '',
          ...(trimmedNote ? { note: trimmedNote } : {}),
          ...(heldByOther && decideAnyway ? { overrideAssignee: true } : {}),
          ...checkedItemsFor(detail, type),
        }
      : {};
    switch (type) {
      case 'approve':
      case 'decline':
      case 'escalate':
        return { type, ...common };
      case 'return_to_queue':
        return { type, ...(trimmedNote ? { note: trimmedNote } : {}) };
      case 'request_resubmission':
        return {
          type,
          ...common,
          nodes: chosenNodes.map(({ nodeId, feature }) => ({ nodeId, feature })),
        };
      case 'blocklist':
        return { type, ...common, face, document: documentItem, phone: phoneItem, email: emailItem };
      case 'provider_comment':
        return { type, note: trimmedNote };
      case 'provider_metadata':
        return {
          type,
          entries: entries
            .filter((row) => row.key.trim() !== '' || row.value.trim() !== '')
            .map((row) => ({ key: row.key.trim(), value: row.value })),
        };
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = CaseActionRequest.safeParse(buildRequest());
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'reasonCode') next.reasonCode = 'Choose a reason.';
        else if (field === 'note')
          next.note = type === 'provider_comment' ? 'Write the comment to send.' : issue.message;
        else if (field === 'nodes') next.nodes = 'Choose at least one step to redo.';
        else if (field === 'entries') {
          const row = typeof issue.path[1] === 'number' ? `Row ${issue.path[1] + 1}: ` : '';
          next.entries = issue.path.length > 1 ? `${row}${issue.message}` : 'Add at least one key and value.';
        } else next.items = issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  }

  function acknowledgeChanges() {
    setSeen(detail);
    setStaleConflict(false);
    mutation.reset();
  }

  const isStaleError =
    isApiRequestError(mutation.error) &&
    mutation.error.status === 409 &&
    mutation.error.apiError.code === 'stale_version';
  const title = `${ACTION_TYPE_LABELS[type]} · ${detail.subjectName ?? `case ${detail.id}`}`;

  return (
    <Modal opened onClose={onClose} title={title} size="lg" closeOnClickOutside={!mutation.isPending}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {(changes.length > 0 || staleConflict) && (
            <Alert
              color="orange"
              variant="light"
              title="This case changed while you were deciding"
              role="alert"
            >
              <Stack gap="xs">
                {changes.length > 0 ? (
                  <List size="sm" spacing={2}>
                    {changes.map((change) => (
                      <List.Item key={change}>{change}</List.Item>
                    ))}
                  </List>
                ) : (
                  <Text size="sm">Loading the latest version…</Text>
                )}
                <Text size="sm">
                  {stillAllowed
                    ? 'Your reason and note are kept. Review the change, then confirm to submit against the latest version.'
                    : `“${ACTION_TYPE_LABELS[type]}” is no longer possible in the case's new state.`}
                </Text>
                {stillAllowed && changes.length > 0 && (
                  <Group>
                    <Button size="xs" variant="white" color="orange" onClick={acknowledgeChanges}>
                      I have reviewed the changes
                    </Button>
                  </Group>
                )}
              </Stack>
            </Alert>
          )}

          {needsReason && (
            <Select
              label="Reason"
              placeholder={reasons.isPending ? 'Loading reasons…' : 'Choose a reason'}
              data={reasonOptions}
              value={reasonCode}
              onChange={(value) => {
                setReasonCode(value);
                setErrors((current) => ({ ...current, reasonCode: undefined }));
              }}
              error={
                errors.reasonCode ??
                (reasons.isError ? 'Reason codes could not be loaded; close and try again.' : undefined)
              }
              nothingFoundMessage="No matching reason"
              searchable
              required
              withAsterisk
              comboboxProps={{ withinPortal: true }}
              // Focus lands on the reason, so a dialog opened from the keyboard is ready to type into; the
              // list opens on typing or arrow keys, so the first Escape still cancels the dialog.
              data-autofocus
              openOnFocus={false}
            />
          )}

          {type === 'request_resubmission' && (
            <Checkbox.Group
              label="Steps the applicant must redo"
              description="The nodes this session ran, failed and declined first. Approved steps are kept."
              value={nodes}
              onChange={(value) => {
                setNodes(value);
                setErrors((current) => ({ ...current, nodes: undefined }));
              }}
              error={errors.nodes}
              withAsterisk
            >
              {nodeOptions.length === 0 ? (
                <Text size="sm" c="dimmed" mt="xs">
                  This session lists no steps that can be sent back.
                </Text>
              ) : (
                <Stack gap={6} mt="xs">
                  {nodeOptions.map((option) => (
                    <Checkbox
                      key={option.nodeId}
                      value={option.nodeId}
                      label={option.label}
                      description={`${option.nodeId} · ${option.feature} · ${option.status || 'no status'}${
                        option.automatic ? ' · re-runs automatically, without the applicant' : ''
                      }`}
                    />
                  ))}
                </Stack>
              )}
            </Checkbox.Group>
          )}

          {type === 'blocklist' && (
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                What to blocklist
              </Text>
              {(
                [
                  ['Face (selfie)', face, setFace],
                  ['Document', documentItem, setDocumentItem],
                  ['Phone number', phoneItem, setPhoneItem],
                  ['E-mail address', emailItem, setEmailItem],
                ] as const
              ).map(([label, checked, setChecked]) => (
                <Checkbox
                  key={label}
                  label={label}
                  checked={checked}
                  onChange={(e) => setChecked(e.currentTarget.checked)}
                />
              ))}
              {errors.items && (
                <Text size="xs" c="red" role="alert">
                  {errors.items}
                </Text>
              )}
            </Stack>
          )}

          {type === 'provider_metadata' && (
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                Metadata to add on the provider's task
              </Text>
              <KeyValueEditor
                rows={entries}
                onChange={(rows) => {
                  setEntries(rows);
                  setErrors((current) => ({ ...current, entries: undefined }));
                }}
                newRow={newMetadataRow}
                minRows={1}
                maxRows={20}
              />
              <Text size="xs" c="dimmed">
                KryptoGO appends entries; existing keys on the task are not changed.
              </Text>
              {errors.entries && (
                <Text size="xs" c="red" role="alert">
                  {errors.entries}
                </Text>
              )}
            </Stack>
          )}

          {type !== 'provider_metadata' && (
            <Textarea
              label={type === 'provider_comment' ? 'Comment to the provider' : 'Note (optional)'}
              description={
                type === 'provider_comment'
                  ? 'Sent to the provider and kept in our audit log.'
                  : 'Kept with the action on this case; the audit log records only that there was one.'
              }
              value={note}
              onChange={setNote}
              error={errors.note}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={2000}
              withAsterisk={type === 'provider_comment'}
              data-autofocus={needsReason ? undefined : true}
            />
          )}

          <ChecklistDecisionNotice detail={detail} type={type} />

          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} title="What will happen">
            <Text size="sm">
              {effectSummary(type, detail, {
                nodes: chosenNodes.map((option) => option.label),
                face,
                document: documentItem,
                phone: phoneItem,
                email: emailItem,
              })}
            </Text>
          </Alert>

          {heldByOther && detail.assignee && (
            <Alert variant="light" color="orange" title="Someone else is working on this case">
              <Text size="sm">
                {detail.assignee.name} has been working on this since{' '}
                {detail.assignedAt ? formatDateTime(detail.assignedAt) : 'earlier'}; decide anyway?
              </Text>
              <Checkbox
                mt="xs"
                label="Decide anyway"
                checked={decideAnyway}
                onChange={(event) => setDecideAnyway(event.currentTarget.checked)}
              />
            </Alert>
          )}

          {fourEyesWhy && (
            <Alert
              variant="light"
              color="violet"
              icon={<IconUsers size={18} />}
              title="Four-eyes: needs a second person"
            >
              <Text size="sm">
                This action waits for another person's approval because {fourEyesWhy}. Nothing is sent until
                they approve it; you cannot approve your own request.
              </Text>
            </Alert>
          )}

          {mutation.isError && !isStaleError && (
            <ErrorState
              title={
                isApiRequestError(mutation.error) && mutation.error.outcomeUnknown
                  ? 'Not confirmed — submitting again is safe'
                  : 'The action was not accepted'
              }
              error={mutation.error}
            />
          )}

          <FormActions
            onCancel={onClose}
            pending={mutation.isPending}
            submitColor={type === 'decline' || type === 'blocklist' ? 'red' : undefined}
            submitDisabled={!stillAllowed || changes.length > 0 || (heldByOther && !decideAnyway)}
            gap="sm"
          >
            {SUBMIT_LABELS[type]}
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
