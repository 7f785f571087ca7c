// A one-import entry for scripts/size.mjs: what a page pays for the InitFaceVerify failure table
// when it imports it from `@aliyun-face-verify/core/tables` (the source, not a stale dist/).
export { initFailureOf } from '../../packages/core/src/tables.js';
