import type { CaseActionType, CaseDetail } from '@backoffice/contracts';
import { Button, Group, Menu, Tooltip } from '@mantine/core';
import {
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
import { useCan } from '../auth/useMe';
import { ActionDialog } from './ActionDialog';
import { ACTION_TYPE_LABELS } from './labels';

function disabledReason(type: CaseActionType, detail: CaseDetail, canDecide: boolean): string | null {
  if (!canDecide) return 'Your role cannot take decisions on cases.';
  if (!detail.allowedActions.includes(type))
    return `Not possible while the case is ${detail.providerStatus} at the provider.`;
  return null;
}

/** The reviewer's decisions, top right of the case header. Disabled buttons say why. */
export function ActionBar({ detail }: { detail: CaseDetail }) {
  const canDecide = useCan('cases:decide');
  const canReadMedia = useCan('cases:media');
  const [open, setOpen] = useState<CaseActionType | null>(null);

  const button = (
    type: CaseActionType,
    props: { color?: string; variant?: string; icon: React.ReactNode },
  ) => {
    const reason = disabledReason(type, detail, canDecide);
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
    reason: disabledReason(type, detail, canDecide),
  }));
  const isDidit = detail.provider === 'didit';

  return (
    <>
      <Group gap="xs" justify="flex-end" wrap="wrap" aria-label="Case actions" role="group">
        {button('approve', { color: 'green', icon: <IconCheck size={16} /> })}
        {button('decline', { color: 'red', icon: <IconX size={16} /> })}
        <Menu position="bottom-end" withArrow>
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
            {isDidit && canReadMedia && (
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
          </Menu.Dropdown>
        </Menu>
      </Group>
      {open && <ActionDialog type={open} detail={detail} onClose={() => setOpen(null)} />}
    </>
  );
}
