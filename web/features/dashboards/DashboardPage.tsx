import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Grid, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMe } from '../../app/auth';
import { faDigits, formatJalaliDate, formatJalaliDateTime, t } from '../../i18n';
import { EChart } from '../../ui/EChart';
import { EmptyState } from '../../ui/EmptyState';
import { ListTable } from '../../ui/ListTable';
import { PageTitle } from '../../ui/PageTitle';
import { Pager } from '../../ui/Pager';
import { PrintButton } from '../../ui/PrintButton';
import { QueryState } from '../../ui/QueryState';
import { Section } from '../../ui/Section';
import { JalaliDatePicker } from '../../ui/JalaliDatePicker';
import { useDistrictOptions } from '../admin/admin.queries';
import {
  chartHeight,
  chartOption,
  exportUrl,
  filtersFromParams,
  filtersToParams,
  FIGURES_COLUMN_WIDTH,
  FIGURES_PAGE_ROWS,
  figuresPage,
  formatCell,
  isEmptyFigures,
  jalaliMonthLabel,
  jalaliMonthNames,
  jalaliMonthOf,
  reportUrl,
  tableBesideChart,
  tehranToday,
  wholeMonthOf,
  withDistrict,
  withMonth,
  type DashboardFilters,
  type DashboardTable,
} from './dashboards.model';
import { useFigures, useOfficeOptions, useServiceOptions } from './dashboards.queries';

const s = t.dashboards;
const MONTHS = jalaliMonthNames().map((name, i) => ({ value: String(i + 1), label: name }));
/** Years offered in the quick pick: this one and the five before it. */
const YEARS_BACK = 5;

/** داشبورد و گزارش‌ها: the city's figures for a range, a district, a desk and a service, each chart beside its table. */
export function DashboardPage() {
  const me = useMe();
  // A district manager sees their own district only; the server holds them to it whatever is asked.
  const ownDistrict = me.role === 'district_approver' ? me.district : null;
  const [params, setParams] = useSearchParams();
  const today = tehranToday(new Date());
  const asked = filtersFromParams(params, today);
  const filters = ownDistrict ? { ...asked, districtId: ownDistrict.id } : asked;
  // A change applies to the filters in the address bar now, not to those of the last render: two
  // quick choices (a month, then a district) must both stand.
  const setFilters = (update: (current: DashboardFilters) => DashboardFilters) => {
    const current = filtersFromParams(new URLSearchParams(window.location.search), today);
    const next = update(ownDistrict ? { ...current, districtId: ownDistrict.id } : current);
    setParams(filtersToParams(ownDistrict ? { ...next, districtId: null } : next));
  };
  const figures = useFigures(filters);
  const month = wholeMonthOf(filters) ?? jalaliMonthOf(filters.from);

  return (
    <>
      <PageTitle title={s.title} description={s.description} />
      <FilterBar filters={filters} onChange={setFilters} today={today} ownDistrictName={ownDistrict?.nameFa ?? null} />
      <Group justify="space-between" align="center" mb="md" gap="sm">
        <Text fw={500} data-testid="dashboard-range">
          {s.range(formatJalaliDate(filters.from), formatJalaliDate(filters.to))}
          {figures.data && (
            <Text span c="dimmed" size="sm" ms="sm">
              {s.generatedAt(formatJalaliDateTime(figures.data.generatedAt))}
            </Text>
          )}
        </Text>
        <Group gap="xs" data-print="hide">
          <Button component="a" href={reportUrl(month, filters.districtId)} target="_blank" rel="noopener">
            {s.monthlyReportOf(jalaliMonthLabel(month))}
          </Button>
          <PrintButton variant="default">{s.print}</PrintButton>
        </Group>
      </Group>
      <QueryState query={figures} isEmpty={isEmptyFigures} empty={<EmptyState title={s.emptyTitle} description={s.emptyBody} />}>
        {(found) => (
          // The previous figures stay while a new filter loads: marked busy (and dimmed) until the new ones arrive.
          <Stack gap="lg" data-testid="dashboard-tables" aria-busy={figures.isPlaceholderData} style={figures.isPlaceholderData ? { opacity: 0.6 } : undefined}>
            {found.tables.map((table) => (
              <FiguresSection key={table.key} table={table} filters={filters} />
            ))}
          </Stack>
        )}
      </QueryState>
    </>
  );
}

interface FilterBarProps {
  filters: DashboardFilters;
  /** Applies a change to the current filters. */
  onChange: (update: (current: DashboardFilters) => DashboardFilters) => void;
  today: string;
  ownDistrictName: string | null;
}

