/**
 * What the browser `code` and `subCode` of the H5 flow (seeds: 结果说明 / subCode说明) mean to a
 * user, and what to do next, in zh-CN and en: one row per code and per subCode, each with its own
 * text and action. The catalog ships on the return page, so its texts are short.
 */

/** Languages of the texts. */
export type Locale = 'zh-CN' | 'en';

/**
 * What the page should do next. `check-server`: ask DescribeFaceVerify before showing a verdict;
 * `check-camera`: let the page use the camera, then retry; `fix-clock`: set the device's date and
 * time, then retry. `done` and `switch-browser` are part of the contract; the browser codes of the
 * seeds do not call for them.
 */
export type VerifyAction =
  | 'done'
  | 'retry'
  | 'check-server'
  | 'check-camera'
  | 'fix-clock'
  | 'switch-browser'
  | 'contact-support';

/** A user-facing explanation of a browser code. */
export interface CodeDescription {
  title: string;
  message: string;
  action: VerifyAction;
}

/** A title and the message below it. */
type Text = readonly [title: string, message: string];

/**
 * One row: the action, the zh-CN text, the en text. Bytes: rows are tuples, not objects with named
 * fields, because the return page's budget (1.5 KB min+gzip with the decoder) has no room for the
 * 35 B those names cost.
 */
type Meaning = readonly [action: VerifyAction, zh: Text, en: Text];

/** Browser codes of the seeds. */
const CODES: Readonly<Record<number, Meaning>> = {
  1000: [
    'check-server',
    ['刷脸完成', '等待服务端确认。'],
    ['Scan done', 'The server will confirm it.'],
  ],
  1001: ['retry', ['系统错误', '请稍后重试。'], ['System error', 'Try again later.']],
  1003: ['retry', ['认证中断', '请重新开始。'], ['Interrupted', 'Start again.']],
  2002: [
    'retry',
    ['网络错误', '请检查网络后重试。'],
    ['Network error', 'Check your network and try again.'],
  ],
  2003: [
    'fix-clock',
    ['设备时间错误', '请将时间设为自动后重试。'],
    ['Clock is wrong', 'Set your clock to automatic and try again.'],
  ],
  2006: [
    'check-server',
    ['刷脸未通过', '正在查询原因。'],
    ['Scan failed', 'Asking the server why.'],
  ],
};

/** SubCodes of the seeds: each names its own cause. */
const SUB_CODES: Readonly<Record<string, Meaning>> = {
  Z5051: [
    'retry',
    ['上传失败', '请换稳定的网络重试。'],
    ['Upload failed', 'Try again on a stable network.'],
  ],
  Z5052: [
    'retry',
    ['数据错误', '请重试或联系客服。'],
    ['Data error', 'Try again or contact support.'],
  ],
  Z5053: [
    'retry',
    ['网络中断', '请检查网络后重试。'],
    ['Network lost', 'Check your network and try again.'],
  ],
  Z5054: [
    'check-camera',
    ['摄像头不可用', '请开启摄像头权限或换浏览器。'],
    ['No camera', 'Allow camera access, or use another browser.'],
  ],
  Z5055: ['retry', ['已退出刷脸', '可随时重新开始。'], ['You exited', 'Start again when ready.']],
  Z5056: [
    'contact-support',
    ['重试次数过多', '请稍后再试或联系客服。'],
    ['Too many tries', 'Try later or contact support.'],
  ],
};

/** A code the seeds do not name: only the server can say what happened. */
const UNKNOWN: Meaning = [
  'check-server',
  ['结果未知', '等待服务端确认。'],
  ['Unknown result', 'The server will confirm it.'],
];

/**
 * Codes that keep their own text whatever the subCode: 1000 and 2006 defer to the server, which
 * knows more than any subCode (1000 is reference only), and 2003's fix is the clock.
 */
const CODE_DECIDES = [1000, 2003, 2006];

/**
 * Title, message and next action for a browser `code` and optional `subCode` (locale default
 * zh-CN). Under 1001, 1003, 2002 and unknown codes a known subCode (Z5051–Z5056) is the more
 * specific cause, so its text and action are used; under 1000, 2003 and 2006 the code decides.
 * Unknown codes without a known subCode defer to the server.
 */
export function describeVerifyCode(
  code: number,
  subCode?: string,
  locale?: Locale,
): CodeDescription {
  // A number never names an Object.prototype member; a subCode (`__proto__`, `constructor`) may.
  const byCode = CODES[code];
  const bySubCode = subCode && Object.hasOwn(SUB_CODES, subCode) ? SUB_CODES[subCode] : undefined;
  const [action, zh, en] =
    (CODE_DECIDES.includes(code) ? byCode : (bySubCode ?? byCode)) ?? UNKNOWN;
  const [title, message] = locale === 'en' ? en : zh;
  return { title, message, action };
}
