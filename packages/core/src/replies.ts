/**
 * Validators of the merchant server's replies (init and describe), for the element, the demo and
 * any React or Vue page that talks to the merchant endpoints itself. They mirror
 * `initResponseSchema` and `describeResponseSchema` in `core/zod`, the schemas of record; a
 * differential test keeps them identical (zod is too heavy for the page).
 */
import type { DescribeResponse, InitResponse } from './api-types.js';
import { isRecord } from './guard.js';

/** Longest certifyId accepted from the merchant server (the cloud's are about 32 characters). */
const MAX_CERTIFY_ID_LENGTH = 128;

/** Longest ticket accepted from the merchant server; the same cap as `core/zod`'s `MAX_TICKET_LENGTH`. */
const MAX_TICKET_LENGTH = 1024;

/** A non-empty string of at most `max` UTF-16 code units. */
const isText = (value: unknown, max = Infinity): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/**
 * The init endpoint's reply as an {@link InitResponse}, or `undefined` when it is not one. A web
 * reply (`flow` absent or `'web'`) needs `certifyId` and `certifyUrl`; an Alipay reply
 * (`flow: 'alipay'`) needs `certifyId` and `url`. `ticket`, when present, must be a non-empty
 * string of at most 1024 characters; an optional field that is present must hold a valid value
 * (`undefined` included: it is not absent). Unknown fields are dropped.
 */
export function parseInitResponse(json: unknown): InitResponse | undefined {
  if (!isRecord(json)) return undefined;
  const { flow, certifyId, certifyUrl, url, ticket } = json;
  if (!isText(certifyId, MAX_CERTIFY_ID_LENGTH)) return undefined;
  const common: { certifyId: string; ticket?: string } = { certifyId };
  if ('ticket' in json) {
    if (!isText(ticket, MAX_TICKET_LENGTH)) return undefined;
    common.ticket = ticket;
  }
  if (!('flow' in json)) return isText(certifyUrl) ? { ...common, certifyUrl } : undefined;
  if (flow === 'web') return isText(certifyUrl) ? { flow, ...common, certifyUrl } : undefined;
  if (flow === 'alipay') return isText(url) ? { flow, ...common, url } : undefined;
  return undefined;
}

/** The describe endpoint's reply as a {@link DescribeResponse}, or `undefined` when it is not one. Unknown fields are dropped. */
export function parseDescribeResponse(json: unknown): DescribeResponse | undefined {
  if (!isRecord(json)) return undefined;
  const { certifyId, passed, subCode, message } = json;
  return typeof certifyId === 'string' &&
    typeof passed === 'boolean' &&
    typeof subCode === 'string' &&
    typeof message === 'string'
    ? { certifyId, passed, subCode, message }
    : undefined;
}
