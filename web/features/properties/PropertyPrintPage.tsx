import { Link, useParams } from 'react-router';
import { Anchor, Group, Text, Title } from '@mantine/core';
import { STATE_LABELS_FA, type RequestState } from '../../../contracts/workflow';
import { useMe } from '../../app/auth';
import { faDigits, fileNumberFa, formatJalaliDate, formatJalaliDateTime, formatNumber, t } from '../../i18n';
import { Facts } from '../../ui/Facts';
import { LoadingState } from '../../ui/LoadingState';
import { PrintButton } from '../../ui/PrintButton';
import { useServices } from '../requests/requests.queries';
import { useProperty } from './properties.queries';
import { fileNotes } from './fileAccess';
import { PropertyLoadError } from './PropertyFormPage';
import { coordinate, propertyFacts } from './PropertyPage';
import classes from './printFile.module.css';

const f = t.properties.fields;
const pg = t.properties.page;
const pr = t.properties.print;
const rf = t.requests.fields;

/**
 * /properties/:id/print — the property file on one A4 sheet: its identifiers, owners (masked as the
 * server sent them), the requests this caller may see, and when and by whom it was printed.
 */
export function PropertyPrintPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const property = useProperty(id);
  const services = useServices();
  if (property.isPending) return <LoadingState />;
  if (property.isError) return <PropertyLoadError error={property.error} />;
  const p = property.data;
  const notes = fileNotes(p, me.office !== null);
  const serviceName = (code: string) => services.data?.items.find((s) => s.code === code)?.nameFa ?? code;

  return (
    <>
      <style>{'@page { size: A4; margin: 15mm; }'}</style>
      <Group mb="md" data-print="hide">
        <PrintButton>{pr.print}</PrintButton>
        <Anchor component={Link} to={`/properties/${p.id}`}>
          {pr.back}
        </Anchor>
      </Group>
      <article className={classes.sheet} data-testid="property-print">
        <header className={classes.header}>
          <Title order={1} size="h3">
            {pr.heading(me.city.nameFa)}
          </Title>
          <Text fw={700} mt={4}>
            <bdi>{fileNumberFa(p.fileNumber)}</bdi>
          </Text>
        </header>

        <Title order={2} size="h5" mb="xs">
          {pg.identifiers}
        </Title>
        <Facts
          items={[
            { label: f.district, value: p.district.nameFa },
            ...propertyFacts(p).filter((fact) => fact.label !== pg.map),
            { label: pg.map, value: p.lat !== null && p.lng !== null && <bdi dir="ltr">{`${coordinate(p.lat)}، ${coordinate(p.lng)}`}</bdi> },
            { label: pg.createdAt, value: formatJalaliDate(p.createdAt) },
          ]}
        />

        <Title order={2} size="h5" mt="md">
          {f.owners}
        </Title>
        <table className={classes.table}>
          <thead>
            <tr>
              <th>{pg.name}</th>
              <th>{pg.nationalCode}</th>
              <th>{t.properties.owners.share}</th>
            </tr>
          </thead>
          <tbody>
            {p.owners.map((o) => (
              <tr key={o.person.id}>
                <td>{o.person.displayName}</td>
                <td>
                  <bdi dir="ltr">{faDigits(o.person.nationalCode)}</bdi>
                </td>
                <td>{formatNumber(o.shareDang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!p.can.seeIdentifiers && (
          <Text size="sm" c="dimmed" mb="sm">
            {pr.maskedNote}
          </Text>
        )}

        <Title order={2} size="h5" mt="md">
          {pg.requests}
        </Title>
        {notes.hidden && <Text size="sm">{notes.hidden}</Text>}
        {notes.empty ? (
          <Text size="sm">{notes.empty}</Text>
        ) : (
          <table className={classes.table}>
            <thead>
              <tr>
                <th>{rf.trackingCode}</th>
                <th>{rf.service}</th>
                <th>{rf.state}</th>
                <th>{rf.registeredAt}</th>
              </tr>
            </thead>
            <tbody>
              {p.requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <bdi dir="ltr">{faDigits(r.trackingCode)}</bdi>
                  </td>
                  <td>{serviceName(r.serviceCode)}</td>
                  <td>{STATE_LABELS_FA[r.state as RequestState] ?? r.state}</td>
                  <td>{formatJalaliDate(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <footer className={classes.footer}>
          <Group justify="space-between">
            <Text size="sm">{`${pr.printedAt}: ${formatJalaliDateTime(new Date())}`}</Text>
            <Text size="sm">{`${pr.printedBy}: ${me.firstName} ${me.lastName}${me.office ? ` — ${me.office.nameFa}` : ''}`}</Text>
          </Group>
        </footer>
      </article>
    </>
  );
}
