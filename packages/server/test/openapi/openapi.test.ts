// packages/server/openapi.json is generated from core's zod schemas (document.ts) and must stay
// equal to them. `UPDATE_OPENAPI=1 npx vitest run packages/server/test/openapi` rewrites it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as zodEntry from '@aliyun-face-verify/core/zod';
import { BROWSER_SIDE, merchantSchemas, openApiDocument, openApiText } from './document.js';
import { STATUS_OF } from '../../src/http.js';

const FILE = fileURLToPath(new URL('../../openapi.json', import.meta.url));

describe('openapi.json', () => {
  it('is up to date with the zod schemas of record', () => {
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(FILE, openApiText());
    expect(readFileSync(FILE, 'utf8')).toBe(openApiText());
  });

  it('has every merchant schema core exports, and only the browser-side ones are left out', () => {
    const exported = Object.keys(zodEntry).filter((name) => name.endsWith('Schema'));
    const named = [...merchantSchemas().keys()];
    expect(named.length + BROWSER_SIDE.length).toBe(exported.length);
    const schemas = (openApiDocument().components as { schemas: Record<string, unknown> }).schemas;
    expect(Object.keys(schemas).sort()).toEqual([...named].sort());
  });

  it('lists every merchant error code in the error body, and each status it is sent with', () => {
    const doc = JSON.parse(readFileSync(FILE, 'utf8')) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: { MerchantErrorBody: unknown } };
    };
    const body = JSON.stringify(doc.components.schemas.MerchantErrorBody);
    const statuses = new Set([
      ...Object.keys(doc.paths['/api/face-verify/init']?.post?.responses ?? {}),
      ...Object.keys(doc.paths['/api/face-verify/describe']?.post?.responses ?? {}),
    ]);
    for (const [code, status] of Object.entries(STATUS_OF)) {
      expect(body).toContain(`"${code}"`);
      expect(statuses).toContain(String(status));
    }
  });

  it('describes what the handlers accept: metaInfo as a string, returnUrl as a URL, the ticket', () => {
    const doc = openApiDocument() as {
      components: {
        schemas: { InitRequest: { properties: Record<string, unknown>; required: string[] } };
      };
    };
    const init = doc.components.schemas.InitRequest;
    expect(init.required).toContain('metaInfo');
    expect(init.properties.metaInfo).toMatchObject({ type: 'string' });
    expect(init.properties.returnUrl).toMatchObject({ type: 'string', format: 'uri' });
    // The owner binding: init answers a ticket that describe takes back.
    expect(JSON.stringify(openApiDocument().components)).toMatch(/"ticket"/);
  });
});
