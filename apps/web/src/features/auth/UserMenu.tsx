import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { postLogout } from '../../api/endpoints';
import { describeError } from '../../components/ErrorState';
import { useMe } from './useMe';

const ROLE_LABELS = { analyst: 'Analyst', manager: 'Manager', admin: 'Admin' } as const;

export function UserMenu() {
  const me = useMe().data;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: postLogout,
    onSuccess: () => {
      queryClient.clear();
      navigate('/sign-in', { replace: true });
    },
    onError: (error) => {
      const { text: message } = describeError(error);
      notifications.show({ color: 'red', title: 'Could not sign out', message });
    },
  });
  if (!me) return null;
  const initials = me.name
    .split(/\s+/)
    .map((part) => part[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${me.name}`}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={28} radius="xl" color="blue">
              {initials}
            </Avatar>
            <div>
              <Text size="sm" fw={600} lh={1.1}>
                {me.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                {ROLE_LABELS[me.role]}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
