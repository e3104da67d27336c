import { ThemeIcon } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';

/** The product's icon beside its name: small in the header, large on the sign-in card. */
export function ProductMark({ large = false }: { large?: boolean }) {
  return (
    <ThemeIcon size={large ? 'xl' : 'md'} radius={large ? 'md' : 'sm'} aria-hidden>
      <IconShieldCheck size={large ? 26 : 18} />
    </ThemeIcon>
  );
}
