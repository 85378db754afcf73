import { describe, expect, it } from 'vitest';
import type { Person } from '../properties/properties.queries';
import { emptyIntake, intakeFieldOf, intakeProblems, intakeRequest, OTHER_APPLICANT, type IntakeService } from './intakeForm';

const service: IntakeService = {
  code: 'building_permit_inquiry',
  formFields: [
    { name: 'floors', labelFa: 'تعداد طبقات', labelEn: 'Floors', type: 'integer', required: true, min: 1, max: 20 },
    { name: 'ownerMobile', labelFa: 'همراه مالک', labelEn: 'Owner mobile', type: 'mobile', required: false },
    { name: 'corner', labelFa: 'نبش', labelEn: 'Corner', type: 'boolean', required: false },
  ],
  requiredDocuments: [
    { code: 'deed', titleFa: 'سند', titleEn: 'Deed', required: true },
    { code: 'attorney', titleFa: 'وکالت‌نامه', titleEn: 'Power of attorney', required: false, appliesWhenFa: 'اگر وکیل مراجعه کند' },
  ],
};
const person = { id: 'p-9', displayName: 'مریم احمدی', nationalCode: '0012345679' } as Person;
const ready = { ...emptyIntake('p-1'), serviceCode: service.code, form: { floors: '۳' }, documents: { deed: true } };

describe('the intake form', () => {
  it('starts with no service and the first owner as the applicant; without owners, someone to pick', () => {
    expect(emptyIntake('p-1')).toMatchObject({ serviceCode: null, applicant: 'p-1', paid: false });
    expect(emptyIntake(undefined).applicant).toBe(OTHER_APPLICANT);
  });

  it('asks for a service, and once it is loaded for its fields and required documents, by the names the server uses', () => {
    expect(intakeProblems(emptyIntake('p-1'), undefined)).toEqual({ serviceCode: 'خدمت را انتخاب کنید' });
    const chosen = { ...emptyIntake('p-1'), serviceCode: service.code, form: { floors: '۲۵', ownerMobile: '0912' } };
    expect(intakeProblems(chosen, service)).toEqual({
      'form.floors': 'مقدار نباید بیشتر از ۲۰ باشد',
      'form.ownerMobile': expect.any(String),
      // The power of attorney applies only in some cases: never asked for.
      'documents.deed': 'همه مدارک الزامی باید ارائه و علامت زده شود',
    });
    expect(intakeProblems(ready, service)).toEqual({});
  });

  it('asks who applies when it is not an owner, and for the reference of a fee paid at the desk', () => {
    const other = { ...ready, applicant: OTHER_APPLICANT };
    expect(intakeProblems(other, service)).toEqual({ applicant: 'متقاضی را انتخاب کنید' });
    expect(intakeProblems({ ...other, otherPerson: person }, service)).toEqual({});
    expect(intakeProblems({ ...ready, paid: true, reference: '  ' }, service)).toEqual({ reference: 'شماره پیگیری پرداخت را وارد کنید' });
    // A reference without «پرداخت شد» is the server's to question, not ours.
    expect(intakeProblems({ ...ready, reference: '12345' }, service)).toEqual({});
  });

  it("puts the server's refusals of the applicant and the payment under their inputs", () => {
    expect(['applicantPersonId', 'payment.paid', 'payment.reference', 'form.floors', 'documents.deed'].map(intakeFieldOf)).toEqual([
      'applicant', 'paid', 'reference', 'form.floors', 'documents.deed',
    ]);
  });

  it('sends the form in ASCII digits, the picked applicant, a trimmed note, and only the uploads with a kind and a file', () => {
    const file = new File(['x'], 'deed.pdf');
    const { body, files } = intakeRequest('prop-1', {
      ...ready,
      applicant: OTHER_APPLICANT,
      otherPerson: person,
      note: '  با عجله  ',
      paid: true,
      reference: ' 1234 ',
      uploads: [{ key: 1, kind: 'deed', file }, { key: 2, kind: 'deed', file: null }],
    }, service);
    expect(body).toEqual({
      propertyId: 'prop-1',
      applicantPersonId: 'p-9',
      serviceCode: service.code,
      form: { floors: 3, corner: false },
      documents: { deed: true },
      note: 'با عجله',
      payment: { paid: true, reference: '1234' },
    });
    expect(files).toEqual([{ kind: 'deed', file }]);
    expect(intakeRequest('prop-1', ready, service).body).not.toHaveProperty('note');
    expect(intakeRequest('prop-1', ready, service).body.payment).toEqual({ paid: false });
  });
});
