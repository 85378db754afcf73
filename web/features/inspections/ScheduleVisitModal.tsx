import type { FormEvent } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { useForm } from '../../ui/useForm';
import { useScheduleVisit, useVisitDays } from './inspections.queries';
import classes from './inspections.module.css';
import { TimeField } from './TimeField';
import { scheduleErrors, type Visit } from './visits.model';

/** تعیین زمان بازدید: a day on the Jalali calendar and the window the inspector will come in. */
export function ScheduleVisitModal({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const m = t.inspections.schedule;
  const schedule = useScheduleVisit(visit.requestId);
  const visitDays = useVisitDays();
  // Checked as the inspector types once they have tried to save (the fields mark nothing as left); before that, nothing is red.
  const form = useForm({ date: visit.scheduledDate, windowStart: visit.windowStart ?? '', windowEnd: visit.windowEnd ?? '' }, scheduleErrors);
  const { date, windowStart, windowEnd } = form.values;

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!form.validate(e.currentTarget) || !date) return;
    schedule.mutate({ version: visit.version, date, windowStart, windowEnd }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={m.title} centered>
      {schedule.isError && <ErrorAlert error={schedule.error} />}
      <form onSubmit={submit} noValidate>
        <Stack>
          <JalaliDatePicker label={m.date} value={date} onChange={(d) => form.set('date', d)} error={form.error('date', schedule.error)} isAllowed={visitDays} />
          <Group grow>
            <TimeField label={m.windowStart} value={windowStart} onChange={(v) => form.set('windowStart', v)} error={form.error('windowStart', schedule.error)} />
            <TimeField label={m.windowEnd} value={windowEnd} onChange={(v) => form.set('windowEnd', v)} error={form.error('windowEnd', schedule.error)} />
          </Group>
          <Group grow>
            <Button variant="default" onClick={onClose} className={classes.touch}>
              {m.cancel}
            </Button>
            <Button type="submit" loading={schedule.isPending} className={classes.touch}>
              {m.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
