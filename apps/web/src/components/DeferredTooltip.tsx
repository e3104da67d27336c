import { Tooltip, type TooltipProps } from '@mantine/core';
import { cloneElement, type ReactElement, useEffect, useRef, useState } from 'react';

type HoverHandlers = {
  onMouseEnter?: () => void;
  onMouseLeave?: () => void;
};

/**
 * A Mantine Tooltip that is mounted the first time the pointer rests on its target. A closed Tooltip
 * still runs its positioning hooks on every render, and the queue draws two or three per row, so on
 * a table of cases they cost more than the rows' text (docs/architecture.md, "Queue cold load").
 * Until then the target is rendered alone, with a mouse listener; after `openDelay` of hovering the
 * real Tooltip takes over, opened, and from then on behaves as any other (hover, delay, close).
 * Only for targets that cannot take keyboard focus: a focusable target needs the Tooltip from the
 * start so that focusing it shows the label.
 */
export function DeferredTooltip({
  children,
  openDelay = 0,
  ...props
}: Omit<TooltipProps, 'children'> & { children: ReactElement<HoverHandlers> }) {
  const [mounted, setMounted] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  if (mounted)
    return (
      <Tooltip defaultOpened openDelay={openDelay} {...props}>
        {children}
      </Tooltip>
    );
  return cloneElement(children, {
    onMouseEnter: () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setMounted(true), openDelay);
    },
    onMouseLeave: () => clearTimeout(timer.current),
  });
}
