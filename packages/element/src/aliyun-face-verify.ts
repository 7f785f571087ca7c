/**
 * Registers `<aliyun-face-verify>`. The only module of the package with a side effect: importing
 * it twice, or next to another copy of the element, keeps the first definition.
 */
import { AliyunFaceVerify } from './face-verify/face-verify.js';

export * from './index.js';

/** The tag name this entry registers. */
export const TAG_NAME = 'aliyun-face-verify';

// `customElements` is absent in Node (SSR imports) and in very old WebViews: define only where it exists.
const registry = globalThis.customElements as CustomElementRegistry | undefined;
if (registry && !registry.get(TAG_NAME)) registry.define(TAG_NAME, AliyunFaceVerify);

declare global {
  interface HTMLElementTagNameMap {
    'aliyun-face-verify': AliyunFaceVerify;
  }
}
