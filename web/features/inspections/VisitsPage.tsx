import { useState } from 'react';
import { SegmentedControl, Stack } from '@mantine/core';
import { t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LoadingState } from '../../ui/LoadingState';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { useMyDay, useMyVisits, VISITS_PAGE_SIZE } from './inspections.queries';
import { useOutboxItems } from './offline';
import { MyDaySection } from './MyDaySection';
import { VisitCard } from './VisitCard';
import type { VisitFilter } from './visits.model';

/** بازدیدهای من: the inspector's round for today (or every open visit), one card per visit. */
export function VisitsPage() {
  const m = t.inspections.visits;
  const [filter, setFilter] = useState<VisitFilter>('today');
  const [page, setPage] = useState(1);
  const visits = useMyVisits(filter, page);
  const outbox = useOutboxItems();
  // With a planned day above, «no visits today» would contradict it: the day's stops are there.
  const planned = (useMyDay().data?.stops.length ?? 0) > 0;
  const queued = new Map((outbox.data ?? []).map((item) => [item.requestId, item]));

  const choose = (value: string) => {
    setFilter(value as VisitFilter);
    setPage(1);
  };

  return (
    <Stack maw={640} gap="md">
      <PageTitle title={m.title} description={m.description} />
      <MyDaySection />
      <SegmentedControl
        fullWidth
        size="md"
        aria-label={m.filterLabel}
        value={filter}
        onChange={choose}
        data={[
          { value: 'today', label: m.today },
          { value: 'all', label: m.all },
        ]}
      />
      {visits.isError && <ErrorAlert error={visits.error} />}
      {visits.isPending ? (
        <LoadingState />
      ) : visits.data && visits.data.items.length === 0 ? (
        filter === 'today' ? (
          !planned && <EmptyState title={m.emptyTodayTitle} description={m.emptyTodayBody} />
        ) : (
          <EmptyState title={m.emptyAllTitle} description={m.emptyAllBody} />
        )
      ) : (
        visits.data && (
          <>
            <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
              {visits.data.items.map((visit) => (
                <li key={visit.requestId}>
                  <VisitCard visit={visit} showDate={filter === 'all'} queued={queued.get(visit.requestId)} />
                </li>
              ))}
            </Stack>
            <Pager page={page} pageSize={VISITS_PAGE_SIZE} total={visits.data.total} onChange={setPage} />
          </>
        )
      )}
    </Stack>
  );
}
