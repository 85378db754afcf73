/**
 * Seed service catalog (فهرست خدمات میز خدمت شهرسازی).
 *
 * Persian texts use Persian yeh/keheh (U+06CC/U+06A9, never the Arabic U+064A/U+0643) and the
 * zero-width non-joiner (U+200C) inside compound words, because the texts are searched and printed
 * on official answers.
 */
import type { RequestState } from '../../../contracts/workflow.js';
import type { Specialty } from '../../../contracts/roles.js';

export type FormFieldType =
  | 'text'
  | 'textarea'
  | 'integer'
  | 'number'
  | 'date' /* YYYY-MM-DD (Gregorian, Tehran-local) */
  | 'select'
  | 'boolean'
  | 'national_code'
  | 'mobile';

export interface FormField {
  /** camelCase ASCII; also the key in the submitted form. */
  name: string;
  labelFa: string;
  labelEn: string;
  type: FormFieldType;
  required: boolean;
  options?: { value: string; labelFa: string; labelEn: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
  helpFa?: string;
}

export interface ChecklistItem {
  code: string;
  labelFa: string;
  labelEn: string;
}

export interface RequiredDocument {
  code: string;
  titleFa: string;
  titleEn: string;
  required: boolean;
  /**
   * Set on a document that applies only in some cases (a power of attorney, when an attorney
   * applies): when it does. The desk ticks it by hand; «همه ارائه شد» leaves it alone.
   */
  appliesWhenFa?: string;
  appliesWhenEn?: string;
}

export interface ServiceDefinition {
  code: string;
  nameFa: string;
  nameEn: string;
  descriptionFa: string;
  descriptionEn: string;
  category: 'inspection' | 'inquiry' | 'permit' | 'certificate';
  workflowCode: 'inspection' | 'inquiry';
  /** Specialty needed when an inspector is assigned. */
  inspectorSpecialty: Specialty | null;
  /** Expected time on site for the visit, in minutes (the planner's service time); 30 when absent. */
  visitMinutes?: number;
  requiredDocuments: RequiredDocument[];
  formFields: FormField[];
  /**
   * SLA of each waiting step in working days, keyed by the state the case waits in.
   * Only states of its workflow; never terminal states.
   */
  slaDays: Partial<Record<RequestState, number>>;
  feeRials: number;
  /** How long an answer stays valid, in days, and what it may be used for. */
  answerValidityDays: number;
  answerPurposeFa: string;
  /** What the inspector checks on site (چک‌لیست بازدید); every item is answered in the report. */
  inspectionChecklist: ChecklistItem[];
}

// Documents shared by several services; each service lists the ones it needs.
const DOC = {
  deed: { code: 'ownership_deed', titleFa: 'سند مالکیت', titleEn: 'Title deed', required: true },
  nationalCard: { code: 'owner_national_card', titleFa: 'کارت ملی مالک', titleEn: "Owner's national ID card", required: true },
  powerOfAttorney: {
    code: 'power_of_attorney',
    titleFa: 'وکالت‌نامه رسمی (در صورت مراجعه وکیل)',
    titleEn: 'Notarised power of attorney (if an attorney applies)',
    required: false,
    appliesWhenFa: 'فقط اگر وکیل مالک درخواست را ثبت می‌کند',
    appliesWhenEn: 'Only when an attorney applies for the owner',
  },
  buildingPermit: { code: 'building_permit', titleFa: 'پروانه ساختمان', titleEn: 'Building permit', required: true },
  renovationTaxReceipt: {
    code: 'renovation_tax_receipt',
    titleFa: 'فیش پرداخت عوارض نوسازی سال جاری',
    titleEn: "Receipt of this year's renovation levy",
    required: false,
  },
} satisfies Record<string, RequiredDocument>;

/** SLA of the visit workflow: automatic assignment at intake, then a visit within a working week. */
const INSPECTION_SLA: Partial<Record<RequestState, number>> = {
  registered: 1,
  inspector_assigned: 3,
  visit_scheduled: 2,
  district_review: 3,
  awaiting_decision: 2,
  approved: 1,
  rejected: 1,
  response_issued: 10,
};

/** SLA of inquiries: usually answered from the file, so shorter district steps. */
const INQUIRY_SLA: Partial<Record<RequestState, number>> = {
  registered: 1,
  district_review: 2,
  inspector_assigned: 3,
  visit_scheduled: 2,
  awaiting_decision: 2,
  approved: 1,
  rejected: 1,
  response_issued: 10,
};

const notesField: FormField = {
  name: 'notes',
  labelFa: 'توضیحات',
  labelEn: 'Notes',
  type: 'textarea',
  required: false,
  maxLength: 2000,
};

/** Site checks shared by services; each service lists the ones its inspector answers. */
const CHECK = {
  landUse: { code: 'land_use_matches', labelFa: 'کاربری موجود با کاربری مصوب مطابق است', labelEn: 'Current use matches the approved land use' },
  area: { code: 'area_matches_deed', labelFa: 'مساحت عرصه با سند مطابق است', labelEn: 'Plot area matches the deed' },
  setback: { code: 'setback_respected', labelFa: 'عقب‌نشینی و بر اصلاحی رعایت شده است', labelEn: 'Street setback is respected' },
  floors: { code: 'floors_match_permit', labelFa: 'تعداد طبقات با پروانه مطابق است', labelEn: 'Number of floors matches the permit' },
  extraBuilding: { code: 'no_extra_building', labelFa: 'اضافه بنای بدون مجوز وجود ندارد', labelEn: 'No building beyond the permit' },
  parking: { code: 'parking_provided', labelFa: 'پارکینگ مطابق ضوابط تامین شده است', labelEn: 'Parking provided as required' },
  safety: { code: 'structural_safety', labelFa: 'ایمنی سازه و نما تایید می‌شود', labelEn: 'Structure and facade are safe' },
  route: { code: 'route_matches_map', labelFa: 'مسیر حفاری با نقشه ارائه‌شده مطابق است', labelEn: 'Excavation route matches the map' },
  utilitiesClear: { code: 'no_utility_conflict', labelFa: 'تداخلی با تاسیسات زیرزمینی دیگر ندارد', labelEn: 'No conflict with other underground utilities' },
  traffic: { code: 'traffic_plan_ok', labelFa: 'طرح ایمنی و ترافیک کارگاه مناسب است', labelEn: 'Work-site safety and traffic plan is adequate' },
} satisfies Record<string, ChecklistItem>;

export const SERVICES: ServiceDefinition[] = [
  {
    code: 'property_inspection',
    nameFa: 'تشکیل پرونده و درخواست بازدید',
    nameEn: 'Property file and inspection request',
    descriptionFa:
      'تشکیل پرونده شهرسازی برای ملک و ارجاع به مامور بازدید منطقه؛ گزارش بازدید پایه‌ی خدمات بعدی مانند صدور پروانه و گواهی‌ها است.',
    descriptionEn:
      "Opens the property's urban-planning file and sends a district inspector; the visit report is the basis of later services such as permits and certificates.",
    category: 'inspection',
    workflowCode: 'inspection',
    inspectorSpecialty: 'urbanism',
    visitMinutes: 30,
    requiredDocuments: [DOC.deed, DOC.nationalCard, DOC.powerOfAttorney, DOC.renovationTaxReceipt],
    formFields: [
      {
        name: 'visitReason',
        labelFa: 'علت درخواست بازدید',
        labelEn: 'Reason for the visit',
        type: 'select',
        required: true,
        options: [
          { value: 'new_file', labelFa: 'تشکیل پرونده جدید', labelEn: 'New property file' },
          { value: 'building_permit', labelFa: 'درخواست صدور پروانه ساختمانی', labelEn: 'Building permit application' },
          { value: 'renovation', labelFa: 'تعمیرات اساسی', labelEn: 'Major renovation' },
          { value: 'change_of_use', labelFa: 'تغییر کاربری', labelEn: 'Change of land use' },
          { value: 'other', labelFa: 'سایر موارد', labelEn: 'Other' },
        ],
      },
      {
        name: 'requestedDate',
        labelFa: 'تاریخ پیشنهادی بازدید',
        labelEn: 'Preferred visit date',
        type: 'date',
        required: false,
        helpFa: 'تاریخ قطعی بازدید را مامور بازدید تعیین می‌کند.',
      },
      {
        name: 'contactMobile',
        labelFa: 'تلفن همراه برای هماهنگی بازدید',
        labelEn: 'Mobile number to arrange the visit',
        type: 'mobile',
        required: false,
      },
      notesField,
    ],
    slaDays: INSPECTION_SLA,
    feeRials: 3_500_000,
    answerValidityDays: 180,
    answerPurposeFa: 'ادامه مراحل شهرسازی پرونده ملک، از جمله درخواست پروانه ساختمانی',
    inspectionChecklist: [CHECK.landUse, CHECK.area, CHECK.setback],
  },
  {
    code: 'bank_inquiry',
    nameFa: 'استعلام بانک',
    nameEn: 'Bank inquiry',
    descriptionFa:
      'پاسخ به نامه استعلام بانک درباره وضعیت شهرسازی ملک برای اعطای وام، تسهیلات یا پذیرش ملک به‌عنوان وثیقه. در صورت نیاز، منطقه دستور بازدید می‌دهد.',
    descriptionEn:
      "Answers a bank's letter about the property's planning status before a loan, a facility or accepting the property as collateral. The district may order a visit if needed.",
    category: 'inquiry',
    workflowCode: 'inquiry',
    inspectorSpecialty: 'urbanism',
    visitMinutes: 20,
    requiredDocuments: [
      { code: 'bank_letter', titleFa: 'نامه استعلام بانک', titleEn: "Bank's inquiry letter", required: true },
      DOC.deed,
      DOC.nationalCard,
      DOC.powerOfAttorney,
    ],
    formFields: [
      { name: 'bankName', labelFa: 'نام بانک', labelEn: 'Bank name', type: 'text', required: true, maxLength: 100 },
      { name: 'branchName', labelFa: 'نام شعبه', labelEn: 'Branch name', type: 'text', required: false, maxLength: 100 },
      { name: 'branchCode', labelFa: 'کد شعبه', labelEn: 'Branch code', type: 'text', required: true, maxLength: 20 },
      {
        name: 'bankLetterNumber',
        labelFa: 'شماره نامه بانک',
        labelEn: "Bank's letter number",
        type: 'text',
        required: true,
        maxLength: 50,
      },
      { name: 'bankLetterDate', labelFa: 'تاریخ نامه بانک', labelEn: "Date of the bank's letter", type: 'date', required: false },
      {
        name: 'purpose',
        labelFa: 'موضوع استعلام',
        labelEn: 'Purpose',
        type: 'select',
        required: true,
        options: [
          { value: 'mortgage', labelFa: 'وام رهنی', labelEn: 'Mortgage loan' },
          { value: 'facility', labelFa: 'تسهیلات', labelEn: 'Credit facility' },
          { value: 'guarantee', labelFa: 'ضمانت', labelEn: 'Guarantee / collateral' },
        ],
      },
      {
        name: 'loanAmountRials',
        labelFa: 'مبلغ وام (ریال)',
        labelEn: 'Loan amount (rials)',
        type: 'integer',
        required: false,
        min: 1,
      },
    ],
    slaDays: INQUIRY_SLA,
    feeRials: 2_500_000,
    answerValidityDays: 90,
    answerPurposeFa: 'ارائه به بانک استعلام‌کننده برای اعطای تسهیلات یا ترهین ملک',
    inspectionChecklist: [CHECK.landUse, CHECK.area, CHECK.extraBuilding],
  },
  {
    code: 'notary_transfer_inquiry',
    nameFa: 'استعلام دفترخانه برای نقل و انتقال',
    nameEn: 'Notary inquiry for a property transfer',
    descriptionFa:
      'پاسخ شهرداری به استعلام دفترخانه اسناد رسمی پیش از تنظیم سند انتقال؛ شامل وضعیت تخلفات ساختمانی، بدهی عوارض و طرح‌های مصوب.',
    descriptionEn:
      "The municipality's answer to a notary office before a transfer deed is drawn up: building violations, unpaid levies and approved plans.",
    category: 'inquiry',
    workflowCode: 'inquiry',
    inspectorSpecialty: 'urbanism',
    visitMinutes: 25,
    requiredDocuments: [
      {
        code: 'notary_letter',
        titleFa: 'نامه استعلام دفترخانه اسناد رسمی',
        titleEn: "Notary office's inquiry letter",
        required: true,
      },
      DOC.deed,
      DOC.nationalCard,
      {
        code: 'buyer_national_card',
        titleFa: 'کارت ملی خریدار',
        titleEn: "Buyer's national ID card",
        required: false,
      },
      DOC.renovationTaxReceipt,
      DOC.powerOfAttorney,
    ],
    formFields: [
      {
        name: 'notaryOfficeNumber',
        labelFa: 'شماره دفترخانه',
        labelEn: 'Notary office number',
        type: 'integer',
        required: true,
        min: 1,
        max: 9999,
      },
      { name: 'notaryCity', labelFa: 'شهر محل دفترخانه', labelEn: 'City of the notary office', type: 'text', required: true, maxLength: 100 },
      {
        name: 'notaryLetterNumber',
        labelFa: 'شماره نامه دفترخانه',
        labelEn: "Notary office's letter number",
        type: 'text',
        required: false,
        maxLength: 50,
      },
      { name: 'notaryLetterDate', labelFa: 'تاریخ نامه دفترخانه', labelEn: "Date of the notary office's letter", type: 'date', required: false },
      { name: 'buyerNationalCode', labelFa: 'کد ملی خریدار', labelEn: "Buyer's national code", type: 'national_code', required: true },
      {
        name: 'transferType',
        labelFa: 'نوع انتقال',
        labelEn: 'Type of transfer',
        type: 'select',
        required: true,
        options: [
          { value: 'sale', labelFa: 'فروش (بیع)', labelEn: 'Sale' },
          { value: 'gift', labelFa: 'هبه', labelEn: 'Gift' },
          { value: 'inheritance', labelFa: 'انتقال ارثی', labelEn: 'Inheritance' },
          { value: 'settlement', labelFa: 'صلح', labelEn: 'Settlement (solh)' },
          { value: 'exchange', labelFa: 'معاوضه', labelEn: 'Exchange' },
        ],
      },
    ],
    slaDays: INQUIRY_SLA,
    feeRials: 2_000_000,
    answerValidityDays: 30,
    answerPurposeFa: 'تنظیم سند انتقال رسمی در دفترخانه استعلام‌کننده',
    inspectionChecklist: [CHECK.landUse, CHECK.area, CHECK.extraBuilding],
  },
  {
    code: 'excavation_permit',
    nameFa: 'مجوز حفاری',
    nameEn: 'Excavation permit',
    descriptionFa:
      'صدور مجوز حفاری معابر برای شرکت‌های خدمات‌رسان (آب، برق، گاز، مخابرات) پس از بازدید کارشناس عمران از مسیر و تعیین ضوابط ترمیم.',
    descriptionEn:
      'Permit for utility companies (water, power, gas, telecom) to dig up streets, issued after a civil engineer inspects the route and sets the reinstatement terms.',
    category: 'permit',
    workflowCode: 'inspection',
    inspectorSpecialty: 'civil',
    visitMinutes: 40,
    requiredDocuments: [
      {
        code: 'utility_request_letter',
        titleFa: 'نامه درخواست شرکت خدمات‌رسان',
        titleEn: "Utility company's request letter",
        required: true,
      },
      { code: 'excavation_route_map', titleFa: 'نقشه مسیر حفاری', titleEn: 'Map of the excavation route', required: true },
      { code: 'contractor_contract', titleFa: 'قرارداد پیمانکار', titleEn: "Contractor's contract", required: true },
      {
        code: 'liability_insurance',
        titleFa: 'بیمه‌نامه مسئولیت مدنی',
        titleEn: 'Civil liability insurance policy',
        required: true,
      },
      {
        code: 'reinstatement_guarantee',
        titleFa: 'ضمانت‌نامه بانکی ترمیم آسفالت',
        titleEn: 'Bank guarantee for road reinstatement',
        required: false,
      },
    ],
    formFields: [
      {
        name: 'utilityCompany',
        labelFa: 'شرکت خدمات‌رسان',
        labelEn: 'Utility company',
        type: 'select',
        required: true,
        options: [
          { value: 'water', labelFa: 'آب و فاضلاب', labelEn: 'Water and sewerage' },
          { value: 'gas', labelFa: 'گاز', labelEn: 'Gas' },
          { value: 'electricity', labelFa: 'برق', labelEn: 'Electricity' },
          { value: 'telecom', labelFa: 'مخابرات', labelEn: 'Telecom' },
          { value: 'other', labelFa: 'سایر', labelEn: 'Other' },
        ],
      },
      { name: 'purpose', labelFa: 'هدف حفاری', labelEn: 'Purpose of the excavation', type: 'text', required: true, maxLength: 300 },
      { name: 'lengthMeters', labelFa: 'طول (متر)', labelEn: 'Length (m)', type: 'number', required: true, min: 0.5, max: 10000 },
      { name: 'widthMeters', labelFa: 'عرض (متر)', labelEn: 'Width (m)', type: 'number', required: true, min: 0.1, max: 10 },
      { name: 'depthMeters', labelFa: 'عمق (متر)', labelEn: 'Depth (m)', type: 'number', required: true, min: 0.1, max: 10 },
      { name: 'startDate', labelFa: 'تاریخ شروع عملیات', labelEn: 'Start date', type: 'date', required: true },
      {
        name: 'endDate',
        labelFa: 'تاریخ پایان عملیات',
        labelEn: 'End date',
        type: 'date',
        required: true,
        helpFa: 'ترمیم آسفالت باید تا این تاریخ انجام شود.',
      },
      { name: 'contractorName', labelFa: 'نام پیمانکار', labelEn: "Contractor's name", type: 'text', required: true, maxLength: 200 },
      {
        name: 'contractorMobile',
        labelFa: 'تلفن همراه پیمانکار',
        labelEn: "Contractor's mobile",
        type: 'mobile',
        required: false,
      },
    ],
    slaDays: INSPECTION_SLA,
    feeRials: 15_000_000,
    answerValidityDays: 30,
    answerPurposeFa: 'انجام عملیات حفاری در مسیر و بازه زمانی اعلام‌شده',
    inspectionChecklist: [CHECK.route, CHECK.utilitiesClear, CHECK.traffic],
  },
  {
    code: 'agency_inquiry',
    nameFa: 'استعلام ادارات',
    nameEn: 'Inquiry from another agency',
    descriptionFa:
      'پاسخ به استعلام ادارات و سازمان‌ها (مانند اداره ثبت، دادگستری و اداره مالیات) درباره وضعیت شهرسازی ملک.',
    descriptionEn:
      "Answers another agency (land registry, courts, tax office ...) about a property's planning status.",
    category: 'inquiry',
    workflowCode: 'inquiry',
    inspectorSpecialty: 'urbanism',
    visitMinutes: 20,
    requiredDocuments: [
      { code: 'agency_letter', titleFa: 'نامه استعلام اداره', titleEn: "Agency's inquiry letter", required: true },
      { ...DOC.deed, required: false },
    ],
    formFields: [
      { name: 'agencyName', labelFa: 'نام اداره یا سازمان', labelEn: 'Agency', type: 'text', required: true, maxLength: 200 },
      {
        name: 'agencyLetterNumber',
        labelFa: 'شماره نامه اداره',
        labelEn: "Agency's letter number",
        type: 'text',
        required: true,
        maxLength: 50,
      },
      { name: 'agencyLetterDate', labelFa: 'تاریخ نامه اداره', labelEn: "Date of the agency's letter", type: 'date', required: false },
      { name: 'subject', labelFa: 'موضوع استعلام', labelEn: 'Subject', type: 'textarea', required: true },
    ],
    slaDays: INQUIRY_SLA,
    feeRials: 1_500_000,
    answerValidityDays: 90,
    answerPurposeFa: 'ارائه به اداره استعلام‌کننده',
    inspectionChecklist: [CHECK.landUse, CHECK.area],
  },
  {
    code: 'no_violation_certificate',
    nameFa: 'گواهی عدم خلاف',
    nameEn: 'No-violation certificate',
    descriptionFa:
      'گواهی انطباق ساختمان در حال ساخت با پروانه تا مرحله اعلام‌شده، پس از بازدید کارشناس معماری؛ معمولاً برای دریافت تسهیلات بانکی یا پیش‌فروش لازم است.',
    descriptionEn:
      'Certifies, after an architect inspects it, that a building under construction matches its permit up to the stated stage; usually needed for bank loans or pre-sales.',
    category: 'certificate',
    workflowCode: 'inspection',
    inspectorSpecialty: 'architecture',
    visitMinutes: 45,
    requiredDocuments: [
      DOC.deed,
      DOC.nationalCard,
      DOC.buildingPermit,
      {
        code: 'supervisor_stage_report',
        titleFa: 'گزارش مرحله‌ای مهندس ناظر',
        titleEn: "Supervising engineer's stage report",
        required: true,
      },
      DOC.powerOfAttorney,
    ],
    formFields: [
      {
        name: 'buildingPermitNumber',
        labelFa: 'شماره پروانه ساختمان',
        labelEn: 'Building permit number',
        type: 'text',
        required: true,
        maxLength: 50,
      },
      {
        name: 'constructionStage',
        labelFa: 'مرحله ساخت',
        labelEn: 'Construction stage',
        type: 'select',
        required: true,
        options: [
          { value: 'foundation', labelFa: 'پی‌ریزی', labelEn: 'Foundation' },
          { value: 'frame', labelFa: 'اسکلت', labelEn: 'Structural frame' },
          { value: 'roof', labelFa: 'سقف', labelEn: 'Roofing' },
          { value: 'finishing', labelFa: 'نازک‌کاری', labelEn: 'Finishing' },
        ],
      },
      { name: 'floorsCount', labelFa: 'تعداد طبقات', labelEn: 'Number of floors', type: 'integer', required: true, min: 1, max: 60 },
      notesField,
    ],
    slaDays: INSPECTION_SLA,
    feeRials: 8_000_000,
    answerValidityDays: 180,
    answerPurposeFa: 'ارائه به بانک یا دفترخانه برای اثبات انطباق بنا با پروانه تا مرحله اعلام‌شده',
    inspectionChecklist: [CHECK.landUse, CHECK.floors, CHECK.extraBuilding, CHECK.setback],
  },
  {
    code: 'completion_certificate',
    nameFa: 'گواهی پایان کار',
    nameEn: 'Completion certificate',
    descriptionFa:
      'صدور گواهی پایان کار ساختمان پس از اتمام عملیات ساختمانی، بازدید کارشناس عمران و تایید گزارش نهایی مهندس ناظر.',
    descriptionEn:
      "Completion certificate for a finished building, after a civil engineer's visit and approval of the supervising engineer's final report.",
    category: 'certificate',
    workflowCode: 'inspection',
    inspectorSpecialty: 'civil',
    visitMinutes: 60,
    requiredDocuments: [
      DOC.deed,
      DOC.nationalCard,
      DOC.buildingPermit,
      {
        code: 'supervisor_final_report',
        titleFa: 'گزارش پایان عملیات ساختمانی مهندس ناظر',
        titleEn: "Supervising engineer's final report",
        required: true,
      },
      {
        code: 'fire_safety_approval',
        titleFa: 'تاییدیه ایمنی آتش‌نشانی',
        titleEn: 'Fire-safety approval',
        required: false,
      },
      DOC.powerOfAttorney,
    ],
    formFields: [
      {
        name: 'buildingPermitNumber',
        labelFa: 'شماره پروانه ساختمان',
        labelEn: 'Building permit number',
        type: 'text',
        required: true,
        maxLength: 50,
      },
      {
        name: 'supervisorEngineer',
        labelFa: 'نام مهندس ناظر',
        labelEn: 'Supervising engineer',
        type: 'text',
        required: true,
        maxLength: 200,
      },
      {
        name: 'builtArea',
        labelFa: 'زیربنای کل (متر مربع)',
        labelEn: 'Total built area (m²)',
        type: 'number',
        required: true,
        min: 1,
        max: 1_000_000,
      },
      { name: 'floorsCount', labelFa: 'تعداد طبقات', labelEn: 'Number of floors', type: 'integer', required: true, min: 1, max: 60 },
      { name: 'hasParking', labelFa: 'پارکینگ دارد', labelEn: 'Has parking', type: 'boolean', required: true },
    ],
    slaDays: INSPECTION_SLA,
    feeRials: 20_000_000,
    answerValidityDays: 365,
    answerPurposeFa: 'ثبت سند تفکیکی، دریافت انشعابات و نقل و انتقال رسمی ساختمان',
    inspectionChecklist: [CHECK.floors, CHECK.extraBuilding, CHECK.parking, CHECK.safety],
  },
];
