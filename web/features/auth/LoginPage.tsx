import type { FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useAuth, type LoginInput } from '../../app/auth';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { useForm, type Problems } from '../../ui/useForm';

/** Only a path on this site: `?next=//evil.example` must not send a clerk elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Both fields must be filled; whether they are right is the server's answer. */
function loginProblems(v: LoginInput): Problems<LoginInput> {
  return { ...(v.username.trim() ? {} : { username: t.auth.required }), ...(v.password ? {} : { password: t.auth.required }) };
}

export function LoginPage() {
  const { me, signIn } = useAuth();
  const [params] = useSearchParams();
  const form = useForm<LoginInput>({ username: '', password: '' }, loginProblems);
  const login = useMutation({ mutationFn: signIn });

  // Signed in (just now, or already when the page opened): on to where the person was going.
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (form.validate(e.currentTarget)) login.mutate(form.values);
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <Text fw={700} c="teal.9" mb="xs">
          {t.app.name}
        </Text>
        <PageTitle title={t.auth.title} description={t.auth.subtitle} />
        {login.isError && <ErrorAlert error={login.error} />}
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={t.auth.username}
              name="username"
              autoComplete="username"
              dir="ltr"
              {...form.text('username', login.error)}
            />
            <PasswordInput
              label={t.auth.password}
              name="password"
              autoComplete="current-password"
              dir="ltr"
              {...form.text('password', login.error)}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t.auth.submit}
            </Button>
          </Stack>
        </form>
        <Text ta="center" mt="lg" size="sm">
          <Anchor href="/track">{t.nav.track}</Anchor>
        </Text>
      </Paper>
    </Center>
  );
}
