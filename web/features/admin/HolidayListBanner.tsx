import { Alert, Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useMe } from '../../app/auth';
import { t } from '../../i18n';
import { STATUS_ORANGE } from '../../ui/colors';
import { holidayBanner } from './admin.model';
import { useHolidayLists } from './admin.queries';

const s = t.admin.holidays;

/**
 * For the city admin, on every page: this year's or the coming year's holiday list is missing or
 * provisional, so due dates may be a day off. Gone once the list is confirmed or official.
 */
export function HolidayListBanner() {
  const me = useMe();
  const { pathname } = useLocation();
  const canManage = me.permissions.includes('calendar.manage');
  const lists = useHolidayLists({ enabled: canManage, staleTime: 5 * 60_000 });
  const text = canManage && lists.data ? holidayBanner(lists.data.unsettled) : null;
  // The holidays page says the same, with the actions, above its table.
  if (!text || pathname === '/admin/holidays') return null;
  return (
    <Alert color={STATUS_ORANGE} variant="outline" mb="md" data-testid="holiday-list-banner" role="status">
      <Text size="sm">
        {text}{' '}
        <Anchor component={Link} to="/admin/holidays" size="sm" c="dark.9" fw={700} underline="always">
          {s.bannerLink}
        </Anchor>
      </Text>
    </Alert>
  );
}
