import { AppShell, Burger, Group, NavLink, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconListCheck, IconShieldCheck } from '@tabler/icons-react';
import { Link, Outlet, useLocation } from 'react-router';
import { UserMenu } from '../features/auth/UserMenu';
import { LiveIndicator } from '../features/live/LiveIndicator';
import { useCaseEvents } from '../features/live/useCaseEvents';
import { EnvironmentBadge, SystemMenu } from '../features/system/SystemMenu';
import { rememberedQueueSearch } from './queueMemory';

export function AppLayout() {
  const [navbarOpened, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false);
  const liveStatus = useCaseEvents();
  const location = useLocation();

  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navbarOpened}
              onClick={toggleNavbar}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <UnstyledButton
              component={Link}
              to="/cases?status=needs_review"
              aria-label="Compliance review — home"
            >
              <Group gap={8} wrap="nowrap">
                <ThemeIcon size="md" radius="sm" aria-hidden>
                  <IconShieldCheck size={18} />
                </ThemeIcon>
                <Text fw={700} size="md">
                  Compliance review
                </Text>
              </Group>
            </UnstyledButton>
            <EnvironmentBadge />
          </Group>
          <Group gap="md" wrap="nowrap">
            <LiveIndicator status={liveStatus} />
            <UserMenu />
            <SystemMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <NavLink
          component={Link}
          to={`/cases${rememberedQueueSearch()}`}
          label="Review queue"
          leftSection={<IconListCheck size={18} />}
          active={location.pathname.startsWith('/cases')}
          onClick={closeNavbar}
        />
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
