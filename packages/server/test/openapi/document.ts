/**
 * The OpenAPI 3.1 document of the merchant endpoints, built from the zod schemas of record
 * (`@aliyun-face-verify/core/zod`), so a merchant whose server is not Node can implement the same
 * HTTP contract. `openapi.test.ts` keeps packages/server/openapi.json equal to it.
 */
import { z } from 'zod';
import * as schemas from '@aliyun-face-verify/core/zod';
import { STATUS_OF } from '../../src/http.js';

/** Schemas of core/zod that are the browser's own business, not the merchant endpoints'. */
export const BROWSER_SIDE = ['verifyResponsePayloadSchema', 'pendingRecordSchema'] as const;

type JsonObject = Record<string, unknown>;

/** `initRequestSchema` → `InitRequest`. */
const componentName = (exportName: string): string =>
  exportName.replace(/Schema$/, '').replace(/^./, (c) => c.toUpperCase());

/** Every merchant-side zod schema core exports, by component name (new ones are picked up). */
export function merchantSchemas(): Map<string, z.ZodType> {
  const found = new Map<string, z.ZodType>();
  for (const [name, value] of Object.entries(schemas)) {
    if (!(value instanceof z.ZodType) || (BROWSER_SIDE as readonly string[]).includes(name))
      continue;
    found.set(componentName(name), value);
  }
  return found;
}

/** One component: requests as the server accepts them, replies as it sends them. */
function jsonSchema(name: string, schema: z.ZodType): JsonObject {
  const io = /Request$/.test(name) ? 'input' : 'output';
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  // The document names the dialect once (jsonSchemaDialect); components do not repeat it.
  return Object.fromEntries(Object.entries(out).filter(([key]) => key !== '$schema'));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject) => ({ 'application/json': { schema } });

/** The error replies an endpoint can give, each a MerchantErrorBody. */
function errors(statuses: readonly number[]): JsonObject {
  const out: JsonObject = {};
  for (const status of statuses) {
    const codes = Object.entries(STATUS_OF)
      .filter(([, s]) => s === status)
      .map(([code]) => `\`${code}\``);
    const more: Record<number, string> = {
      403: '`unauthorized`: this caller may not read this verification',
      405: '`bad-request`: wrong method (with an `Allow` header)',
      413: '`bad-request`: body too large',
      415: '`bad-request`: not application/json',
      422: '`upstream-error`: InitFaceVerify Code 417, no comparison source for this identity',
      504: '`upstream-error`: the service timed out',
    };
    out[String(status)] = {
      description: more[status] ?? (codes.join(', ') || 'error'),
      content: json(ref('MerchantErrorBody')),
    };
  }
  return out;
}

