import { Button } from '@mantine/core';
import { Link } from 'react-router';
import { t } from '../i18n';
import { EmptyState } from '../ui/EmptyState';
import { PageTitle } from '../ui/PageTitle';

export function NotFoundPage() {
  return (
    <>
      <PageTitle title={t.common.notFoundTitle} />
      <EmptyState title={t.common.notFoundTitle} description={t.common.notFoundBody}>
        <Button component={Link} to="/">
          {t.common.backHome}
        </Button>
      </EmptyState>
    </>
  );
}
