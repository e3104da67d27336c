import { evidenceAnchor } from '@backoffice/contracts';
import { Box, Image, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { lazy, Suspense, useRef, useState } from 'react';
import { type CaseMediaKey, caseMediaUrl } from '../../api/endpoints';
import { EmptyNote } from '../../components/DataTable';
import { Section } from '../../features/case/Section';
import { ImageUnavailable } from '../../features/viewer/ImageUnavailable';

type LoadState = 'loading' | 'loaded' | 'failed';

// Loaded on the first opening: the zoom library stays out of the case page's own bundle.
const DocumentViewer = lazy(() =>
  import('../../features/viewer/DocumentViewer').then((module) => ({ default: module.DocumentViewer })),
);

/**
 * One provider image. Didit media URLs are short-lived, so a failure is expected and offers a
 * retry; the attempt number defeats any cached failure.
 */
function CaseImage({
  caseId,
  mediaKey,
  label,
  onEnlarge,
}: {
  caseId: number;
  mediaKey: CaseMediaKey;
  label: string;
  onEnlarge: (key: CaseMediaKey, opener: HTMLElement) => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<LoadState>('loading');
  const src = `${caseMediaUrl(caseId, mediaKey)}${attempt ? `?attempt=${attempt}` : ''}`;

  return (
    <Stack gap={4} id={evidenceAnchor.diditImage(mediaKey)}>
      <Box
        h={170}
        bg="var(--mantine-color-default-hover)"
        style={{
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
          border: '1px solid var(--mantine-color-default-border)',
        }}
      >
        {state === 'failed' ? (
          <ImageUnavailable
            compact
            retryLabel={`Retry loading ${label}`}
            onRetry={() => {
              setState('loading');
              setAttempt((value) => value + 1);
            }}
          />
        ) : (
          <UnstyledButton
            w="100%"
            h="100%"
            onClick={(event) => onEnlarge(mediaKey, event.currentTarget)}
            aria-label={`Enlarge ${label}`}
            disabled={state !== 'loaded'}
            style={{ cursor: state === 'loaded' ? 'zoom-in' : 'progress' }}
          >
            <Image
              key={src}
              src={src}
              alt={label}
              h={170}
              fit="contain"
              referrerPolicy="no-referrer"
              onLoad={() => setState('loaded')}
              onError={() => setState('failed')}
              style={{ opacity: state === 'loaded' ? 1 : 0.3 }}
            />
          </UnstyledButton>
        )}
      </Box>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
}

export function ImagesSection({
  caseId,
  media,
}: {
  caseId: number;
  media: ReadonlyArray<{ key: CaseMediaKey; label: string }>;
}) {
  const [viewing, setViewing] = useState<CaseMediaKey | null>(null);
  // The viewer mounts per opening; it hands focus back to the thumbnail that opened it.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <Section id="images" title="Images">
      {media.length === 0 ? (
        <EmptyNote>The provider returned no images for this case.</EmptyNote>
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
          {media.map((item) => (
            <CaseImage
              key={item.key}
              caseId={caseId}
              mediaKey={item.key}
              label={item.label}
              onEnlarge={(key, element) => {
                opener.current = element;
                setViewing(key);
              }}
            />
          ))}
        </SimpleGrid>
      )}
      {viewing && (
        <Suspense fallback={null}>
          <DocumentViewer
            caseId={caseId}
            media={media}
            openKey={viewing}
            onClose={() => {
              setViewing(null);
              opener.current?.focus();
            }}
          />
        </Suspense>
      )}
    </Section>
  );
}