/** A Jalali month in two taps, or any range on the date pickers; then district, desk and service. */
function FilterBar({ filters, onChange, today, ownDistrictName }: FilterBarProps) {
  const districts = useDistrictOptions();
  const offices = useOfficeOptions(filters.districtId);
  const services = useServiceOptions();
  const whole = wholeMonthOf(filters);
  const shownYear = jalaliMonthOf(filters.from).year;
  const thisYear = jalaliMonthOf(today).year;
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => String(thisYear - i));
  if (!years.includes(String(shownYear))) years.push(String(shownYear));

  return (
    <SimpleGrid cols={{ base: 2, sm: 4, xl: 7 }} mb="md" component="section" aria-label={s.filters} data-print="hide" data-testid="dashboard-filters">
      <Select
        label={s.month}
        placeholder={s.monthPlaceholder}
        data={MONTHS}
        value={whole ? String(whole.month) : null}
        onChange={(v) => v && onChange((f) => withMonth(f, { year: shownYear, month: Number(v) }))}
        allowDeselect={false}
      />
      <Select
        label={s.year}
        data={years.map((y) => ({ value: y, label: faDigits(y) }))}
        value={String(shownYear)}
        onChange={(v) => v && onChange((f) => withMonth(f, { year: Number(v), month: (wholeMonthOf(f) ?? jalaliMonthOf(f.from)).month }))}
        allowDeselect={false}
      />
      <JalaliDatePicker label={s.from} value={filters.from} onChange={(from) => onChange((f) => ({ ...f, from, to: from > f.to ? from : f.to }))} />
      <JalaliDatePicker label={s.to} value={filters.to} onChange={(to) => onChange((f) => ({ ...f, to, from: to < f.from ? to : f.from }))} />
      {ownDistrictName ? (
        <TextInput label={s.district} value={ownDistrictName} readOnly />
      ) : (
        <Select
          label={s.district}
          placeholder={s.anyDistrict}
          data={districts}
          value={filters.districtId}
          onChange={(v) => onChange((f) => withDistrict(f, v))}
          clearable
          searchable
        />
      )}
      <Select
        label={s.office}
        placeholder={s.anyOffice}
        data={offices}
        value={filters.officeId}
        onChange={(v) => onChange((f) => ({ ...f, officeId: v }))}
        clearable
        searchable
      />
      <Select
        label={s.service}
        placeholder={s.anyService}
        data={services}
        value={filters.serviceCode}
        onChange={(v) => onChange((f) => ({ ...f, serviceCode: v }))}
        clearable
        searchable
      />
    </SimpleGrid>
  );
}

/** One table of figures: its chart beside it (stacked on a phone), and its downloads with the same filters. */
function FiguresSection({ table, filters }: { table: DashboardTable; filters: DashboardFilters }) {
  const option = useMemo(() => chartOption(table), [table]);
  const beside = tableBesideChart(table);
  const id = `figures-${table.key}`;
  return (
    <Section id={id} title={table.titleFa} data-testid={id} style={{ breakInside: 'avoid' }}>
      {table.rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {s.emptyTable}
        </Text>
      ) : (
        // The table gets the wider share: its columns are many, the chart reads at any width. A table
        // too wide to sit beside the chart goes under it, at full width.
        <Grid gap="lg">
          {option && (
            <Grid.Col span={{ base: 12, lg: beside ? 5 : 12 }}>
              <EChart option={option} height={chartHeight(table)} label={s.chartOf(table.titleFa)} />
            </Grid.Col>
          )}
          <Grid.Col span={{ base: 12, lg: option && beside ? 7 : 12 }}>
            <FiguresTable table={table} />
          </Grid.Col>
        </Grid>
      )}
      <Group gap="xs" mt="sm" data-print="hide">
        <Button component="a" href={exportUrl('csv', table.key, filters)} download variant="default" size="xs">
          {s.csv}
        </Button>
        <Button component="a" href={exportUrl('xlsx', table.key, filters)} download variant="default" size="xs">
          {s.excel}
        </Button>
      </Group>
    </Section>
  );
}

/**
 * The figures in a table, Persian digits and units by column kind, FIGURES_PAGE_ROWS rows a page.
 * Beside a chart it is often narrower than its columns: it then scrolls sideways, and its scrolling
 * box takes the keyboard focus so the arrow keys reach the far columns.
 */
function FiguresTable({ table }: { table: DashboardTable }) {
  const [wanted, setPage] = useState(1);
  const { page, rows } = figuresPage(table.rows, wanted);
  const first = (page - 1) * FIGURES_PAGE_ROWS;
  return (
    <>
      <ListTable
        columns={table.columns.map((c) => c.titleFa)}
        minWidth={Math.max(320, table.columns.length * FIGURES_COLUMN_WIDTH)}
        label={s.tableOf(table.titleFa)}
        striped
        withTableBorder
        verticalSpacing="xs"
      >
        {rows.map((row, i) => (
          // The rows have no id of their own and are never reordered on screen.
          <Table.Tr key={first + i}>
            {table.columns.map((c) => (
              <Table.Td key={c.key} data-column={c.key} style={c.kind === 'text' ? undefined : { whiteSpace: 'nowrap' }}>
                {formatCell(c.kind, row[c.key] ?? null)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </ListTable>
      {table.rows.length > FIGURES_PAGE_ROWS && (
        <Pager page={page} pageSize={FIGURES_PAGE_ROWS} total={table.rows.length} onChange={setPage} />
      )}
    </>
  );
}
