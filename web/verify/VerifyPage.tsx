import { Fragment, useEffect, useId, useState, type DragEvent, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { errorMessages } from '../api/errors';
import type { paths } from '../api/schema';
import { fileNumberFa, faDigits, formatJalaliDate, t } from '../i18n';
import { CodeField } from '../public-ui/CodeField';
import { FailureAlert } from '../public-ui/FailureAlert';
import { PublicFrame } from '../public-ui/PublicFrame';
import { LetterSerial } from '../ui/LetterSerial';

type Letter = paths['/api/public/verify/{serial}']['get']['responses'][200]['content']['application/json'];
type State = { kind: 'ask' } | { kind: 'loading' } | { kind: 'found'; letter: Letter } | { kind: 'failed'; message: string };
type FileCheck = { kind: 'none' } | { kind: 'computing' } | { kind: 'done'; sha256: string; matches: boolean } | { kind: 'unsupported' };

const s = t.verify;
/** What a notary types or the QR code carries, as the API reads it: dashes and spaces dropped. */
const asSerial = (typed: string) => typed.replace(/[\s-]/g, '');
const SERIAL = /^[0-9A-Za-z]{12}$/;
const serialInPath = () => decodeURIComponent(window.location.pathname.replace(/^\/verify\/?/, '').split('/')[0] ?? '');

/** The SHA-256 of the file's bytes, computed here: the file itself is never sent anywhere. */
async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function Verdict({ letter }: { letter: Letter }) {
  if (letter.revoked) {
    return (
      <div className="verdict revoked" data-testid="verify-verdict">
        <p>{s.revoked}</p>
        {letter.revokeReasonFa && <p className="detail">{s.revokedReason(letter.revokeReasonFa)}</p>}
        {letter.revokedAt && <p className="detail">{s.revokedAt(formatJalaliDate(letter.revokedAt))}</p>}
      </div>
    );
  }
  return (
    <div className={`verdict ${letter.validity.expired ? 'expired' : 'valid'}`} data-testid="verify-verdict">
      <p>{(letter.validity.expired ? s.expired : s.valid)(letter.city.nameFa)}</p>
    </div>
  );
}

function Facts({ letter }: { letter: Letter }) {
  // Codes (letter number, masked identifiers) read left to right inside the Persian page.
  const rows: [label: string, value: ReactNode, ltr?: true][] = [
    [s.serial, <LetterSerial serial={letter.serial} />],
    [s.kind, letter.kindFa],
    [s.letterNumber, faDigits(letter.letterNumber), true],
    [s.issuedAt, letter.issuedAtFa],
    [s.issuer, s.issuerName(letter.city.nameFa, faDigits(letter.districtNumber))],
    [s.addressee, letter.addresseeFa],
    [s.service, letter.service.nameFa],
    [s.subject, letter.subjectNationalCode ? faDigits(letter.subjectNationalCode) : null, true],
    [s.decision, letter.decisionFa],
    [s.purpose, letter.validity.purposeFa],
    [s.validUntil, letter.validity.untilFa && s.validUntilDate(letter.validity.untilFa)],
  ];
  // An excavation permit has no property file; an answer names the property, masked.
  const property = letter.property;
  if (property) {
    rows.push(
      [s.fileNumber, fileNumberFa(property.fileNumber)],
      [s.postalCode, property.postalCode && faDigits(property.postalCode), true],
      [s.renovationCode, property.renovationCode && faDigits(property.renovationCode), true],
      [s.plateMain, property.plateMain === null ? null : faDigits(property.plateMain)],
      [s.registrySection, property.registrySection === null ? null : faDigits(property.registrySection)],
    );
  }
  return (
    <section className="card" aria-labelledby="verify-facts">
      <h2 id="verify-facts">{s.facts}</h2>
      <dl data-testid="verify-facts">
        {rows.map(([label, value, ltr]) =>
          value === null || value === undefined ? null : (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>
                <bdi dir={ltr ? 'ltr' : undefined}>{value}</bdi>
              </dd>
            </Fragment>
          ),
        )}
      </dl>
      {property && <p className="note">{s.masked}</p>}
      <p className="label">{s.hash}</p>
      <p className="hash" data-testid="verify-hash">
        {letter.sha256}
      </p>
    </section>
  );
}

function FileComparison({ letter }: { letter: Letter }) {
  const id = useId();
  const [check, setCheck] = useState<FileCheck>({ kind: 'none' });
  const [over, setOver] = useState(false);

  const compare = async (file: File | undefined) => {
    if (!file) return;
    // crypto.subtle exists only on secure pages (https, or localhost).
    if (!globalThis.crypto?.subtle) return setCheck({ kind: 'unsupported' });
    setCheck({ kind: 'computing' });
    const sha256 = await sha256Hex(file);
    setCheck({ kind: 'done', sha256, matches: sha256 === letter.sha256 });
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void compare(e.dataTransfer.files[0]);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{s.fileCheck}</h2>
      <p>{s.fileCheckIntro}</p>
      <div
        className={over ? 'drop over' : 'drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <label htmlFor={id}>{s.chooseFile}</label>
        <p className="note">{s.dropHere}</p>
        <input id={id} type="file" accept="application/pdf,.pdf" onChange={(e) => void compare(e.currentTarget.files?.[0])} />
      </div>
      <div aria-live="polite">
        {check.kind === 'computing' && <p>{s.computing}</p>}
        {check.kind === 'unsupported' && <FailureAlert message={s.noCrypto} />}
        {check.kind === 'done' &&
          (check.matches ? (
            <div className="match" role="status" data-testid="verify-file-result">
              <p className="verdict-line">{letter.revoked ? s.matchButRevoked : s.match}</p>
            </div>
          ) : (
            <div className="mismatch" role="alert" data-testid="verify-file-result">
              <p className="verdict-line">{s.mismatch}</p>
              <p>{s.mismatchHint}</p>
              <p className="label">{s.fileHash}</p>
              <p className="hash">{check.sha256}</p>
            </div>
          ))}
      </div>
    </section>
  );
}

function SerialForm({ onSerial }: { onSerial: (serial: string) => void }) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const serial = asSerial(typed);
    if (!SERIAL.test(serial)) return setError(s.invalidSerial);
    setError(undefined);
    onSerial(serial);
  };
  return (
    <form onSubmit={submit} noValidate className="card">
      <CodeField label={s.serial} hint={s.serialHint} autoCapitalize="characters" spellCheck={false} value={typed} error={error} onChange={setTyped} autoFocus />
      <button type="submit">{s.submit}</button>
    </form>
  );
}

