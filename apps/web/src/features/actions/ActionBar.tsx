import type { CaseActionType, CaseDetail } from '@backoffice/contracts';
import { Button, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowUpRight,
  IconBan,
  IconCheck,
  IconChevronDown,
  IconFileTypePdf,
  IconMessageForward,
  IconRefresh,
  IconTags,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { caseReportUrl } from '../../api/endpoints';
import { webProvider } from '../../providers/registry';
import { useCan } from '../auth/useMe';
import { EvidencePackMenuItems } from '../evidence/EvidencePackMenuItems';
import { CaseShortcuts } from '../triage/CaseShortcuts';
import { DECIDE_AND_NEXT } from '../triage/shortcuts';
import { useDialogFocusReturn } from '../triage/useDialogFocusReturn';
import { useNextCase } from '../triage/useNextCase';
import { ActionDialog } from './ActionDialog';
import { ACTION_TYPE_LABELS, decidedLocally, localDecisionLabel } from './labels';

/** While a case is escalated, where it goes next is the managers' call (the server enforces the same). */
const MANAGERS_ON_ESCALATED = new Set<CaseActionType>([
  'approve',
  'decline',
  'request_resubmission',
  'return_to_queue',
]);

function disabledReason(
  type: CaseActionType,
  detail: CaseDetail,
  canDecide: boolean,
  canManage: boolean,
): string | null {
  if (!canDecide) return 'Your role cannot take decisions on cases.';
  if (detail.status === 'escalated' && MANAGERS_ON_ESCALATED.has(type) && !canManage)
    return 'Escalated: a manager decides this case or sends it back to the queue.';
  if (!detail.allowedActions.includes(type))
    return type === 'escalate' || type === 'return_to_queue'
      ? `Not possible while the case is ${detail.status.replace('_', ' ')}.`
      : `Not possible while the case is ${detail.providerStatus} at the provider.`;
  return null;
}

/** The reviewer's decisions, top right of the case header. Disabled buttons say why. */
export function ActionBar({ detail }: { detail: CaseDetail }) {
  const canDecide = useCan('cases:decide');
  const canReadMedia = useCan('cases:media');
  const canManage = useCan('actions:manage');
  const [open, setOpenState] = useState<CaseActionType | null>(null);
  const { goNext } = useNextCase();
  const focusReturn = useDialogFocusReturn();
  const setOpen = (type: CaseActionType | null) => {
    if (type) focusReturn.remember();
    else focusReturn.restore();
    setOpenState(type);
  };
  const escalated = detail.status === 'escalated';

  const button = (
    type: CaseActionType,
    props: { color?: string; variant?: string; icon: React.ReactNode },
  ) => {
    const reason = disabledReason(type, detail, canDecide, canManage);
    const element = (
      <Button
        size="sm"
        color={props.color}
        variant={props.variant ?? 'filled'}
        leftSection={props.icon}
        disabled={reason !== null}
        onClick={() => setOpen(type)}
      >
        {ACTION_TYPE_LABELS[type]}
      </Button>
    );
    return reason ? (
      <Tooltip label={reason} withArrow key={type}>
        <span>{element}</span>
      </Tooltip>
    ) : (
      <span key={type}>{element}</span>
    );
  };

  const moreReasons = (
    ['request_resubmission', 'blocklist', 'provider_comment', 'provider_metadata'] as const
  ).map((type) => ({
    type,
    reason: disabledReason(type, detail, canDecide, canManage),
  }));
  const { pdfReport } = webProvider(detail.provider);

  return (
    <>
      <Stack gap={4} align="flex-end">
        <Group gap="xs" justify="flex-end" wrap="wrap" aria-label="Case actions" role="group">
          {button('approve', { color: 'green', icon: <IconCheck size={16} /> })}
          {button('decline', { color: 'red', icon: <IconX size={16} /> })}
          {escalated
            ? button('return_to_queue', { variant: 'default', icon: <IconArrowBackUp size={16} /> })
            : button('escalate', { color: 'violet', variant: 'light', icon: <IconArrowUpRight size={16} /> })}
          {/* No focus placeholder: a role="presentation" child is not allowed in role="menu" (axe); focus goes to the first item, as the menu-button pattern has it. */}
          <Menu position="bottom-end" withArrow withInitialFocusPlaceholder={false}>
            <Menu.Target>
              <Button size="sm" variant="default" rightSection={<IconChevronDown size={14} />}>
                More actions
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {moreReasons.map(({ type, reason }) => (
                <Menu.Item
                  key={type}
                  disabled={reason !== null}
                  onClick={() => setOpen(type)}
                  leftSection={
                    type === 'request_resubmission' ? (
                      <IconRefresh size={16} />
                    ) : type === 'blocklist' ? (
                      <IconBan size={16} />
                    ) : type === 'provider_metadata' ? (
                      <IconTags size={16} />
                    ) : (
                      <IconMessageForward size={16} />
                    )
                  }
                  title={reason ?? undefined}
                >
                  {ACTION_TYPE_LABELS[type]}…
                </Menu.Item>
              ))}
              {pdfReport && canReadMedia && (
                <>
                  <Menu.Divider />
                  <Menu.Item
                    component="a"
                    href={caseReportUrl(detail.id)}
                    download
                    leftSection={<IconFileTypePdf size={16} />}
                  >
                    Download PDF report
                  </Menu.Item>
                </>
              )}
              <EvidencePackMenuItems detail={detail} />
            </Menu.Dropdown>
          </Menu>
        </Group>
        {decidedLocally(detail) && (
          <Text size="xs" c="dimmed" data-testid="local-decision-label">
            Approve and decline — {localDecisionLabel(detail.provider)}
          </Text>
        )}
      </Stack>
      <CaseShortcuts
        caseId={detail.id}
        unavailableReason={(type) => disabledReason(type, detail, canDecide, canManage)}
        onAction={setOpen}
      />
      {open && (
        <ActionDialog
          type={open}
          detail={detail}
          onClose={() => setOpen(null)}
          // Decide-and-next: after a decision the analyst lands on the next case of their queue view.
          onDone={DECIDE_AND_NEXT.has(open) ? () => void goNext(detail.id) : undefined}
        />
      )}
    </>
  );
}
