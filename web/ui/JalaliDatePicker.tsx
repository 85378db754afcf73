import { useState } from 'react';
import { ActionIcon, Group, InputBase, Popover, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { faDigits, formatJalaliDate, formatJalaliMonth, fromJalali, jalaliMonthGrid, persianWeekdays, shiftJalaliMonth, t, toJalali } from '../i18n';
import classes from './JalaliDatePicker.module.css';

interface JalaliDatePickerProps {
  label: string;
  /** A calendar date as the API takes it (`YYYY-MM-DD`, Gregorian), or null. */
  value: string | null;
  onChange: (value: string) => void;
  error?: string;
  /** Days the server accepts (a visit: working days from today, from the API); the others are shown but cannot be picked. */
  isAllowed?: (iso: string) => boolean;
}

const WEEKDAYS = persianWeekdays('narrow');
const WEEKDAY_NAMES = persianWeekdays('long');
const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());

/**
 * A date field on the Jalali calendar, drawn with Mantine's own parts: @mantine/dates cannot show
 * a non-Gregorian month (docs/decisions/0005-web-stack.md). The value stays a Gregorian date.
 */
export function JalaliDatePicker({ label, value, onChange, error, isAllowed }: JalaliDatePickerProps) {
  const [opened, setOpened] = useState(false);
  // The month on show: year and month of a Jalali day (its day is not used).
  const [shown, setShown] = useState<{ year: number; month: number }>(() => toJalali(value ?? todayIso()));
  const today = todayIso();

  const open = () => {
    setShown(toJalali(value ?? today));
    setOpened(true);
  };
  const move = (by: number) => setShown(shiftJalaliMonth(shown.year, shown.month, by));

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus>
      <Popover.Target>
        <InputBase component="button" type="button" pointer label={label} error={error} onClick={() => (opened ? setOpened(false) : open())}>
          {value ? formatJalaliDate(value) : <Text c="dimmed">{t.datePicker.placeholder}</Text>}
        </InputBase>
      </Popover.Target>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          {/* In a right-to-left page the earlier month is to the right: › points back. */}
          <ActionIcon variant="subtle" onClick={() => move(-1)} aria-label={t.datePicker.previousMonth}>
            ›
          </ActionIcon>
          <Text fw={600} aria-live="polite">
            {formatJalaliMonth(fromJalali({ ...shown, day: 1 }), shown.year)}
          </Text>
          <ActionIcon variant="subtle" onClick={() => move(1)} aria-label={t.datePicker.nextMonth}>
            ‹
          </ActionIcon>
        </Group>
        <SimpleGrid cols={7} spacing={2} verticalSpacing={2}>
          {WEEKDAYS.map((day, i) => (
            <Text key={day} size="xs" c="dimmed" ta="center" title={WEEKDAY_NAMES[i]} aria-hidden>
              {day}
            </Text>
          ))}
          {jalaliMonthGrid(shown.year, shown.month)
            .flat()
            .map((iso, i) =>
              iso ? (
                <UnstyledButton
                  key={iso}
                  className={classes.day}
                  data-selected={iso === value || undefined}
                  data-today={iso === today || undefined}
                  aria-pressed={iso === value}
                  aria-label={formatJalaliDate(iso)}
                  disabled={isAllowed ? !isAllowed(iso) : undefined}
                  data-disabled={isAllowed && !isAllowed(iso) ? true : undefined}
                  onClick={() => {
                    onChange(iso);
                    setOpened(false);
                  }}
                >
                  {faDigits(toJalali(iso).day)}
                </UnstyledButton>
              ) : (
                <span key={`blank-${i}`} />
              ),
            )}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
