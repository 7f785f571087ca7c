/**
 * `@aliyun-face-verify/server`: the merchant endpoints of the Alibaba Cloud ID Verification H5
 * flow (init, describe, callback) as Fetch handlers on the official SDK, plus a Node adapter.
 */
export { createFaceVerifyHandlers } from './handlers.js';
export type { FaceVerifyHandlers } from './handlers.js';
export type {
  FaceVerifyCallbackEvent,
  FaceVerifyDescribedResult,
  FaceVerifyIdentity,
  FaceVerifyInitInfo,
  FaceVerifyResultEvent,
  FaceVerifyServerConfig,
  InitBody,
  MaskedIdentity,
  RateLimitRefusal,
} from './config.js';
export { DEFAULT_RATE_LIMITS } from './rate-limit.js';
export type { RateLimitedAction, RateWindow } from './rate-limit.js';
export type { TicketFlow } from './ticket.js';
export {
  BodyAlreadyReadError,
  createNodeMiddleware,
  sendFetchResponse,
  toFetchRequest,
  toNodeHandler,
} from './node.js';
export type {
  FetchHandler,
  NodeAdapterOptions,
  NodeCallOptions,
  NodeMiddleware,
  NodeRequest,
} from './node.js';
export { consoleLogger, silentLogger } from './logger.js';
export type { FaceVerifyLogger, LogFields } from './logger.js';
export { generateOuterOrderNo } from './order-no.js';
export type { CloudauthClient, DescribeFaceVerifyReply, InitFaceVerifyReply } from './sdk.js';
export type {
  DescribeRequest,
  DescribeResponse,
  InitRequest,
  InitResponse,
  MerchantErrorBody,
  MerchantErrorCode,
} from '@aliyun-face-verify/core';
