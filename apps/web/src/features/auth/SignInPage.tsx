import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInputState } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { postLogin } from '../../api/endpoints';
import { authKeys } from '../../app/queryKeys';
import { describeError } from '../../components/ErrorState';
import { ProductMark } from '../../components/ProductMark';
import { useMe } from './useMe';

/** Only same-site paths are followed after sign-in, so a crafted link cannot send the user elsewhere. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/cases?status=needs_review';
  }
  return next;
}

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [email, setEmail] = useInputState('');
  const [password, setPassword] = useInputState('');
  const signIn = useMutation({
    mutationFn: postLogin,
    onSuccess: (user) => {
      // Whatever was cached belonged to the previous session (or none).
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, user);
      navigate(next, { replace: true });
    },
  });

  if (me.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };
  const failure = signIn.error ? describeError(signIn.error) : null;

  return (
    <Center mih="100vh" bg="var(--app-page-bg)" p="md">
      <Paper
        withBorder
        shadow="sm"
        radius="md"
        p="xl"
        w={380}
        component="form"
        onSubmit={submit}
        aria-label="Sign in"
      >
        <Stack gap="md">
          <Stack gap={6} align="center">
            <ProductMark large />
            <Title order={1} size="h3">
              Compliance review
            </Title>
            <Text size="sm" c="dimmed">
              Sign in with your work account
            </Text>
          </Stack>
          {failure && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title="Could not sign in" role="alert">
              {failure.text}
              {failure.requestId && (
                <Text size="xs" c="dimmed" mt={4}>
                  Request id {failure.requestId}
                </Text>
              )}
            </Alert>
          )}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={setEmail}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
