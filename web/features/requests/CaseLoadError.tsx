import { t } from '../../i18n';
import { LoadError } from '../../ui/LoadError';

export function CaseLoadError({ error }: { error: unknown }) {
  return <LoadError error={error} notFoundTitle={t.requests.case.notFoundTitle} notFoundBody={t.requests.case.notFoundBody} />;
}
