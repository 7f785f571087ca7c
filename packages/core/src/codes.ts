/**
 * What the browser codes of the H5 flow mean to a user, and what to do next. The catalog ships on
 * the result page (budget 1.2 KB with both locales), so it is packed: a title per code and per
 * subCode, and one message per action, composed at run time.
 */

/** Languages of the texts. */
export type Locale = 'zh-CN' | 'en';

/** What the page should do next; `check-server` means ask DescribeFaceVerify before showing a verdict. */
export type VerifyAction = 'done' | 'retry' | 'check-server' | 'switch-browser' | 'contact-support';

/** A user-facing explanation of a browser code. */
export interface CodeDescription {
  title: string;
  message: string;
  action: VerifyAction;
}

/** Browser codes from the seeds; a code's slot is its index + 1, slot 0 is an unknown code. */
const CODES = [1000, 1001, 1003, 2002, 2003, 2006];

/** Actions in catalog order; the texts' last four entries are their messages, in this order. */
const ACTIONS: VerifyAction[] = ['retry', 'check-server', 'switch-browser', 'contact-support'];

/** Action (index into ACTIONS) per slot: unknown, the six codes, then Z5051–Z5056. */
const ACTION_OF = '1100001000203';

/**
 * `|`-separated: titles of slots 0–12 (unknown, codes, subCodes), then the message of each action.
 * Titles are the seeds' wording, shortened hard (this ships on the return page); messages say what
 * the user can do.
 */
const ZH =
  '结果未知|刷脸成功|系统错误|验证中断|网络错误|设备时间错误|刷脸失败|上传失败|数据异常|网络错误|摄像头不可用|用户退出|重试过多|请重试|待服务端确认|请开启摄像头或换浏览器|请联系客服';
const EN =
  'Unknown result|Scan done|System error|Interrupted|Network error|Clock wrong|Scan failed|Upload failed|Data error|Network error|No camera|User exited|Too many tries|Try again|Awaiting server|Allow camera or switch browser|Contact support';

/**
 * Title, message and next action for a browser `code` and optional `subCode` (locale default
 * zh-CN). A known subCode (Z5051–Z5056) names the cause and decides the action, except under 1000
 * and 2006, which always defer to the server (1000 is reference only). Unknown codes get a generic
 * text.
 */
export function describeVerifyCode(
  code: number,
  subCode?: string,
  locale?: Locale,
): CodeDescription {
  const text = (locale === 'en' ? EN : ZH).split('|');
  let slot = CODES.indexOf(code) + 1;
  const sub = /^Z505([1-6])$/.exec('' + subCode);
  // Subcode slots 7–12 replace the code slot, but never under 1000 (slot 1) or 2006 (slot 6),
  // the two slots where `slot % 5 - 1` is 0.
  if (sub && (slot % 5) - 1) slot = 6 + +(sub[1] as string);
  const action = +(ACTION_OF[slot] as string);
  return {
    title: text[slot] as string,
    message: text[13 + action] as string,
    action: ACTIONS[action] as VerifyAction,
  };
}
