import { groupCode, spellCode, t } from '../i18n';

/**
 * A letter serial (شناسه نامه) as a person must type it on /verify: Latin, in groups of four, left
 * to right in a fixed-width face (so 0/8 and 1/7 are told apart), and under it how to say it
 * aloud in Persian (docs/decisions/0017-persian-display.md). Plain elements, so the staff app and
 * the public pages share it.
 */
export function LetterSerial({ serial }: { serial: string }) {
  return (
    <span data-testid="letter-serial">
      <bdi dir="ltr" translate="no" style={{ fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace', letterSpacing: '0.06em', fontWeight: 600 }}>
        {groupCode(serial)}
      </bdi>
      <span style={{ display: 'block', fontSize: '0.85em', opacity: 0.8 }}>{t.ui.readAloud(spellCode(serial))}</span>
    </span>
  );
}
