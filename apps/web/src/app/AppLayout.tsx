import type { Permission } from '@backoffice/contracts';
import { AppShell, Badge, Burger, Group, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAdjustmentsHorizontal,
  IconArrowsDiff,
  IconChartBar,
  IconChecklist,
  IconHistory,
  IconListCheck,
  IconListDetails,
  IconRosetteDiscountCheck,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { fetchActions } from '../api/endpoints';
import { ProductMark } from '../components/ProductMark';
import { UserMenu } from '../features/auth/UserMenu';
import { useCan } from '../features/auth/useMe';
import { LiveIndicator } from '../features/live/LiveIndicator';
import { useCaseEvents } from '../features/live/useCaseEvents';
import { EnvironmentBadge, SystemMenu } from '../features/system/SystemMenu';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { PageLoader } from './PageLoader';
import { actionKeys } from './queryKeys';
import { rememberedQueueSearch } from './queueMemory';

const NAV_ITEMS: Array<{
  to: string;
  label: string;
  icon: typeof IconUsers;
  permission: Permission;
  group?: string;
}> = [
  { to: '/dashboard', label: 'Dashboard', icon: IconChartBar, permission: 'audit:read' },
  { to: '/approvals', label: 'Approvals', icon: IconChecklist, permission: 'actions:approve' },
  { to: '/lists', label: 'Lists', icon: IconListDetails, permission: 'lists:manage' },
  { to: '/qa', label: 'QA review', icon: IconRosetteDiscountCheck, permission: 'qa:review' },
  { to: '/drift', label: 'Provider drift', icon: IconArrowsDiff, permission: 'drift:resolve' },
  { to: '/audit', label: 'Audit log', icon: IconHistory, permission: 'audit:read' },
  {
    to: '/admin/workflows',
    label: 'Workflows',
    icon: IconAdjustmentsHorizontal,
    permission: 'thresholds:manage',
    group: 'Admin',
  },
  { to: '/admin/users', label: 'Users', icon: IconUsersGroup, permission: 'users:manage', group: 'Admin' },
  {
    to: '/admin/settings',
    label: 'Review rules',
    icon: IconUsers,
    permission: 'settings:manage',
    group: 'Admin',
  },
];

const INBOX_STATUSES = ['awaiting_approval', 'failed', 'retrying'] as const;

function NavItem({ item, onNavigate }: { item: (typeof NAV_ITEMS)[number]; onNavigate: () => void }) {
  const allowed = useCan(item.permission);
  const location = useLocation();
  const inbox = useQuery({
    queryKey: actionKeys.inbox([...INBOX_STATUSES]),
    queryFn: ({ signal }) => fetchActions([...INBOX_STATUSES], signal),
    enabled: allowed && item.to === '/approvals',
    refetchInterval: 60_000,
  });
  if (!allowed) return null;
  const Icon = item.icon;
  const waiting = item.to === '/approvals' ? (inbox.data?.length ?? 0) : 0;
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={<Icon size={18} />}
      rightSection={
        waiting > 0 ? (
          <Badge size="sm" variant="filled" color="violet" circle aria-label={`${waiting} waiting`}>
            {waiting}
          </Badge>
        ) : undefined
      }
      active={location.pathname.startsWith(item.to)}
      onClick={onNavigate}
    />
  );
}

export function AppLayout() {
  const [navbarOpened, { toggle: toggleNavbar, close: closeNavbar }] = useDisclosure(false);
  const liveStatus = useCaseEvents();
  const canTune = useCan('thresholds:manage');
  const canManageUsers = useCan('users:manage');
  const canManageSettings = useCan('settings:manage');
  const showAdmin = canTune || canManageUsers || canManageSettings;
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
                <ProductMark />
                <Text fw={700} size="md">
                  Compliance review
                </Text>
              </Group>
            </UnstyledButton>
            <EnvironmentBadge />
          </Group>
          <Group gap="md" wrap="nowrap">
            <LiveIndicator status={liveStatus} />
            <ColorSchemeToggle />
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
        {NAV_ITEMS.filter((item) => !item.group).map((item) => (
          <NavItem key={item.to} item={item} onNavigate={closeNavbar} />
        ))}
        {showAdmin && (
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" px="sm" pt="md" pb={4}>
            Admin
          </Text>
        )}
        {NAV_ITEMS.filter((item) => item.group === 'Admin').map((item) => (
          <NavItem key={item.to} item={item} onNavigate={closeNavbar} />
        ))}
      </AppShell.Navbar>

      <AppShell.Main
        // The navbar is fixed to the viewport's height; painting its colour (and its border) down
        // Main's left padding keeps the column continuous however long the page, in print and in
        // full-page captures too.
        style={{
          background:
            'linear-gradient(to right, var(--mantine-color-body) calc(var(--app-shell-navbar-offset, 0rem) - 1px), var(--app-shell-border-color) 0 var(--app-shell-navbar-offset, 0rem), var(--app-page-bg) 0)',
        }}
      >
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
