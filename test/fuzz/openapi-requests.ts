import fc from 'fast-check';

// Write requests generated from the service's own OpenAPI document: every POST, PUT, PATCH and DELETE it
// describes, with bodies built from each operation's JSON schema, mostly well-formed so that the requests
// reach the workflow rules, and the rest broken in the ways callers break them. An endpoint added to the API
// is fuzzed as soon as it is in the document.

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
};

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: any }>>;
}

export interface WriteEndpoint {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, e.g. `/api/programmes/{id}/gates/{gateId}/decisions`. */
  path: string;
  params: string[];
  body?: Schema;
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

export function writeEndpoints(doc: OpenApiDocument): WriteEndpoint[] {
  const endpoints: WriteEndpoint[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of WRITE_METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      endpoints.push({
        method: method.toUpperCase() as WriteEndpoint['method'],
        path,
        params: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
        body: operation.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return endpoints;
}

/** An id to be chosen, when the request is sent, from what exists then (programme ids are only known then). */
export class Pick {
  constructor(
    readonly pool: string,
    readonly n: number,
  ) {}
}

/** A path segment sent exactly as it is (malformed percent-encoding, over-long). */
export class Raw {
  constructor(readonly segment: string) {}
}

export type Token = 'admin' | 'partnerships' | 'none' | 'bogus';

export type Payload =
  { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string } | { kind: 'none' };

export interface GeneratedRequest {
  endpoint: number;
  params: Record<string, Pick | Raw | string>;
  payload: Payload;
  token: Token;
}

/** Strings that have broken services before: NUL, lone surrogates, prototype names, the long and the empty. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'minute\u0000ref',
  '\uD800',
  'board \uDFFF',
  '\uDBFF\uDBFF',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  "'; DROP TABLE programme; --",
  'Ω≈ç√∫˜µ≤≥÷ 𝕿𝖍𝖊 🏥',
  '\r\nBcc: someone@example.com',
  '9999-12-31',
  '0000-00-00',
  '2015-02-29',
  'x'.repeat(5000),
];

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [null], { a: 1 }) },
);

export interface Vocabulary {
  /** Known slugs (party ids, gate ids, evidence items, workflow ids): slug fields mostly draw from these. */
  slugs: string[];
  /** Dates around the service's clock. */
  fromDate: string;
  toDate: string;
}

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

function dateArb(v: Vocabulary) {
  return fc
    .date({ min: new Date(v.fromDate), max: new Date(v.toDate), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
}

function stringArb(schema: Schema, v: Vocabulary): fc.Arbitrary<unknown> {
  if (schema.format === 'uuid') return fc.nat().map((n) => new Pick('id', n));
  if (schema.format === 'email') {
    return fc.constantFrom('helen.seth@example.nhs.uk', 'pmo@example.nhs.uk', 'kate.shields@example.nhs.uk');
  }
  if (schema.pattern === DATE_PATTERN) return dateArb(v);
  if (schema.pattern) {
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
    return /a-z0-9/.test(schema.pattern) && v.slugs.length
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...v.slugs) }, { weight: 1, arbitrary: matching })
      : matching;
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 300);
  return fc.oneof(
    { weight: 3, arbitrary: fc.lorem({ maxCount: 8 }).filter((s) => s.length >= min && s.length <= max) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: max }) },
  );
}

/** A value for `schema`: valid most of the time, nasty at each leaf some of the time. */
export function valueFor(schema: Schema | undefined, v: Vocabulary, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return nastyValue;
  const valid = validFor(schema, v, depth);
  return fc.oneof({ weight: 24, arbitrary: valid }, { weight: 1, arbitrary: nastyValue });
}

