/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) on the wire. Field names are the
 * spec's, snake_case, exactly; the JSON schemas below also serialise the JSON answers, so nothing
 * beyond them is ever sent. Each answer is JSON or, the same document, XML (Spark convention).
 */
import { Type, type TSchema } from 'typebox';
import { Nullable, Text } from '../../platform/schemas.js';

export const OPEN311_SPEC = 'http://wiki.open311.org/GeoReport_v2';
export const OPEN311_BASE = '/open311/v2';
/** The resource's format is its extension: /services.xml, /requests/1234567890.json. */
export const FORMAT_SUFFIX = '.:format(^(json|xml)$)';

const Format = Type.Enum(['json', 'xml'] as const, { description: 'The extension of the resource: json or xml' });
const ServiceCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' });
/** w3 date-time with its zone (http://www.w3.org/TR/NOTE-datetime), e.g. 2026-11-29T00:00:00Z or 2026-11-29T09:00:00+03:30. */
export const W3C_DATETIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$';

/** Parameters every Open311 call may carry. One city per deployment: jurisdiction_id is needed only when the database holds several. */
const common = {
  jurisdiction_id: Type.Optional(Type.String({ maxLength: 100, description: "The city's code (e.g. isfahan); only needed when the endpoint serves several cities" })),
  locale: Type.Optional(Type.String({ maxLength: 20, description: 'en for English names and messages; Persian otherwise (also read from Accept-Language)' })),
  api_key: Type.Optional(Type.String({ maxLength: 200, description: 'Accepted and ignored when reading: reads need no key' })),
};

export const CommonQuery = Type.Object(common, { additionalProperties: false });
export const FormatParams = Type.Object({ format: Format }, { additionalProperties: false });
export const ServiceParams = Type.Object({ service_code: Type.String({ maxLength: 64 }), format: Format }, { additionalProperties: false });
export const RequestParams = Type.Object({ service_request_id: Type.String({ maxLength: 64, description: 'The tracking code (کد رهگیری)' }), format: Format }, { additionalProperties: false });
export const TokenParams = Type.Object({ token: Type.String({ maxLength: 64 }), format: Format }, { additionalProperties: false });

export const RequestsQuery = Type.Object(
  {
    ...common,
    service_request_id: Type.Optional(Type.String({ pattern: '^\\d{10}(,\\d{10}){0,199}$', description: 'Tracking codes, comma-separated; overrides every other filter' })),
    service_code: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}(,[a-z][a-z0-9_]{1,63}){0,49}$', description: 'Service codes, comma-separated' })),
    start_date: Type.Optional(Type.String({ pattern: W3C_DATETIME, description: 'Earliest requested_datetime (w3 format, with zone)' })),
    end_date: Type.Optional(Type.String({ pattern: W3C_DATETIME, description: 'Latest requested_datetime; at most 90 days after start_date' })),
    status: Type.Optional(Type.String({ pattern: '^(open|closed)(,(open|closed))?$', description: 'open, closed, or both comma-separated' })),
  },
  { additionalProperties: false },
);

const AttributeValue = Type.Union([Text(4000), Type.Array(Text(4000), { maxItems: 50 })]);

export const RequestBody = Type.Object(
  {
    ...common,
    api_key: Type.Optional(Type.String({ maxLength: 200, description: 'Your API key (scope open311); may be sent in the query instead' })),
    service_code: ServiceCode,
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Type.Optional(Text(500)),
    address_id: Type.Optional(Type.String({ maxLength: 100, description: "The property's renovation code (کد نوسازی), the municipality's own property id" })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    device_id: Type.Optional(Text(200)),
    account_id: Type.Optional(Text(200)),
    first_name: Type.Optional(Text(100)),
    last_name: Type.Optional(Text(100)),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 -]{5,20}$' })),
    description: Type.Optional(Text(4000)),
    media_url: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 1000 })),
    attribute: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), AttributeValue, { description: 'attribute[code]=value; attribute[code][]=value for several values' }),
    ),
  },
  { additionalProperties: false },
);

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.Enum(['production', 'test'] as const),
      formats: Type.Array(Type.String()),
    }),
  ),
});

export const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Enum(['realtime', 'batch', 'blackbox'] as const),
  keywords: Type.String(),
  group: Type.String(),
});
export const Services = Type.Array(Service);

export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];

export const Attribute = Type.Object({
  variable: Type.Boolean(),
  code: Type.String(),
  datatype: Type.Enum(ATTRIBUTE_DATATYPES),
  required: Type.Boolean(),
  datatype_description: Nullable(Type.String()),
  order: Type.Integer({ minimum: 1 }),
  description: Type.String(),
  values: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Type.String() }))),
});

export const ServiceDefinition = Type.Object({ service_code: Type.String(), attributes: Type.Array(Attribute) });

export const Created = Type.Array(
  Type.Object({
    service_request_id: Type.String({ description: 'The tracking code (کد رهگیری)' }),
    token: Type.String({ description: 'Resolves to the same id at GET /tokens/{token}' }),
    service_notice: Nullable(Type.String()),
    account_id: Type.Null(),
  }),
);

export const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Enum(['open', 'closed'] as const),
  status_notes: Nullable(Type.String()),
  service_name: Nullable(Type.String()),
  service_code: Type.String(),
  description: Nullable(Type.String()),
  agency_responsible: Nullable(Type.String()),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String(),
  updated_datetime: Nullable(Type.String()),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});
export const ServiceRequests = Type.Array(ServiceRequest);

export const TokenAnswer = Type.Array(Type.Object({ service_request_id: Type.String(), token: Type.String() }));

export const Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));

/** One document, two media types: the JSON schema serialises JSON; XML is rendered from the same value. */
function wire(schema: TSchema) {
  return {
    content: {
      'application/json': { schema },
      'text/xml': { schema: Type.String({ description: 'The same document as XML, <?xml version="1.0" encoding="utf-8"?>' }) },
    },
  };
}

/** A route's answers: the document, and the spec's error list for 400 (bad input), 403 (api_key), 404 (unknown) and 429. */
export function open311Responses(ok: TSchema) {
  const errors = wire(Errors);
  return { 200: wire(ok), 400: errors, 403: errors, 404: errors, 429: errors };
}
