import { useEffect, useState, type FormEvent } from 'react';
import { canonicalMobile, isMobile } from '../../../contracts/identifiers';
import { Link, Route, Routes, useParams } from 'react-router';
import { Anchor, Badge, Box, Button, Card, Center, Container, Group, Paper, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core';
import { ApiError } from '../../api/client';
import { fieldMessage } from '../../api/errors';
import { fileNumberFa, faDigits, formatJalaliDate, formatJalaliDateTime, formatNumber, t, toAsciiDigits } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { ListTable } from '../../ui/ListTable';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { useForm } from '../../ui/useForm';
import {
  useCitizen, useCitizenRequest, useCitizenSignOut, useForgetCitizen, useProposeVisitDate, useSendCode, useVerifyCode, type CitizenOverview,
} from './citizen.queries';
import { ConditionsList } from '../../ui/ConditionsList';

const s = () => t.citizen;

/**
 * The citizen's own page (پیشخوان شهروند): no staff account, a session opened with an SMS code.
 * Shows the property files they own and the requests that concern them.
 */
export function CitizenPortal() {
  const me = useCitizen();
  const signedOut = me.error instanceof ApiError && me.error.status === 401;
  return (
    <Container size="md" py="lg" component="main">
      <Text fw={700} c="teal.9" mb="xs">
        {t.app.name}
      </Text>
      {me.isPending ? (
        <LoadingState />
      ) : signedOut ? (
        <SignIn />
      ) : me.isError ? (
        <ErrorAlert error={me.error} />
      ) : (
        <Routes>
          <Route index element={<Overview data={me.data} />} />
          <Route path="requests/:id" element={<RequestDetail />} />
        </Routes>
      )}
    </Container>
  );
}

function SignIn() {
  const [sent, setSent] = useState(false);
  // Two steps, two forms: the code's checks start afresh once the code is asked for.
  const mobileForm = useForm({ mobile: '' }, (v) => (isMobile(canonicalMobile(v.mobile)) ? {} : { mobile: s().invalidMobile }));
  const codeForm = useForm({ code: '' }, (v) => (/^\d{6}$/.test(toAsciiDigits(v.code.trim())) ? {} : { code: s().invalidCode }));
  const { mobile } = mobileForm.values;
  const { code } = codeForm.values;
  const send = useSendCode();
  const sendCode = () => send.mutate(canonicalMobile(mobile), { onSuccess: () => setSent(true) });
  const verify = useVerifyCode();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!sent && mobileForm.validate()) sendCode();
    if (sent && codeForm.validate()) verify.mutate({ mobile: canonicalMobile(mobile), code: toAsciiDigits(code.trim()) });
  };
  const error = sent ? verify.error : send.error;
  // A wrong code or number is told under its field; the box above is for what no field shows.
  const atField = sent ? fieldMessage(verify.error, 'code') : fieldMessage(send.error, 'mobile');
  return (
    <Center>
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={440}>
        <PageTitle title={s().title} description={s().subtitle} />
        {error && !atField && <ErrorAlert error={error} />}
        {sent && send.data && (
          <Text size="sm" mb="sm" role="status">
            {send.data.messageFa}
          </Text>
        )}
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput
              label={s().mobile}
              description={s().mobileHint}
              inputMode="tel"
              autoComplete="tel"
              dir="ltr"
              disabled={sent}
              {...mobileForm.text('mobile', send.error)}
              // Checked once sent or left with something typed: a fresh field is never red.
              onBlur={() => mobile.trim() && mobileForm.touch('mobile')}
            />
            {sent && (
              <TextInput
                label={s().code}
                description={s().codeHint}
                inputMode="numeric"
                autoComplete="one-time-code"
                dir="ltr"
                autoFocus
                {...codeForm.text('code', verify.error)}
                onBlur={() => code.trim() && codeForm.touch('code')}
              />
            )}
            <Button type="submit" loading={send.isPending || verify.isPending}>
              {sent ? s().verify : s().sendCode}
            </Button>
            {sent && (
              <Group justify="space-between">
                <Anchor component="button" type="button" size="sm" onClick={() => (setSent(false), codeForm.reset(), mobileForm.reset(mobileForm.values))}>
                  {s().changeMobile}
                </Anchor>
                <Anchor component="button" type="button" size="sm" onClick={() => sendCode()}>
                  {s().resend}
                </Anchor>
              </Group>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function Overview({ data }: { data: CitizenOverview }) {
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle title={s().title} description={faDigits(data.mobile)} />
        <SignOutButton />
      </Group>
      <Title order={2} size="h4">
        {s().requests}
      </Title>
      {data.requests.length === 0 ? (
        <EmptyState title={s().noRequests} />
      ) : (
        <>
          {/* On a phone each request is a card, so its status and «مشاهده» are always in sight. */}
          <Stack gap="sm" hiddenFrom="sm" data-testid="citizen-request-cards">
            {data.requests.map((r) => (
              <Card key={r.id} withBorder padding="sm">
                <Stack gap={4} align="flex-start">
                  <Text fw={600}>{r.serviceNameFa}</Text>
                  <Badge variant="light" maw="100%">
                    {r.stateLabelFa}
                  </Badge>
                  <Text size="sm">
                    {s().trackingCode}: <bdi>{faDigits(r.trackingCode)}</bdi>
                  </Text>
                  <Text size="sm" c="dimmed">
                    {s().registeredAt}: {formatJalaliDate(r.createdAt)}
                  </Text>
                  <Anchor component={Link} to={`requests/${r.id}`} aria-label={`${s().open} ${faDigits(r.trackingCode)}`}>
                    {s().open}
                  </Anchor>
                </Stack>
              </Card>
            ))}
          </Stack>
          <Box visibleFrom="sm">
            <ListTable minWidth={560} striped columns={[s().trackingCode, s().service, s().status, s().registeredAt, s().open]}>
              {data.requests.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{faDigits(r.trackingCode)}</Table.Td>
                  <Table.Td>{r.serviceNameFa}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{r.stateLabelFa}</Badge>
                  </Table.Td>
                  <Table.Td>{formatJalaliDate(r.createdAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`requests/${r.id}`} aria-label={`${s().open} ${faDigits(r.trackingCode)}`}>
                      {s().open}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          </Box>
        </>
      )}
      <Title order={2} size="h4">
        {s().properties}
      </Title>
      {data.properties.length === 0 ? (
        <EmptyState title={s().noProperties} />
      ) : (
        data.properties.map((p) => (
          <Card key={p.id} withBorder>
            <Text fw={600}>
              {s().fileNumber}: {fileNumberFa(p.fileNumber)}
            </Text>
            <Text size="sm">{faDigits(p.address)}</Text>
            <Text size="sm" c="dimmed">
              {s().share}: {s().dang(formatNumber(p.shareDang))}
            </Text>
          </Card>
        ))
      )}
    </Stack>
  );
}

/** «خروج» on every page of the portal: a counter's screen is shared. */
function SignOutButton() {
  const signOut = useCitizenSignOut();
  return (
    <Button variant="subtle" onClick={() => signOut.mutate()} loading={signOut.isPending}>
      {s().signOut}
    </Button>
  );
}

function RequestDetail() {
  const { id = '' } = useParams();
  // While the answer letter is being prepared (a moment after the answer), asked again.
  const detail = useCitizenRequest(id);
  const [date, setDate] = useState<string | null>(null);
  const propose = useProposeVisitDate(id);
  const forget = useForgetCitizen();
  // The session ended (signed out in another tab, or expired): back to the sign-in form, not a dead end.
  const sessionGone = [detail.error, propose.error].some((e) => e instanceof ApiError && e.status === 401);
  useEffect(() => {
    if (sessionGone) void forget();
  }, [sessionGone, forget]);
  if (detail.isPending || sessionGone) return <LoadingState />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const r = detail.data;
  const canPropose = r.state === 'registered' || r.state === 'inspector_assigned';
  return (
    <Stack>
      <Group justify="space-between">
        <Anchor component={Link} to="/citizen">
          {s().back}
        </Anchor>
        <SignOutButton />
      </Group>
      <PageTitle title={r.serviceNameFa} description={`${s().trackingCode}: ${faDigits(r.trackingCode)}`} />
      <Badge size="lg" variant="light" w="fit-content">
        {r.stateLabelFa}
      </Badge>
      <Text size="sm">{faDigits(r.propertyAddress)}</Text>
      <Title order={2} size="h4">
        {s().timeline}
      </Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {r.timeline.map((e, i) => (
          <Timeline.Item key={i} title={e.labelFa}>
            <Text size="xs" c="dimmed">
              {formatJalaliDateTime(e.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <Title order={2} size="h4">
        {s().answer}
      </Title>
      {r.answer ? (
        <Card withBorder>
          <Text>
            {s().letterNumber}: {faDigits(r.answer.letterNumber)} — {formatJalaliDate(r.answer.issuedAt)}
          </Text>
          <Text fw={600}>{s().decision[r.answer.decision] ?? r.answer.decision}</Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {r.answer.text}
          </Text>
          {r.answer.conditions.length > 0 && (
            <>
              <Text size="sm" fw={600} mt="xs">
                {s().conditions}
              </Text>
              <ConditionsList items={r.answer.conditions} />
            </>
          )}
          {r.answer.validUntil && (
            <Text size="sm">
              {s().validUntil}: {formatJalaliDate(r.answer.validUntil)}
            </Text>
          )}
          {r.answer.letter?.serial && (
            <Text size="sm">
              {`${s().letterSerial}: `}
              <bdi dir="ltr">{r.answer.letter.serial.match(/.{1,4}/g)!.join('-')}</bdi>
            </Text>
          )}
          {r.answer.letter?.revoked && <Text size="sm" c="red">{s().letterRevoked}</Text>}
          {r.answer.letter?.status === 'pending' ? (
            <Text size="sm" c="dimmed" mt="sm" role="status">
              {s().letterPreparing}
            </Text>
          ) : (
            <Anchor href={r.answer.letter?.downloadUrl ?? `/api/citizen/requests/${r.id}/letter`} target="_blank" mt="sm">
              {s().downloadAnswer}
            </Anchor>
          )}
        </Card>
      ) : (
        <Text c="dimmed">{s().noAnswer}</Text>
      )}
      {canPropose && (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {s().proposeTitle}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {s().proposeHelp}
          </Text>
          {r.proposedVisitDate && <Text mb="sm">{s().proposed(formatJalaliDate(r.proposedVisitDate))}</Text>}
          {propose.isError && <ErrorAlert error={propose.error} />}
          <Group align="flex-end">
            <JalaliDatePicker label={s().proposeDate} value={date} onChange={setDate} isAllowed={(iso) => r.proposableDays.includes(iso)} error={fieldMessage(propose.error, 'date')} />
            <Button disabled={!date} loading={propose.isPending} onClick={() => date && propose.mutate(date)}>
              {s().proposeSubmit}
            </Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
