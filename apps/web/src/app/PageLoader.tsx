import { Center, Loader } from '@mantine/core';

/** Shown while a screen's code is fetched (each screen is its own chunk, see routes.tsx). */
export function PageLoader() {
  return (
    <Center mih={240}>
      <Loader aria-label="Loading page" />
    </Center>
  );
}
