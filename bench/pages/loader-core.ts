/**
 * MetaInfo through core: `getMetaInfo()` injects the script, waits for it and returns the
 * JSON string. The page imports only what it uses, as a user's bundler would tree-shake it.
 */
import { getMetaInfo } from '@aliyun-face-verify/core';
import { record } from './record.js';

const src = new URL('/jsvm/core.js', location.href).href;
getMetaInfo({ src }).then(record, (error: unknown) => record(`error: ${String(error)}`));
