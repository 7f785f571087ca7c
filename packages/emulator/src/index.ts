/**
 * `@aliyun-face-verify/emulator`: a local stand-in for Alibaba Cloud ID Verification — a signed
 * OpenAPI endpoint the official SDK can call, the hosted certify page, and `jsvm_all.js`.
 */
export {
  API_VERSION,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_ACCESS_KEY_SECRET,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_SCENE_ID,
  JSVM_PATH,
  createEmulator,
  startEmulator,
} from './emulator.js';
export type { Emulator, EmulatorOptions, RunningEmulator, SceneOption } from './emulator.js';
export { TEST_IDENTITIES, isValidCertName, isValidCertNo } from './identity.js';
export type { TestIdentity } from './identity.js';
export { OUTCOMES } from './outcomes.js';
export type { DescribeVerdict, Outcome, OutcomeId } from './outcomes.js';
export type { ProductCode } from './store.js';
export { SAF_API_VERSION, SAF_SERVICE } from './saf.js';
export type { SafReplyForm } from './saf.js';
export { GATEWAY_ERRORS } from './api-error.js';
export type { GatewayErrorBody, GatewayErrorCode } from './api-error.js';
export { driveCertifyPage } from './driver.js';
export type { DriveOptions, DrivenPage } from './driver.js';
export { IFRAME_MESSAGE_FORMS, IFRAME_RETURN_URL } from './iframe.js';
export type { CertifyUrlStyle, IframeMessageForm } from './iframe.js';
