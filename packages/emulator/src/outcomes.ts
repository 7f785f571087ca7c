/** The server-side verdict DescribeFaceVerify reports for an outcome (only for codes 1000 and 2006). */
export interface DescribeVerdict {
  /** `Passed`: T or F. */
  readonly passed: boolean;
  /** `SubCode` 200–210. */
  readonly subCode: '200' | '201' | '202' | '203' | '204' | '205' | '206' | '210';
}

/** A result a tester can pick on the certify page. */
export interface Outcome {
  /** Form value and stable id. */
  readonly id: OutcomeId;
  /** Button label (zh-CN). */
  readonly label: string;
  /** Button label (en). */
  readonly labelEn: string;
  /** Browser `code` in `response`. */
  readonly code: 1000 | 1001 | 1003 | 2002 | 2003 | 2006;
  /** Browser `subCode` (Z5051–Z5056), absent where the flow has none. */
  readonly subCode?: string;
  /** Browser `reason`. */
  readonly reason: string;
  /** What DescribeFaceVerify answers afterwards; absent → the record stays incomplete (424). */
  readonly verdict?: DescribeVerdict;
}

/** Every outcome id. */
export type OutcomeId =
  | 'pass'
  | 'pass-policy'
  | 'identity-mismatch'
  | 'identity-not-found'
  | 'photo-unavailable'
  | 'face-mismatch'
  | 'liveness-risk'
  | 'policy-limit'
  | 'too-many-retries'
  | 'upload-failed'
  | 'data-error'
  | 'network-error'
  | 'camera-unavailable'
  | 'user-exit'
  | 'device-clock';

/**
 * The outcomes, grouped as the page shows them. Browser codes follow the seeds (1000 success, 1001
 * system error, 1003 interrupted, 2002 network, 2003 device clock, 2006 face verification failed);
 * Z5052 answers 1003 "system error" because that is what real returns carry. Only 1000 and 2006
 * leave a verdict to query, matching the seeds' rule that DescribeFaceVerify answers 424 otherwise.
 */
export const OUTCOMES: readonly Outcome[] = Object.freeze([
  {
    id: 'pass',
    label: '认证通过',
    labelEn: 'Pass',
    code: 1000,
    reason: 'success',
    verdict: { passed: true, subCode: '200' },
  },
  {
    id: 'pass-policy',
    label: '策略判定通过',
    labelEn: 'Pass by security policy',
    code: 1000,
    reason: 'success',
    verdict: { passed: true, subCode: '210' },
  },
  {
    id: 'identity-mismatch',
    label: '姓名和身份证不一致',
    labelEn: 'Name and ID number do not match',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '201' },
  },
  {
    id: 'identity-not-found',
    label: '查询不到身份信息',
    labelEn: 'Identity not found',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '202' },
  },
  {
    id: 'photo-unavailable',
    label: '查询不到照片或照片不可用',
    labelEn: 'Reference photo unavailable',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '203' },
  },
  {
    id: 'face-mismatch',
    label: '人脸比对不一致',
    labelEn: 'Face mismatch',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '204' },
  },
  {
    id: 'liveness-risk',
    label: '活体检测存在风险',
    labelEn: 'Liveness risk',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '205' },
  },
  {
    id: 'policy-limit',
    label: '业务策略限制',
    labelEn: 'Blocked by business policy',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '206' },
  },
  {
    id: 'too-many-retries',
    label: '重试次数过多',
    labelEn: 'Too many retries',
    code: 2006,
    subCode: 'Z5056',
    reason: 'retry too many times',
    verdict: { passed: false, subCode: '204' },
  },
  {
    id: 'upload-failed',
    label: '上传刷脸图片失败',
    labelEn: 'Face image upload failed',
    code: 1001,
    subCode: 'Z5051',
    reason: 'upload face image failed',
  },
  {
    id: 'data-error',
    label: '数据错误或程序异常',
    labelEn: 'Data error',
    code: 1003,
    subCode: 'Z5052',
    reason: 'system error',
  },
  {
    id: 'network-error',
    label: '网络错误',
    labelEn: 'Network error',
    code: 2002,
    subCode: 'Z5053',
    reason: 'network error',
  },
  {
    id: 'camera-unavailable',
    label: '摄像头无权限或不可用',
    labelEn: 'Camera unavailable',
    code: 1003,
    subCode: 'Z5054',
    reason: 'camera permission denied',
  },
  {
    id: 'user-exit',
    label: '用户退出',
    labelEn: 'User exits',
    code: 1003,
    subCode: 'Z5055',
    reason: 'user exit',
  },
  {
    id: 'device-clock',
    label: '设备时间错误',
    labelEn: 'Device clock wrong',
    code: 2003,
    reason: 'device time error',
  },
]);

/** Looks an outcome up by id. */
export function findOutcome(id: string): Outcome | undefined {
  return OUTCOMES.find((o) => o.id === id);
}
