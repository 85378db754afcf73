import { Anchor, Card, SimpleGrid, Text } from '@mantine/core';
import { Link } from 'react-router';
import { STATE_LABELS_FA } from '../../../contracts/workflow';
import { useMe } from '../../app/auth';
import { formatNumber, t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { usePileCounts } from './home.queries';
import { WORK_QUEUE, type Pile } from './workQueue';

function titleOf(pile: Pile): string {
  if (pile.kind === 'cases') return STATE_LABELS_FA[pile.state];
  return t.home.piles[pile.kind];
}

/** کارتابل: the work waiting on this person, first thing after signing in. */
export function HomePage() {
  const me = useMe();
  const place = me.office?.nameFa ?? (me.district ? t.home.district(me.district.nameFa) : null);
  const piles = WORK_QUEUE[me.role];
  const counts = usePileCounts(piles);
  const failed = counts.find((c) => c.isError);
  const nothing = counts.every((c) => c.data === 0);
  return (
    <>
      <PageTitle title={t.home.title} description={t.home.roleLine(me.roleTitleFa, place)} />
      <Text mb="md">{t.home.greeting(`${me.firstName} ${me.lastName}`)}</Text>
      {failed && <ErrorAlert error={failed.error} />}
      {counts.some((c) => c.isPending) ? (
        <LoadingState />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mb="lg" component="section" aria-label={t.home.queueLabel}>
          {piles.map((pile, i) => (
            <Card key={titleOf(pile)} withBorder padding="md">
              <Text size="sm" c="dimmed">
                {titleOf(pile)}
              </Text>
              <Text fz={32} fw={700} data-testid={`pile-${pile.kind === 'cases' ? pile.state : pile.kind}`}>
                {counts[i]?.data === undefined ? '—' : formatNumber(counts[i].data)}
              </Text>
              <Anchor component={Link} to={pile.to} size="sm" aria-label={`${t.home.open}: ${titleOf(pile)}`}>
                {t.home.open}
              </Anchor>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {nothing && <EmptyState title={t.home.emptyTitle} description={t.home.emptyBody} />}
    </>
  );
}
