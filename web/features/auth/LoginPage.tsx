import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { fieldMessage } from '../../api/errors';
import { useAuth, type LoginInput } from '../../app/auth';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';

/** Only a path on this site: `?next=//evil.example` must not send a clerk elsewhere after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { me, signIn } = useAuth();
  const [params] = useSearchParams();
  const [form, setForm] = useState<LoginInput>({ username: '', password: '' });
  const [missing, setMissing] = useState<Partial<Record<keyof LoginInput, boolean>>>({});
  const login = useMutation({ mutationFn: signIn });

  // Signed in (just now, or already when the page opened): on to where the person was going.
  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty = { username: !form.username.trim(), password: !form.password };
    setMissing(empty);
    if (!empty.username && !empty.password) login.mutate(form);
  };
  const errorOf = (field: keyof LoginInput) => (missing[field] ? t.auth.required : fieldMessage(login.error, field));

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
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
              error={errorOf('username')}
            />
            <PasswordInput
              label={t.auth.password}
              name="password"
              autoComplete="current-password"
              dir="ltr"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              error={errorOf('password')}
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
