import {
  CreateUserRequest,
  Password,
  Role,
  type UpdateUserRequest,
  type UserView,
} from '@backoffice/contracts';
import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchUsers, patchUser, postUser } from '../../api/endpoints';
import { useIdempotentMutation } from '../../api/idempotency';
import { settingsKeys } from '../../app/queryKeys';
import { DataTable, type DataTableColumn } from '../../components/DataTable';
import { ErrorState } from '../../components/ErrorState';
import { DialogActions, FormActions } from '../../components/FormActions';
import { formatDateTime } from '../../components/format';
import { notifyFailed, notifySaved } from '../../components/notify';
import { QueryCard } from '../../components/QueryView';
import { usePageTitle } from '../../components/usePageTitle';
import { useMe } from '../auth/useMe';

const ROLE_LABELS: Record<Role, string> = { analyst: 'Analyst', manager: 'Manager', admin: 'Admin' };
const ROLE_OPTIONS = Role.options.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

const USER_COLUMNS: DataTableColumn[] = [
  'Name',
  'Role',
  'Status',
  'Last sign-in',
  {
    key: 'Actions',
    label: (
      <Text size="sm" fw={700} ta="right">
        Actions
      </Text>
    ),
  },
];

function useUpdateUser() {
  const queryClient = useQueryClient();
  return useIdempotentMutation({
    mutationFn: ({ user, request }: { user: UserView; request: UpdateUserRequest }, idempotencyKey) =>
      patchUser(user.id, request, idempotencyKey),
    intentOf: ({ user, request }) => ({ id: user.id, request }),
    onSuccess: (saved, { request }) => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.users });
      const what =
        request.password !== undefined
          ? 'password reset'
          : request.disabled !== undefined
            ? request.disabled
              ? 'disabled'
              : 'enabled'
            : request.role
              ? `role is now ${ROLE_LABELS[request.role]}`
              : 'updated';
      notifySaved(saved.name, `${saved.email}: ${what}.`);
    },
    // The server's 409 messages (last admin, own account) say exactly why; show them as they are.
    onError: (error, { user }) => notifyFailed(`${user.name} was not changed`, error),
  });
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', role: 'analyst' as Role, password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const field = (key: 'name' | 'email' | 'password') => ({
    value: form[key],
    error: errors[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      setForm({ ...form, [key]: event.currentTarget.value }),
  });
  const create = useIdempotentMutation({
    mutationFn: (request: CreateUserRequest, idempotencyKey) => postUser(request, idempotencyKey),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: settingsKeys.users });
      notifySaved('User created', `${user.name} can now sign in as ${user.email}.`);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Create user">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = CreateUserRequest.safeParse({ ...form, email: form.email.trim() });
          if (!parsed.success) {
            const next: typeof errors = {};
            for (const issue of parsed.error.issues) {
              const key = issue.path[0] as keyof typeof form;
              next[key] ??=
                key === 'email'
                  ? 'Enter a valid e-mail address.'
                  : key === 'name'
                    ? 'Enter a name.'
                    : issue.message;
            }
            setErrors(next);
            return;
          }
          setErrors({});
          create.mutate(parsed.data);
        }}
      >
        <Stack gap="sm">
          <TextInput label="Name" required {...field('name')} />
          <TextInput label="E-mail" required type="email" {...field('email')} />
          <Select
            label="Role"
            required
            data={ROLE_OPTIONS}
            value={form.role}
            allowDeselect={false}
            onChange={(value) => value && setForm({ ...form, role: value as Role })}
          />
          <PasswordInput
            label="Initial password"
            description="At least 12 characters. Share it securely; the user should change it."
            required
            {...field('password')}
          />
          {create.isError && <ErrorState title="The user was not created" error={create.error} />}
          <FormActions onCancel={onClose} pending={create.isPending}>
            Create user
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const update = useUpdateUser();
  const [password, setPassword] = useInputState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={`Reset password of ${user.name}`}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = Password.safeParse(password);
          if (!parsed.success) {
            setError(parsed.error.issues[0]?.message ?? 'Invalid password.');
            return;
          }
          setError(null);
          update.mutate({ user, request: { password: parsed.data } }, { onSuccess: onClose });
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label="New password"
            description="At least 12 characters."
            value={password}
            error={error}
            onChange={setPassword}
          />
          <DialogActions onCancel={onClose}>
            <Button type="submit" loading={update.isPending}>
              Set password
            </Button>
          </DialogActions>
        </Stack>
      </form>
    </Modal>
  );
}

export function UsersPage() {
  const me = useMe().data;
  const query = useQuery({ queryKey: settingsKeys.users, queryFn: ({ signal }) => fetchUsers(signal) });
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  usePageTitle('Users');

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          Users
        </Title>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
          Create user
        </Button>
      </Group>
      <QueryCard
        query={query}
        errorTitle="Users could not be loaded"
        loadingLabel="Loading users"
        skeletonHeight={200}
        padded={false}
      >
        {(users) => (
          <DataTable
            label="Users"
            columns={USER_COLUMNS}
            rows={[...users].sort((a, b) => a.name.localeCompare(b.name))}
            minWidth={800}
            verticalSpacing="sm"
          >
            {(user) => (
              <Table.Tr key={user.id} data-user-email={user.email}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {user.name}
                    {user.id === me?.id && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        (you)
                      </Text>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Role of ${user.name}`}
                    size="xs"
                    w={130}
                    data={ROLE_OPTIONS}
                    value={user.role}
                    allowDeselect={false}
                    disabled={update.isPending}
                    onChange={(value) =>
                      value &&
                      value !== user.role &&
                      update.mutate({ user, request: { role: value as Role } })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <Badge color={user.disabled ? 'gray' : 'green'} variant="light" radius="sm">
                    {user.disabled ? 'Disabled' : 'Active'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setResetting(user)}>
                      Reset password
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color={user.disabled ? 'green' : 'red'}
                      w={80}
                      onClick={() => update.mutate({ user, request: { disabled: !user.disabled } })}
                      aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
                    >
                      {user.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            )}
          </DataTable>
        )}
      </QueryCard>
      {creating && <CreateUserDialog onClose={() => setCreating(false)} />}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />}
    </Stack>
  );
}