/** `arbitrary` one time in twenty, otherwise null. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 19, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

function validFor(schema: Schema, v: Vocabulary, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueFor(s, v, depth + 1)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object'];
  return fc.oneof(...types.map((type) => typed(type, schema, v, depth)));
}

function typed(type: string, schema: Schema, v: Vocabulary, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      // Bounded, and never below its minimum (a year, say, starts at 2000).
      const min = schema.minimum ?? -10;
      return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? min + 110, min + 1000)) });
    }
    case 'number': {
      const min = schema.minimum ?? -10;
      return fc.double({ min, max: Math.max(min, schema.maximum ?? min + 110), noNaN: true });
    }
    case 'string':
      return stringArb(schema, v);
    case 'array':
      return fc.array(valueFor(schema.items, v, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 10),
      });
    default:
      return objectFor(schema, v, depth);
  }
}

function objectFor(schema: Schema, v: Vocabulary, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const fields = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, valueFor(s, v, depth + 1)])),
    { requiredKeys: required.filter((k) => k in properties) },
  );
  const extraSchema = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const extras = extraSchema
    ? fc.dictionary(
        fc.oneof(fc.constantFrom(...v.slugs, 'constructor'), nastyString),
        valueFor(extraSchema, v, depth + 1),
        {
          maxKeys: 4,
        },
      )
    : fc.constant({});
  const unknownKey = rarely(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'id'), nastyValue));
  const dropRequired = rarely(fc.constantFrom(...(required.length ? required : ['-'])));
  return fc.tuple(fields, extras, unknownKey, dropRequired).map(([f, x, unknown, drop]) => {
    const value: Record<string, unknown> = {};
    // defineProperty, so that `__proto__` becomes a key of the JSON sent, not the object's prototype.
    for (const [key, item] of [...Object.entries(x), ...Object.entries(f)]) {
      Object.defineProperty(value, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    if (unknown) Object.defineProperty(value, unknown[0], { value: unknown[1], enumerable: true, configurable: true });
    if (drop) delete value[drop];
    return value;
  });
}

const pathNasty = fc.oneof(
  fc.constantFrom<string | Raw>(
    'constructor',
    '__proto__',
    'toString',
    '\u0000',
    '..',
    ' ',
    '00000000-0000-0000-0000-000000000000',
    new Raw('%E0%A4%A'),
    new Raw('%ED%A0%80'),
    new Raw('%'),
    new Raw('a'.repeat(101)),
    new Raw('%00'),
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
);

const payloadBroken: fc.Arbitrary<Payload> = fc.oneof(
  fc.constantFrom<Payload>(
    { kind: 'none' },
    { kind: 'raw', text: '{"partyId": ', contentType: 'application/json' },
    { kind: 'raw', text: '', contentType: 'application/json' },
    { kind: 'raw', text: 'null', contentType: 'application/json' },
    { kind: 'raw', text: '{"__proto__": {"admin": true}}', contentType: 'application/json' },
    { kind: 'raw', text: '{"constructor": {"prototype": {"x": 1}}}', contentType: 'application/json' },
    { kind: 'raw', text: 'partyId=tda&decision=approved', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'raw', text: 'a,b,c', contentType: 'text/csv' },
    { kind: 'raw', text: '{}', contentType: 'application/json; charset=latin1' },
    { kind: 'raw', text: `{"name":"${'x'.repeat(300 * 1024)}"}`, contentType: 'application/json' },
  ),
  nastyValue.map((value): Payload => ({ kind: 'json', value })),
);

/** Arbitrary write requests over `endpoints`; param values are drawn from named pools when sent. */
export function writeRequests(endpoints: WriteEndpoint[], v: Vocabulary): fc.Arbitrary<GeneratedRequest> {
  return fc.nat({ max: endpoints.length - 1 }).chain((index) => {
    const endpoint = endpoints[index];
    const params = fc.record(
      Object.fromEntries(
        endpoint.params.map((name) => [
          name,
          fc.oneof(
            { weight: 12, arbitrary: fc.nat().map((n) => new Pick(name, n)) },
            { weight: 1, arbitrary: pathNasty },
          ),
        ]),
      ) as Record<string, fc.Arbitrary<Pick | Raw | string>>,
    );
    const payload = fc.oneof(
      {
        weight: 12,
        arbitrary: (endpoint.body ? valueFor(endpoint.body, v) : fc.constant(undefined)).map((value): Payload =>
          value === undefined ? { kind: 'none' } : { kind: 'json', value },
        ),
      },
      { weight: 1, arbitrary: payloadBroken },
    );
    const token = fc.oneof(
      { weight: 16, arbitrary: fc.constant<Token>('admin') },
      { weight: 2, arbitrary: fc.constant<Token>('partnerships') },
      { weight: 1, arbitrary: fc.constantFrom<Token>('none', 'bogus') },
    );
    return fc.record({ endpoint: fc.constant(index), params, payload, token });
  });
}

/** Replaces each Pick in `value` with an id from its pool (or the `id` pool for uuid fields in bodies). */
export function resolvePicks(value: unknown, pools: Record<string, string[]>): unknown {
  if (value instanceof Pick) {
    const pool = pools[value.pool] ?? [];
    return pool.length ? pool[value.n % pool.length] : `no-${value.pool}`;
  }
  if (Array.isArray(value)) return value.map((item) => resolvePicks(item, pools));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: resolvePicks(item, pools), enumerable: true, configurable: true });
    }
    return out;
  }
  return value;
}
