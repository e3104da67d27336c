import { ActionIcon, Box, Center, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconDimensions,
  IconMaximize,
  IconZoomIn,
  IconZoomOut,
} from '@tabler/icons-react';
import { type Ref, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { type ReactZoomPanPinchContentRef, TransformComponent, TransformWrapper } from 'react-zoom-pan-pinch';
import type { CaseMediaKey } from '../../api/endpoints';
import { ImageUnavailable } from './ImageUnavailable';
import { PAN_STEP_LARGE_PX, PAN_STEP_PX, type ViewerCommand } from './shortcuts';
import { viewerMediaUrl } from './viewerMediaUrl';
import type { Rotation } from './viewerState';

/** What the viewer's key handler asks of a pane (rotation is viewer state, not a pane command). */
export interface PaneControls {
  run(command: ViewerCommand, large: boolean): void;
  focus(): void;
}

/** Each zoom button or key press multiplies or divides the scale by this, at any magnification. */
const ZOOM_FACTOR = 1.25;
const MIN_SCALE = 0.05;
const MAX_SCALE = 12;
const ANIMATION_MS = 150;

type LoadState = 'loading' | 'loaded' | 'failed';

/** The toolbar's zoom buttons, with their shortcut as the tooltip shows it and as `aria-keyshortcuts` spells it. */
const ZOOM_BUTTONS: ReadonlyArray<{
  command: ViewerCommand;
  label: string;
  shortcut: string;
  keys: string;
  Icon: typeof IconZoomIn;
}> = [
  { command: 'zoomOut', label: 'Zoom out', shortcut: '-', keys: '-', Icon: IconZoomOut },
  { command: 'zoomIn', label: 'Zoom in', shortcut: '+', keys: 'Plus', Icon: IconZoomIn },
  { command: 'fit', label: 'Fit to pane', shortcut: '0', keys: '0', Icon: IconMaximize },
  { command: 'actualSize', label: 'Actual size', shortcut: '1', keys: '1', Icon: IconDimensions },
];

/**
 * One image of the viewer. The image is laid out at its natural pixel size inside the zoom
 * library's content box, so the library's scale is the real magnification: scale 1 is actual size,
 * and the fit scale is whatever makes the whole image visible. A quarter turn swaps the box's sides.
 */
export function ZoomPane({
  ref,
  caseId,
  mediaKey,
  label,
  rotation,
  active,
  layout,
  onActivate,
  onRotate,
  autoFocus,
}: {
  ref?: Ref<PaneControls>;
  caseId: number;
  mediaKey: CaseMediaKey;
  label: string;
  rotation: Rotation;
  /** Side by side: the pane the keys act on, outlined. */
  active: boolean;
  /** Changes when the pane's size changes (full screen, side by side): the image is fitted again. */
  layout: string;
  onActivate: () => void;
  onRotate: (direction: 'right' | 'left') => void;
  autoFocus?: boolean;
}) {
  const [attempt, setAttempt] = useState(0);
  // A fresh address per showing (and per retry): each one is fetched, and so audited, by the API.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the attempt is what asks for a new address
  const src = useMemo(() => viewerMediaUrl(caseId, mediaKey), [caseId, mediaKey, attempt]);
  const [load, setLoad] = useState<LoadState>('loading');
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
  const [scale, setScale] = useState<number | null>(null);
  const zoom = useRef<ReactZoomPanPinchContentRef>(null);
  const viewport = useRef<HTMLDivElement>(null);

  function runCommand(command: ViewerCommand, large: boolean) {
    const controls = zoom.current;
    if (!controls) return;
    const current = controls.instance.state.scale;
    const step = large ? PAN_STEP_LARGE_PX : PAN_STEP_PX;
    switch (command) {
      case 'zoomIn':
        void controls.zoomIn(current * (ZOOM_FACTOR - 1), ANIMATION_MS);
        return;
      case 'zoomOut':
        void controls.zoomOut(current * (1 - 1 / ZOOM_FACTOR), ANIMATION_MS);
        return;
      case 'fit':
        void controls.fitToView({ animationTime: ANIMATION_MS });
        return;
      case 'actualSize':
        void controls.centerView(1, ANIMATION_MS);
        return;
      // The arrow names where the reviewer looks: moving right shows more of the right side.
      case 'panLeft':
        void controls.panBy(step, 0, ANIMATION_MS);
        return;
      case 'panRight':
        void controls.panBy(-step, 0, ANIMATION_MS);
        return;
      case 'panUp':
        void controls.panBy(0, step, ANIMATION_MS);
        return;
      case 'panDown':
        void controls.panBy(0, -step, ANIMATION_MS);
        return;
      default:
        return;
    }
  }

  useImperativeHandle(ref, (): PaneControls => ({ run: runCommand, focus: () => viewport.current?.focus() }));

  // A loaded image, a quarter turn or a new pane size changes what "the whole image" means: fit again.
  // Two frames later: the library's size observer first reacts to the new box (and would cancel a
  // fit started before it), then the fit lands on the settled layout.
  // biome-ignore lint/correctness/useExhaustiveDependencies: these are the triggers, the fit reads refs
  useEffect(() => {
    if (!natural) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => void zoom.current?.fitToView({ animationTime: 0 }));
    });
    return () => cancelAnimationFrame(frame);
  }, [natural, rotation, layout]);

  const sideways = rotation === 90 || rotation === 270;
  const box = natural
    ? { width: sideways ? natural.height : natural.width, height: sideways ? natural.width : natural.height }
    : { width: 0, height: 0 };
  const run = (command: ViewerCommand) => {
    onActivate();
    runCommand(command, false);
  };
  const rotate = (direction: 'right' | 'left') => {
    onActivate();
    onRotate(direction);
  };

  return (
    <Stack
      gap={6}
      h="100%"
      mih={0}
      onFocusCapture={onActivate}
      onPointerDownCapture={onActivate}
      data-testid="viewer-pane"
      data-media-key={mediaKey}
      data-rotation={rotation}
      data-active={active || undefined}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {label}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed" ff="monospace" data-testid="viewer-zoom">
            {scale === null ? '—' : `${Math.round(scale * 100)} %`} · {rotation}°
          </Text>
          {ZOOM_BUTTONS.map((button) => (
            <PaneButton
              key={button.command}
              label={button.label}
              shortcut={button.shortcut}
              keys={button.keys}
              onClick={() => run(button.command)}
            >
              <button.Icon size={18} aria-hidden />
            </PaneButton>
          ))}
          <PaneButton
            label="Rotate counter-clockwise"
            shortcut="Shift+R"
            keys="Shift+R"
            onClick={() => rotate('left')}
          >
            <IconArrowBackUp size={18} aria-hidden />
          </PaneButton>
          <PaneButton label="Rotate clockwise" shortcut="R" keys="R" onClick={() => rotate('right')}>
            <IconArrowForwardUp size={18} aria-hidden />
          </PaneButton>
        </Group>
      </Group>
      <Box
        ref={viewport}
        role="group"
        aria-label={`${label}: drag or use the arrow keys to move, wheel or + and - to zoom`}
        tabIndex={0}
        data-autofocus={autoFocus || undefined}
        className="mantine-focus-auto"
        pos="relative"
        flex={1}
        mih={0}
        bg="var(--mantine-color-default-hover)"
        style={{
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          border: `${active ? 2 : 1}px solid ${active ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
          cursor: load === 'loaded' ? 'grab' : 'progress',
        }}
      >
        {load === 'failed' ? (
          <ImageUnavailable
            onRetry={() => {
              setLoad('loading');
              setNatural(null);
              setAttempt((value) => value + 1);
            }}
          />
        ) : (
          <TransformWrapper
            ref={zoom}
            minScale={MIN_SCALE}
            maxScale={MAX_SCALE}
            fitOnInit
            centerZoomedOut
            onInit={(controls) => setScale(controls.state.scale)}
            onTransform={(_, state) => setScale(state.scale)}
            doubleClick={{ mode: 'zoomIn', step: 1 }}
          >
            <TransformComponent wrapperStyle={{ width: '100%', height: '100%' }}>
              <div style={{ position: 'relative', ...box }}>
                <img
                  src={src}
                  alt={label}
                  referrerPolicy="no-referrer"
                  draggable={false}
                  onLoad={(event) => {
                    const image = event.currentTarget;
                    setNatural({ width: image.naturalWidth, height: image.naturalHeight });
                    setLoad('loaded');
                  }}
                  onError={() => setLoad('failed')}
                  style={{
                    display: 'block',
                    maxWidth: 'none',
                    position: 'absolute',
                    left: '50%',
                    top: '50%',
                    transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
                  }}
                />
              </div>
            </TransformComponent>
          </TransformWrapper>
        )}
        {load === 'loading' && (
          <Center pos="absolute" inset={0} style={{ pointerEvents: 'none' }}>
            <Loader size="sm" aria-label={`Loading ${label}`} />
          </Center>
        )}
      </Box>
    </Stack>
  );
}

function PaneButton({
  label,
  shortcut,
  keys,
  onClick,
  children,
}: {
  label: string;
  /** As shown in the tooltip. */
  shortcut: string;
  /** As `aria-keyshortcuts` spells it. */
  keys: string;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <Tooltip label={`${label} (${shortcut})`} openDelay={300}>
      <ActionIcon variant="default" size="md" aria-label={label} aria-keyshortcuts={keys} onClick={onClick}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}
