import { Group, Pagination, Text } from '@mantine/core';
import { faDigits, formatNumber, t } from '../i18n';

interface PagerProps {
  page: number;
  pageSize: number;
  /** All matching rows, as the API's page answer gives it. */
  total: number;
  /** The API counted only up to `total` and there are more: "more than", and a next page from a full one. */
  capped?: boolean;
  onChange: (page: number) => void;
}

/** Under a list: how many rows match, and the pages (Persian digits, labelled controls). */
export function Pager({ page, pageSize, total, capped = false, onChange }: PagerProps) {
  const counted = Math.max(1, Math.ceil(total / pageSize));
  const pages = capped ? Math.max(counted, page + 1) : counted;
  return (
    <Group justify="space-between" mt="md" component="nav" aria-label={t.ui.pager.label}>
      <Text size="sm" c="dimmed">
        {capped ? t.ui.pager.moreThan(formatNumber(total)) : t.ui.pager.total(formatNumber(total))}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={page}
          onChange={onChange}
          size="sm"
          siblings={1}
          getItemProps={(n) => ({ children: faDigits(n), 'aria-label': t.ui.pager.page(faDigits(n)), 'aria-current': n === page ? 'page' : undefined })}
          getControlProps={(control) => ({ 'aria-label': control === 'next' ? t.ui.pager.next : t.ui.pager.previous })}
        />
      )}
    </Group>
  );
}
