/**
 * `@aliyun-face-verify/core`: framework-free protocol helpers for the Alibaba Cloud ID Verification
 * (金融级实人认证) H5 web flow. Nothing here touches the DOM at import time.
 */
export * from './errors.js';
export * from './loader.js';
export * from './result.js';
export * from './message.js';
export * from './browser-codes.js';
export * from './redirect.js';
export * from './compat.js';
export * from './alipay.js';
export * from './api-types.js';
export * from './flow-rules.js';
export * from './replies.js';
