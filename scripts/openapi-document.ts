import type { INestApplication } from '@nestjs/common';
import { resolve } from 'node:path';
import { openApiDocument } from '../src/core/openapi/api-docs';

// The committed openapi.json is this document with its keys sorted, so that where an
// engineer registers a controller does not reorder the file and the diff shows only
// what changed. Arrays keep their order: it carries meaning (parameters, enums).

export const OPENAPI_FILE = resolve(__dirname, '../openapi.json');

export function openApiJson(app: INestApplication): string {
  return canonicalJson(openApiDocument(app));
}

export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
