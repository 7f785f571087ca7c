/**
 * MetaInfo through core: `getMetaInfo()` injects the script, waits for it and returns the
 * JSON string. The page imports only what it uses, as a user's bundler would tree-shake it. The
 * script URL comes from a meta tag, so the same bundle serves the page with a preload hint too.
 */
import { getMetaInfo } from '@aliyun-face-verify/core';
import { record } from './record.js';

const path = document.querySelector<HTMLMetaElement>('meta[name="bench-jsvm"]')?.content;
const src = new URL(path ?? '/jsvm/core.js', location.href).href;
getMetaInfo({ src }).then(record, (error: unknown) => record(`error: ${String(error)}`));
