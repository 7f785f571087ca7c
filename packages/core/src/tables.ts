/**
 * `@aliyun-face-verify/core/tables`: the service's Codes (InitFaceVerify, DescribeFaceVerify and
 * its SubCodes) in zh-CN and en, and how the merchant endpoint answers a failed InitFaceVerify.
 * Kept apart from the default entry: the texts weigh 2.5 KB, and only the server and logs need them.
 */
export * from './service-codes.js';
