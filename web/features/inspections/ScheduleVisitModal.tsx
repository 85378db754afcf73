import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { fieldMessage } from '../../api/errors';
import { t } from '../../i18n';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { useScheduleVisit, useVisitDays } from './inspections.queries';
import classes from './inspections.module.css';
import { TimeField } from './TimeField';
import { scheduleErrors, type ScheduleField, type Visit } from './visits.model';

/** تعیین زمان بازدید: a day on the Jalali calendar and the window the inspector will come in. */
export function ScheduleVisitModal({ visit, onClose }: { visit: Visit; onClose: () => void }) {
  const m = t.inspections.schedule;
  const schedule = useScheduleVisit(visit.requestId);
  const visitDays = useVisitDays();
  const [form, setForm] = useState({ date: visit.scheduledDate, windowStart: visit.windowStart ?? '', windowEnd: visit.windowEnd ?? '' });
  const [submitted, setSubmitted] = useState(false);
  // Checked as the inspector types once they have tried to save; before that, nothing is red.
  const errors = submitted ? scheduleErrors(form) : {};
  const errorOf = (field: ScheduleField) => errors[field] ?? fieldMessage(schedule.error, field);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(scheduleErrors(form)).length > 0 || !form.date) return;
    schedule.mutate({ version: visit.version, date: form.date, windowStart: form.windowStart, windowEnd: form.windowEnd }, { onSuccess: onClose });
  };

  return (
    <Modal opened onClose={onClose} title={m.title} centered>
      {schedule.isError && <ErrorAlert error={schedule.error} />}
      <form onSubmit={submit} noValidate>
        <Stack>
          <JalaliDatePicker label={m.date} value={form.date} onChange={(date) => setForm({ ...form, date })} error={errorOf('date')} isAllowed={visitDays} />
          <Group grow>
            <TimeField label={m.windowStart} value={form.windowStart} onChange={(windowStart) => setForm({ ...form, windowStart })} error={errorOf('windowStart')} />
            <TimeField label={m.windowEnd} value={form.windowEnd} onChange={(windowEnd) => setForm({ ...form, windowEnd })} error={errorOf('windowEnd')} />
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