export function VerifyPage() {
  const [serial, setSerial] = useState(serialInPath);
  const [state, setState] = useState<State>(serial ? { kind: 'loading' } : { kind: 'ask' });

  useEffect(() => {
    const back = () => setSerial(serialInPath());
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);

  useEffect(() => {
    if (!serial) return setState({ kind: 'ask' });
    let current = true;
    setState({ kind: 'loading' });
    unwrap(api.GET('/api/public/verify/{serial}', { params: { path: { serial } } }))
      .then((letter) => current && setState({ kind: 'found', letter }))
      .catch((error: unknown) => {
        // An unknown serial and a malformed one mean the same to the reader: no such letter.
        const message = error instanceof ApiError && (error.status === 404 || error.status === 400) ? s.notFound : errorMessages(error).message;
        if (current) setState({ kind: 'failed', message });
      });
    return () => {
      current = false;
    };
  }, [serial]);

  const ask = (next: string) => {
    window.history.pushState(null, '', next ? `/verify/${encodeURIComponent(next)}` : '/verify');
    setSerial(next);
  };

  return (
    <PublicFrame title={s.title}>
      {state.kind === 'ask' && (
        <>
          <p>{s.intro}</p>
          <SerialForm onSerial={ask} />
        </>
      )}
      <div aria-live="polite">
        {state.kind === 'loading' && <p>{s.loading}</p>}
        {state.kind === 'failed' && <FailureAlert message={state.message} />}
      </div>
      {state.kind === 'found' && (
        <>
          <Verdict letter={state.letter} />
          <Facts letter={state.letter} />
          <FileComparison letter={state.letter} />
        </>
      )}
      {state.kind !== 'ask' && (
        <button type="button" className="link-button" onClick={() => ask('')}>
          {s.another}
        </button>
      )}
    </PublicFrame>
  );
}
