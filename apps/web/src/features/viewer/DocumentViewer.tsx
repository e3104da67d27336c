import {
  ActionIcon,
  Box,
  Button,
  Group,
  Kbd,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDidUpdate, useFullscreenDocument } from '@mantine/hooks';
import { IconColumns2, IconKeyboard, IconMaximize, IconMinimize } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useId, useReducer, useRef } from 'react';
import type { CaseMediaKey } from '../../api/endpoints';
import { VIEWER_SHORTCUTS, viewerKeyPress } from './shortcuts';
import { comparisonPartner, initialViewerState, viewerReducer } from './viewerState';
import { type PaneControls, ZoomPane } from './ZoomPane';

export interface ViewerMedia {
  key: CaseMediaKey;
  label: string;
}

/**
 * The case's document viewer: zoom, pan, quarter turns, fit and actual size, full screen, and two
 * images side by side (a selfie against the document portrait, the front against the back), all
 * from the keyboard too. Mounted while open: every opening starts from the image clicked, fitted
 * and upright, and fetches its images afresh through the audited media route.
 */
export function DocumentViewer({
  caseId,
  media,
  openKey,
  onClose,
}: {
  caseId: number;
  media: readonly ViewerMedia[];
  openKey: CaseMediaKey;
  onClose: () => void;
}) {
  const [state, dispatch] = useReducer(viewerReducer, openKey, initialViewerState);
  const panes = useRef<Array<PaneControls | null>>([]);
  const helpId = useId();
  const documentFullscreen = useFullscreenDocument();
  const labelOf = (key: string) => media.find((item) => item.key === key)?.label ?? key;
  const sideBySide = state.panes.length === 2;

  // The browser left full screen (its own Escape, or F11): the dialog follows.
  useDidUpdate(() => {
    if (!documentFullscreen.fullscreen) dispatch({ type: 'setFullScreen', value: false });
  }, [documentFullscreen.fullscreen]);
  // Closing the viewer ends the full screen it started.
  useEffect(
    () => () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
    [],
  );

  const toggleFullScreen = () => {
    const next = !state.fullScreen;
    dispatch({ type: 'setFullScreen', value: next });
    // The dialog fills the window either way; the browser may refuse the real full screen.
    if (next !== documentFullscreen.fullscreen && document.fullscreenEnabled)
      documentFullscreen.toggle().catch(() => undefined);
  };

  const switchPane = () => {
    if (!sideBySide) return;
    const other = state.active === 0 ? 1 : 0;
    dispatch({ type: 'activate', pane: other });
    panes.current[other]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const press = viewerKeyPress({
      key: event.key,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      target: event.target,
    });
    if (!press) return;
    // The case page has shortcuts of its own: a key the viewer used must not reach them.
    event.preventDefault();
    event.stopPropagation();
    switch (press.command) {
      case 'rotateRight':
      case 'rotateLeft':
        dispatch({
          type: 'rotate',
          pane: state.active,
          direction: press.command === 'rotateRight' ? 'right' : 'left',
        });
        return;
      case 'sideBySide':
        dispatch({ type: 'toggleSideBySide', available: media });
        return;
      case 'otherPane':
        switchPane();
        return;
      case 'fullScreen':
        toggleFullScreen();
        return;
      case 'help':
        dispatch({ type: 'toggleHelp' });
        return;
      default:
        panes.current[state.active]?.run(press.command, press.large);
    }
  };

  const [first, second] = state.panes;
  const canCompare = comparisonPartner(first.key, media) !== null;
  const title = second ? `${labelOf(first.key)} and ${labelOf(second.key)}` : labelOf(first.key);
  const layout = `${state.fullScreen}-${state.panes.length}-${state.helpOpen}`;

  return (
    <Modal.Root
      opened
      onClose={onClose}
      size="96vw"
      fullScreen={state.fullScreen}
      centered
      returnFocus={false}
    >
      <Modal.Overlay />
      <Modal.Content data-testid="document-viewer">
        {/* Mantine's dialog element takes no key handler: this box holds everything focusable. */}
        <Box
          onKeyDown={onKeyDown}
          // Inside the dialog's own height limit (90dvh by default): the shortcut list takes room from the panes.
          h={state.fullScreen ? '100dvh' : '86dvh'}
          style={{ display: 'flex', flexDirection: 'column' }}
        >
          <Modal.Header>
            <Modal.Title fw={600}>{title}</Modal.Title>
            <Group gap="xs" wrap="nowrap">
              <Tooltip label="Side by side (S)" openDelay={300}>
                <Button
                  variant={sideBySide ? 'filled' : 'default'}
                  size="compact-sm"
                  leftSection={<IconColumns2 size={16} aria-hidden />}
                  aria-pressed={sideBySide}
                  aria-keyshortcuts="S"
                  disabled={!canCompare}
                  onClick={() => dispatch({ type: 'toggleSideBySide', available: media })}
                >
                  Side by side
                </Button>
              </Tooltip>
              {second && (
                <Select
                  aria-label="Compare with"
                  size="xs"
                  w={240}
                  allowDeselect={false}
                  value={second.key}
                  data={media
                    .filter((item) => item.key !== first.key)
                    .map((item) => ({ value: item.key, label: item.label }))}
                  onChange={(value) => value && dispatch({ type: 'comparePartner', key: value })}
                />
              )}
              <Tooltip label={state.fullScreen ? 'Leave full screen (F)' : 'Full screen (F)'} openDelay={300}>
                <ActionIcon
                  variant={state.fullScreen ? 'filled' : 'default'}
                  size="md"
                  aria-label="Full screen"
                  aria-pressed={state.fullScreen}
                  aria-keyshortcuts="F"
                  onClick={toggleFullScreen}
                >
                  {state.fullScreen ? (
                    <IconMinimize size={18} aria-hidden />
                  ) : (
                    <IconMaximize size={18} aria-hidden />
                  )}
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Keyboard shortcuts (?)" openDelay={300}>
                <ActionIcon
                  variant={state.helpOpen ? 'filled' : 'default'}
                  size="md"
                  aria-label="Keyboard shortcuts"
                  aria-expanded={state.helpOpen}
                  aria-controls={state.helpOpen ? helpId : undefined}
                  aria-keyshortcuts="?"
                  onClick={() => dispatch({ type: 'toggleHelp' })}
                >
                  <IconKeyboard size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Modal.CloseButton aria-label="Close viewer" />
            </Group>
          </Modal.Header>
          <Modal.Body
            style={{
              flex: 1,
              minHeight: 0,
              display: 'flex',
              flexDirection: 'column',
              gap: 'var(--mantine-spacing-sm)',
            }}
          >
            {state.helpOpen && <ShortcutList id={helpId} />}
            <Box flex={1} mih={0}>
              <SimpleGrid cols={state.panes.length} spacing="md" h="100%">
                {state.panes.map((pane, index) => {
                  const item = media.find((candidate) => candidate.key === pane.key);
                  if (!item) return null;
                  const paneIndex = index as 0 | 1;
                  return (
                    <ZoomPane
                      key={pane.key}
                      ref={(controls) => {
                        panes.current[paneIndex] = controls;
                      }}
                      caseId={caseId}
                      mediaKey={item.key}
                      label={item.label}
                      rotation={pane.rotation}
                      active={sideBySide && state.active === paneIndex}
                      layout={layout}
                      autoFocus={index === 0}
                      onActivate={() => dispatch({ type: 'activate', pane: paneIndex })}
                      onRotate={(direction) => dispatch({ type: 'rotate', pane: paneIndex, direction })}
                    />
                  );
                })}
              </SimpleGrid>
            </Box>
          </Modal.Body>
        </Box>
      </Modal.Content>
    </Modal.Root>
  );
}

function ShortcutList({ id }: { id: string }) {
  const rows = [...VIEWER_SHORTCUTS, { keys: ['Escape'], description: 'Close the viewer' }];
  return (
    <Paper id={id} withBorder p="xs" radius="sm" aria-label="Viewer keyboard shortcuts" role="region">
      <SimpleGrid component="dl" cols={{ base: 1, md: 2, xl: 3 }} spacing="xs" verticalSpacing={4} m={0}>
        {rows.map((shortcut) => (
          <Group key={shortcut.description} gap="xs" wrap="nowrap">
            <Group component="dt" gap={4} wrap="nowrap" miw={90}>
              {shortcut.keys.map((key) => (
                <Kbd key={key} size="xs">
                  {KEY_NAMES[key] ?? key}
                </Kbd>
              ))}
            </Group>
            <Text component="dd" size="sm" m={0}>
              {shortcut.description}
            </Text>
          </Group>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  R: 'Shift+R',
  Escape: 'Esc',
};
