import { Text } from '@mantine/core';
import { useMe } from '../../app/auth';
import { t } from '../../i18n';
import { EmptyState } from '../../ui/EmptyState';
import { PageTitle } from '../../ui/PageTitle';

/** کارتابل: each role's work queue. For now the frame; the queues come with their modules. */
export function HomePage() {
  const me = useMe();
  const place = me.office?.nameFa ?? (me.district ? t.home.district(me.district.nameFa) : null);
  return (
    <>
      <PageTitle title={t.home.title} description={t.home.roleLine(me.roleTitleFa, place)} />
      <Text mb="md">{t.home.greeting(`${me.firstName} ${me.lastName}`)}</Text>
      <EmptyState title={t.home.emptyTitle} description={t.home.emptyBody} />
    </>
  );
}
