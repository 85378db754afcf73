import { describe, expect, it } from 'vitest';
import type { Case } from './requests.queries';
import { approvalConditions, casePanels, daysAndHours, measurementFacts } from './caseView';

const event = (action: string, data: Record<string, unknown> | null) => ({ action, data }) as Case['timeline'][number];
const caseWith = (timeline: Case['timeline']) => ({ timeline }) as Case;

describe("the approver's conditions", () => {
  it('are read from the latest approval on the timeline', () => {
    const c = caseWith([event('register', null), event('approve', { conditions: ['old'] }), event('resubmit', null), event('approve', { conditions: ['رعایت عقب‌نشینی', 3] })]);
    expect(approvalConditions(c)).toEqual(['رعایت عقب‌نشینی']);
  });

  it('are none before an approval, or when it set none', () => {
    expect(approvalConditions(caseWith([event('register', null)]))).toEqual([]);
    expect(approvalConditions(caseWith([event('approve', {})]))).toEqual([]);
  });
});

describe('the action panels', () => {
  const none: Case['can'] = {
    assignInspector: false, scheduleVisit: false, fileInspectionReport: false, sendToDistrict: false, recommend: false, approve: false, reject: false,
    returnForCorrection: false, resubmit: false, issueResponse: false, deliver: false, cancel: false, recordPayment: false, uploadDocument: false,
  };

  it('are exactly the actions the server allows, in the workflow order, whatever order the flags come in', () => {
    expect(casePanels({ ...none, cancel: true, returnForCorrection: true, reject: true, approve: true })).toEqual(['approve', 'reject', 'return_for_correction', 'cancel']);
    expect(casePanels({ ...none, scheduleVisit: true, assignInspector: true })).toEqual(['assign_inspector', 'schedule_visit']);
  });

  it('are none when the server allows none; the report (its own page), the fee and uploads are not panels', () => {
    expect(casePanels(none)).toEqual([]);
    expect(casePanels({ ...none, fileInspectionReport: true, recordPayment: true, uploadDocument: true })).toEqual([]);
  });
});

describe('a waiting time in days and hours', () => {
  it('splits calendar seconds into whole days and the hours left, dropping minutes', () => {
    expect(daysAndHours(3 * 86_400 + 5 * 3600 + 59 * 60)).toEqual({ days: 3, hours: 5 });
    expect(daysAndHours(2 * 86_400)).toEqual({ days: 2, hours: 0 });
    expect(daysAndHours(7 * 3600)).toEqual({ days: 0, hours: 7 });
    expect(daysAndHours(1800)).toEqual({ days: 0, hours: 0 });
    expect(daysAndHours(-5)).toEqual({ days: 0, hours: 0 });
  });
});

describe('measurementFacts', () => {
  it("names each measurement as the inspector's form does and gives its unit, never the raw key", () => {
    expect(measurementFacts({ landArea: 310, builtArea: 512.5, frontage: 12, floors: 3, units: 6, height: 10.5 })).toEqual([
      { label: 'مساحت عرصه', value: '۳۱۰ متر مربع' },
      { label: 'زیربنا', value: '۵۱۲٫۵ متر مربع' },
      { label: 'بَر ملک', value: '۱۲ متر' },
      { label: 'تعداد طبقات', value: '۳ طبقه' },
      { label: 'تعداد واحدها', value: '۶ واحد' },
      { label: 'ارتفاع ساختمان', value: '۱۰٫۵ متر' },
    ]);
  });

  it("takes an unknown measurement's label from the service's form, else a plain Persian one", () => {
    expect(measurementFacts({ lengthMeters: 40, depthX: 2 }, [{ name: 'lengthMeters', labelFa: 'طول (متر)' }])).toEqual([
      { label: 'طول (متر)', value: '۴۰' },
      { label: 'اندازه دیگر', value: '۲' },
    ]);
  });
});
