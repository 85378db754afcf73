import { useState, type FormEvent } from 'react';
import { canonicalNationalCode, canonicalTrackingCode, isNationalCode } from '../../contracts/identifiers';
import { api, ApiError, unwrap } from '../api/client';
import { errorMessages } from '../api/errors';
import type { paths } from '../api/schema';
import { faDigits, formatJalaliDate, formatJalaliDateTime, t } from '../i18n';
import { CodeField } from '../public-ui/CodeField';
import { FailureAlert } from '../public-ui/FailureAlert';
import { PublicFrame } from '../public-ui/PublicFrame';

type Tracking = paths['/api/public/requests/{trackingCode}']['get']['responses'][200]['content']['application/json'];

type State = { kind: 'idle' } | { kind: 'searching' } | { kind: 'found'; tracking: Tracking } | { kind: 'failed'; message: string };

/** A tracking code as the API reads it: Persian digits to ASCII, spaces and dashes dropped. */
const TEN_DIGITS = /^\d{10}$/;

function Result({ tracking }: { tracking: Tracking }) {
  return (
    <section className="card" aria-labelledby="track-status">
      <p className="label">{t.track.status}</p>
      <p className="status" id="track-status" data-testid="track-state">
        {tracking.stateLabelFa}
      </p>
      <dl>
        <dt>{t.track.trackingCode}</dt>
        <dd>{faDigits(tracking.trackingCode)}</dd>
        <dt>{t.track.service}</dt>
        <dd>{tracking.service.nameFa}</dd>
        <dt>{t.track.office}</dt>
        <dd>{tracking.office.nameFa}</dd>
        <dt>{t.track.officePhone}</dt>
        <dd dir="ltr">{faDigits(tracking.office.phone)}</dd>
        <dt>{t.track.registeredAt}</dt>
        <dd>
          <time dateTime={tracking.registeredAt}>{formatJalaliDate(tracking.registeredAt)}</time>
        </dd>
        {tracking.visit && (
          <>
            <dt>{t.track.visit}</dt>
            <dd data-testid="track-visit">
              <time dateTime={tracking.visit.date}>{formatJalaliDate(tracking.visit.date)}</time>
              {'، '}
              {t.track.visitWindow(faDigits(tracking.visit.windowStart), faDigits(tracking.visit.windowEnd))}
            </dd>
          </>
        )}
        {tracking.closedAt ? (
          <>
            <dt>{t.track.closedAt}</dt>
            <dd>
              <time dateTime={tracking.closedAt}>{formatJalaliDate(tracking.closedAt)}</time>
            </dd>
          </>
        ) : (
          tracking.stepDueAt && (
            <>
              <dt>{t.track.stepDueAt}</dt>
              <dd>
                <time dateTime={tracking.stepDueAt}>{formatJalaliDate(tracking.stepDueAt)}</time>
              </dd>
            </>
          )
        )}
      </dl>
      <h2>{t.track.timeline}</h2>
      <ol className="timeline" data-testid="track-timeline">
        {tracking.timeline.map((step) => (
          <li key={`${step.at}-${step.labelFa}`}>
            <span>{step.labelFa}</span>
            <time dateTime={step.at}>{formatJalaliDateTime(step.at)}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function TrackPage() {
  // The receipt's QR code opens /track?code=<tracking code>: the citizen only adds the national code.
  // Shown in Persian digits like everything typed here; the lookup reads any digits.
  const [trackingCode, setTrackingCode] = useState(() => faDigits(new URLSearchParams(window.location.search).get('code') ?? ''));
  const [nationalCode, setNationalCode] = useState('');
  const [invalid, setInvalid] = useState<{ trackingCode?: string; nationalCode?: string }>({});
  const [state, setState] = useState<State>({ kind: 'idle' });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const code = canonicalTrackingCode(trackingCode);
    const national = canonicalNationalCode(nationalCode);
    const problems = {
      trackingCode: TEN_DIGITS.test(code) ? undefined : t.track.invalidTrackingCode,
      nationalCode: isNationalCode(national) ? undefined : t.track.invalidNationalCode,
    };
    setInvalid(problems);
    if (problems.trackingCode || problems.nationalCode) return;
    setState({ kind: 'searching' });
    try {
      const tracking = await unwrap(
        api.GET('/api/public/requests/{trackingCode}', { params: { path: { trackingCode: code }, query: { nationalCode: national } } }),
      );
      setState({ kind: 'found', tracking });
    } catch (error) {
      // A wrong pair and an unknown code are the same 404 on purpose; say which inputs to check.
      const message = error instanceof ApiError && error.status === 404 ? t.track.notFound : errorMessages(error).message;
      setState({ kind: 'failed', message });
    }
  };

  return (
    <PublicFrame title={t.track.title} footer={<a href="/login">{t.track.staffSignIn}</a>}>
      <p>{t.track.intro}</p>
      <form onSubmit={submit} noValidate className="card">
        <CodeField
          label={t.track.trackingCode}
          hint={t.track.tenDigits}
          inputMode="numeric"
          value={trackingCode}
          error={invalid.trackingCode}
          onChange={setTrackingCode}
          autoFocus
        />
        <CodeField label={t.track.nationalCode} hint={t.track.tenDigits} inputMode="numeric" value={nationalCode} error={invalid.nationalCode} onChange={setNationalCode} />
        <button type="submit" disabled={state.kind === 'searching'}>
          {state.kind === 'searching' ? t.track.searching : t.track.submit}
        </button>
      </form>
      <div aria-live="polite">
        {state.kind === 'failed' && <FailureAlert message={state.message} />}
        {state.kind === 'found' && <Result tracking={state.tracking} />}
      </div>
    </PublicFrame>
  );
}
