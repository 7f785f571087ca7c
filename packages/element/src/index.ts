/**
 * `@aliyun-face-verify/element`: the `<aliyun-face-verify>` class, its events and types. Importing
 * this entry registers nothing; import `@aliyun-face-verify/element/aliyun-face-verify.js` (or call
 * `customElements.define` yourself) to use the tag.
 */
export { AliyunFaceVerify, type CompatOverride } from './face-verify/face-verify.js';
export type { FaceVerifyInit, FaceVerifyInitRequest, Step as FaceVerifyStep } from './flows.js';
export type {
  FlowState as FaceVerifyState,
  ResultVerdict as FaceVerifyResultVerdict,
  Retry as FaceVerifyRetry,
} from './face-verify/face-verify.controller.js';
export type { Failure as FaceVerifyFailure } from './failures.js';
export * from './events.js';
export { STRINGS, resolveLocale, type UiStrings } from './strings.js';
