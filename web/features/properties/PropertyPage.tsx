import { Link, useParams } from 'react-router';
import { Alert, Anchor, Button, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { useMe } from '../../app/auth';
import type { RequestState } from '../../../contracts/workflow';
import { fileNumberFa, faDigits, formatNumber, t } from '../../i18n';
import { Facts } from '../../ui/Facts';
import { JalaliDate } from '../../ui/JalaliDate';
import { ListTable } from '../../ui/ListTable';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { StateBadge } from '../requests/CaseBadges';
import { useServices } from '../requests/requests.queries';
import { useProperty, type PropertyDetail } from './properties.queries';
import { PropertyLoadError } from './PropertyFormPage';
import { fileNotes } from './fileAccess';

const f = t.properties.fields;
const pg = t.properties.page;

/** Map link for a point: OpenStreetMap needs no key and opens on any phone. */
export const mapUrl = (lat: number, lng: number) => `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=18/${lat}/${lng}`;

/** A coordinate in full (formatNumber would round it), in Persian digits and decimal separator. */
export const coordinate = (n: number) => faDigits(n).replace('.', '٫');

/** A file as the file page and the case page have it (the case's copy may lack the plate's sub and section). */
type FileFacts = Pick<PropertyDetail, 'renovationCode' | 'postalCode' | 'address' | 'landArea' | 'landUse' | 'floors' | 'units' | 'lat' | 'lng'> & {
  plate: { main: number; sub: number | null; registrySection: number | null } | null;
};

/** The identifying facts of a file, shared by the file page and the case page. */
export function propertyFacts(p: FileFacts) {
  return [
    { label: f.address, value: faDigits(p.address) },
    { label: f.renovationCode, value: p.renovationCode && <bdi dir="ltr">{faDigits(p.renovationCode)}</bdi> },
    { label: f.plate, value: p.plate && pg.plateValue(faDigits(p.plate.main), faDigits(p.plate.sub ?? ''), faDigits(p.plate.registrySection ?? '')) },
    { label: f.postalCode, value: p.postalCode && faDigits(p.postalCode) },
    { label: f.landArea, value: p.landArea !== null ? formatNumber(p.landArea) : null },
    { label: f.landUse, value: p.landUse },
    { label: f.floors, value: p.floors !== null ? formatNumber(p.floors) : null },
    { label: f.units, value: p.units !== null ? formatNumber(p.units) : null },
    {
      label: pg.map,
      value: p.lat !== null && p.lng !== null && (
        <Anchor href={mapUrl(p.lat, p.lng)} target="_blank" rel="noreferrer">
          <bdi dir="ltr">{`${coordinate(p.lat)}، ${coordinate(p.lng)}`}</bdi>
        </Anchor>
      ),
    },
  ];
}

/** /properties/:id — پرونده ملک: identifiers, owners, and the requests on it. */
export function PropertyPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const property = useProperty(id);
  const services = useServices();
  if (property.isPending) return <LoadingState />;
  if (property.isError) return <PropertyLoadError error={property.error} />;
  const p = property.data;
  // The server says what this caller may do with this file (decision 0016).
  const notes = fileNotes(p, me.office !== null);
  const serviceName = (code: string) => services.data?.items.find((s) => s.code === code)?.nameFa ?? code;

  return (
    <>
      <PageTitle title={pg.title(fileNumberFa(p.fileNumber))} description={`${p.district.nameFa} — ${faDigits(p.address)}`} />
      <Group mb="md">
        {p.can.registerRequest && (
          <Button component={Link} to={`/requests/new?propertyId=${p.id}`}>
            {pg.newRequest}
          </Button>
        )}
        {p.can.edit && (
          <Button component={Link} to={`/properties/${p.id}/edit`} variant="default">
            {pg.edit}
          </Button>
        )}
        <Button component={Link} to={`/properties/${p.id}/print`} variant="default">
          {t.properties.print.button}
        </Button>
      </Group>
      {notes.access && (
        <Alert color="gray" mb="md" data-testid="file-access-note">
          {notes.access}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section id="facts-title" title={pg.identifiers}>
          <Facts
            items={[
              { label: f.fileNumber, value: <bdi>{fileNumberFa(p.fileNumber)}</bdi> },
              { label: f.district, value: p.district.nameFa },
              ...propertyFacts(p),
              { label: pg.createdAt, value: <JalaliDate value={p.createdAt} /> },
            ]}
          />
        </Section>
        <Section id="owners-title" title={f.owners}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{pg.name}</Table.Th>
                <Table.Th>{pg.nationalCode}</Table.Th>
                <Table.Th>{t.properties.owners.share}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.owners.map((o) => (
                <Table.Tr key={o.person.id}>
                  <Table.Td>{o.person.displayName}</Table.Td>
                  <Table.Td>
                    <bdi dir="ltr">{faDigits(o.person.nationalCode)}</bdi>
                  </Table.Td>
                  <Table.Td>{formatNumber(o.shareDang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </SimpleGrid>
      <Section id="requests-title" title={pg.requests} mt="md">
        {notes.hidden && (
          <Text size="sm" mb="xs" data-testid="requests-not-shown">
            {notes.hidden}
          </Text>
        )}
        {notes.empty ? (
          <Text c="dimmed">{notes.empty}</Text>
        ) : (
          <ListTable minWidth={560} columns={[t.requests.fields.trackingCode, t.requests.fields.service, t.requests.fields.state, t.requests.fields.registeredAt]}>
            {p.requests.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/requests/${r.id}`}>
                    {faDigits(r.trackingCode)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{serviceName(r.serviceCode)}</Table.Td>
                <Table.Td>
                  <StateBadge state={r.state as RequestState} />
                </Table.Td>
                <Table.Td>
                  <JalaliDate value={r.createdAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </Section>
    </>
  );
}
