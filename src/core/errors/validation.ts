import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { AnyDecorator, deferredDecorator } from '../openapi/api-docs';
import { ValidationFailed } from './domain-error';

/**
 * Request bodies are described once, as zod schemas: the same schema validates the request
 * (the global pipe below) and documents it in OpenAPI. Schemas are strict, so unknown
 * fields are refused rather than silently dropped.
 */
export interface SchemaDto<T extends z.ZodType = z.ZodType> {
  new (): z.infer<T>;
  schema: T;
}

export function schemaDto<T extends z.ZodType>(schema: T): SchemaDto<T> {
  return class {
    static schema = schema;
  } as unknown as SchemaDto<T>;
}

/**
 * Validates request bodies against their schema DTO, and refuses text no database can store in every path
 * parameter, query parameter and body field (the last as a safety net behind the schemas' own `text()`).
 */
@Injectable()
export class SchemaValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param' || metadata.type === 'query') {
      refuseUnstorable(value, metadata.data);
      return value;
    }
    const schema = (metadata.metatype as Partial<SchemaDto> | undefined)?.schema;
    if (!schema || metadata.type !== 'body') return value;
    if (value === undefined || value === null) {
      throw new ValidationFailed([{ field: '(body)', message: 'a JSON body is required' }]);
    }
    const result = schema.safeParse(value);
    if (!result.success) throw new ValidationFailed(toFieldErrors(result.error));
    refuseUnstorable(result.data, undefined);
    return result.data;
  }
}

function refuseUnstorable(value: unknown, name: string | undefined): void {
  const field = findUnstorableText(value);
  if (field === undefined) return;
  const path = [name, field].filter(Boolean).join('.');
  throw new ValidationFailed([{ field: path || '(body)', message: UNSTORABLE_TEXT }]);
}

export function toFieldErrors(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}

/** Documents a schema DTO as the request body in OpenAPI (its JSON schema is made when the document is). */
export function BodyOf(dto: SchemaDto) {
  return deferredDecorator(
    (swagger) =>
      swagger.ApiBody({
        schema: z.toJSONSchema(dto.schema, { unrepresentable: 'any', io: 'input' }) as object,
      }) as AnyDecorator,
  );
}

// Shared field schemas.

/**
 * Text the databases can store. PostgreSQL refuses a NUL character in text and JSON columns, and a surrogate
 * half without its partner is not Unicode at all (it cannot be encoded as UTF-8), so either would reach the
 * database as a 500 rather than a refusal. Every text field is built on `text()`.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

export const UNSTORABLE_TEXT = 'must not contain NUL characters or unpaired surrogate halves';

/** Any string: every request text field starts here (or from `line`, `slug`, `isoDate`, which build on it). */
export const text = () => z.string().refine(isStorableText, { message: UNSTORABLE_TEXT, abort: true });

/**
 * The path (`a.b.0`, `''` for the value itself) of the first string, or object key, in `value` that is not
 * storable text; undefined when there is none.
 */
export function findUnstorableText(value: unknown, path: string[] = []): string | undefined {
  // One path array for the whole walk, pushed and popped: no array made per field of a valid body.
  if (typeof value === 'string') return isStorableText(value) ? undefined : path.join('.');
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      const found = findUnstorableText(value[i], path);
      path.pop();
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      path.push(key);
      const found = isStorableText(key)
        ? findUnstorableText((value as Record<string, unknown>)[key], path)
        : path.join('.');
      path.pop();
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const isoDate = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isRealDate, 'is not a real calendar date');

export function isRealDate(value: string): boolean {
  // YYYY-MM-DD, a day that exists in that month of that year.
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const y = +value.slice(0, 4);
  const m = +value.slice(5, 7);
  const d = +value.slice(8, 10);
  if (!(y >= 1900 && y < 2200 && m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** Names, minute references and the like: one line, no control characters (they end up in mail headers). */
export const line = (max: number) =>
  text()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must be a single line without control characters');

export const email = z.email({ message: 'expected an email address' }).max(254);
export const slug = text().regex(
  /^[a-z0-9][a-z0-9-]{0,63}$/,
  'expected lower-case letters, digits and hyphens (e.g. leicester-city-ccg)',
);
