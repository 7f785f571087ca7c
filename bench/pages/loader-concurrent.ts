/**
 * 100 concurrent `getMetaInfo()` calls in one document: the runner counts the script requests the
 * server saw (must be 1) and this page reports how many distinct MetaInfo strings came back.
 */
import { getMetaInfo } from '@aliyun-face-verify/core';
import { record } from './record.js';

const CALLS = 100;
const src = new URL('/jsvm/concurrent.js', location.href).href;
Promise.all(Array.from({ length: CALLS }, () => getMetaInfo({ src }))).then(
  (all) => record(`${all.length} calls, ${new Set(all).size} distinct`),
  (error: unknown) => record(`error: ${String(error)}`),
);