/** The whole document. */
export function openApiDocument(): JsonObject {
  const components: JsonObject = {};
  for (const [name, schema] of merchantSchemas()) components[name] = jsonSchema(name, schema);
  const has = (name: string) => name in components;
  for (const name of ['InitRequest', 'InitResponse', 'DescribeRequest', 'DescribeResponse']) {
    if (!has(name)) throw new Error(`core/zod no longer exports the schema for ${name}`);
  }
  const post = (
    summary: string,
    description: string,
    request: string,
    reply: string,
    fail: number[],
  ) => ({
    post: {
      summary,
      description,
      requestBody: { required: true, content: json(ref(request)) },
      responses: { 200: { description: 'OK', content: json(ref(reply)) }, ...errors(fail) },
    },
  });
  const callbackParams = [
    [
      'certifyId',
      'The CertifyId the result is for.',
      { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    ],
    [
      'passed',
      'What the notification claims: `T` or `F` (not trusted).',
      { type: 'string', enum: ['T', 'F'] },
    ],
    [
      'subcode',
      'The SubCode it claims (200–210; absent on the Alipay path).',
      { type: 'string', pattern: '^\\d{3}$' },
    ],
    [
      'callbackToken',
      'The CallbackToken your server sent with InitFaceVerify.',
      { type: 'string' },
    ],
  ].map(([name, description, schema]) => ({
    name,
    in: 'query',
    required: name === 'certifyId' || name === 'callbackToken',
    description,
    schema,
  }));
  const callbackReply = {
    type: 'object',
    properties: { ok: { const: true } },
    required: ['ok'],
  };
  const callback = {
    summary: 'Result notification from the cloud (a trigger, not a verdict)',
    description:
      'Called by Alibaba Cloud at the CallbackUrl given to InitFaceVerify, with the fields in the query (GET) or as a form (POST). Check callbackToken in constant time, then ask DescribeFaceVerify (SAF query on the Alipay path, whose CallbackUrl carries flow=alipay) and act on that answer only, idempotently: the cloud retries until it sees a 2xx. 503 while the verification is unfinished, 404 for a CertifyId the service does not know.',
    parameters: callbackParams,
    responses: {
      200: { description: 'Accepted', content: json(callbackReply) },
      ...errors([400, 401, 404, 500, 502, 503]),
    },
  };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'aliyun-face-verify merchant endpoints',
      version: '0.1.0',
      license: { name: 'MIT', identifier: 'MIT' },
      description:
        'What <aliyun-face-verify> expects of your server, in any language. init calls InitFaceVerify (MetaInfo is the JSON string the page sends; OuterOrderNo, SceneId, ProductCode and the identity are your server\'s) and answers the CertifyId, the CertifyUrl and a ticket; describe takes the CertifyId with that ticket back, calls DescribeFaceVerify and answers the authoritative result (Passed === "T") to the same owner only. The ticket is opaque to the browser, which only echoes it: the Node handlers make it an expiring HMAC-signed string binding the CertifyId, the flow and the owner (the signed-in user); a server in another language may use any scheme that proves the same. Generated from @aliyun-face-verify/core/zod; see docs/non-node-server.md.',
    },
    paths: {
      '/api/face-verify/init': post(
        'Start a verification (InitFaceVerify)',
        "Validates the body (metaInfo must be the JSON string of getMetaInfo()'s object; returnUrl must be on an allowed origin), calls InitFaceVerify and answers its CertifyId and CertifyUrl.",
        'InitRequest',
        'InitResponse',
        [400, 405, 413, 415, 422, 429, 500, 502, 504],
      ),
      '/api/face-verify/describe': post(
        'The authoritative result (DescribeFaceVerify)',
        'Checks the ticket init answered (genuine, unexpired, for this certifyId and the caller who started it; else 403 unauthorized), then calls DescribeFaceVerify. Answer 409 not-ready while the cloud says 424 (no record yet).',
        'DescribeRequest',
        'DescribeResponse',
        [400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 502, 504],
      ),
      '/api/face-verify/handoff': post(
        'A link to continue on another browser or device',
        'For the signed-in caller only: seals the owner into a short-lived token (10 minutes) and answers pageUrl (on an allowed origin) with the token in its fragment (#afv-handoff=…). The other browser sends the token as `handoff` in its init, in place of a session.',
        'HandoffRequest',
        'HandoffResponse',
        [400, 401, 404, 405, 413, 415, 429, 500],
      ),
      '/api/face-verify/status': post(
        'The status of a handoff, for the browser that asked for it',
        'For the owner the token names only (403 otherwise): waiting (nothing started yet), in-progress (started in the other browser), or finished with the authoritative DescribeFaceVerify result.',
        'HandoffStatusRequest',
        'HandoffStatusResponse',
        [400, 403, 405, 413, 415, 429, 500, 502, 504],
      ),
      '/api/face-verify/callback': {
        get: callback,
        post: {
          ...callback,
          parameters: undefined,
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: {
                  type: 'object',
                  properties: Object.fromEntries(callbackParams.map((p) => [p.name, p.schema])),
                  required: callbackParams.filter((p) => p.required).map((p) => p.name),
                },
              },
            },
          },
        },
      },
    },
    components: { schemas: components },
  };
}

/** The file's text. */
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
