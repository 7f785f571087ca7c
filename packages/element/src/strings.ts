/**
 * The element's own view texts in zh-CN and en. Protocol texts (browser codes, service codes,
 * SubCodes) come from core; only what the views themselves say lives here.
 */
import type { Locale } from '@aliyun-face-verify/core';

/** Every view text, keyed by role. */
export interface UiStrings {
  title: string;
  intro: string;
  start: string;
  guardTitle: string;
  guardBody: string;
  details: string;
  openTitle: string;
  openWeChat: string;
  openOther: string;
  link: string;
  copy: string;
  copied: string;
  copyFailed: string;
  close: string;
  guideTitle: string;
  guide: readonly string[];
  continue: string;
  waitTitle: string;
  script: string;
  init: string;
  redirect: string;
  alipay: string;
  describe: string;
  errorTitle: string;
  retry: string;
  again: string;
  scriptFailed: string;
  scriptTimeout: string;
  scriptBroken: string;
  network: string;
  timeout: string;
  malformed: string;
  server: string;
  rejected: string;
  rateLimited: string;
  identity: string;
  certifyUrl: string;
  unconfigured: string;
  alipayOld: string;
  alipayFailed: string;
  alipayCancelled: string;
  describeFailed: string;
  notReady: string;
  unreadable: string;
  alipayTitle: string;
  alipayBody: string;
  alipayOpen: string;
  awaitingTitle: string;
  awaiting: string;
  passedTitle: string;
  passed: string;
  failedTitle: string;
  suspectTitle: string;
  forged: string;
  stale: string;
  reason: string;
  certifyId: string;
  requestId: string;
}

/** The texts per locale. */
export const STRINGS: Readonly<Record<Locale, UiStrings>> = {
  'zh-CN': {
    title: '实人认证',
    intro: '点击开始后，将跳转到阿里云认证页面完成刷脸。',
    start: '开始认证',
    guardTitle: '当前浏览器无法完成认证',
    guardBody:
      '请通过 https 链接，在 Safari（iOS 11 及以上）、Chrome、Edge、Firefox 等浏览器中打开本页面。',
    details: '技术信息',
    openTitle: '请在浏览器中打开',
    openWeChat: '点击右上角 ··· ，选择「在浏览器打开」。',
    openOther: '点击右上角菜单，选择在浏览器中打开，或复制下方链接到浏览器。',
    link: '页面链接',
    copy: '复制链接',
    copied: '链接已复制',
    copyFailed: '请选中链接后手动复制',
    close: '关闭',
    guideTitle: '开始前请了解',
    guide: [
      '接下来会打开阿里云的认证页面，请按提示操作。',
      '页面会请求使用摄像头，请选择「允许」。',
      '请不要跳过或关闭授权页面，否则摄像头可能无法启动。',
    ],
    continue: '继续',
    waitTitle: '请稍候',
    script: '正在加载认证组件…',
    init: '正在创建认证…',
    redirect: '正在打开认证页面…',
    alipay: '正在打开支付宝认证…',
    describe: '正在确认认证结果…',
    errorTitle: '出错了',
    retry: '重试',
    again: '重新认证',
    scriptFailed: '认证组件加载失败，请检查网络后重试。',
    scriptTimeout: '认证组件加载超时，请检查网络后重试。',
    scriptBroken: '认证组件无法在当前浏览器中运行，请换用系统浏览器。',
    network: '无法连接服务器，请检查网络后重试。',
    timeout: '服务器响应超时，请稍后重试。',
    malformed: '服务器返回了无法识别的数据，请稍后重试。',
    server: '服务暂时不可用，请稍后重试。',
    rejected: '请求被服务器拒绝，请检查填写的信息后重试。',
    rateLimited: '操作过于频繁，请稍后再试。',
    identity: '请先填写姓名和身份证号。',
    certifyUrl: '认证地址不在允许范围内，已阻止跳转。',
    unconfigured: '页面未配置认证接口（init-url）。',
    alipayOld: '支付宝版本过低，请升级后重试。',
    alipayFailed: '无法打开支付宝认证，请重试。',
    alipayCancelled: '您已取消认证。',
    describeFailed: '暂时无法确认认证结果，请重试。',
    notReady: '认证结果尚未生成，请稍后重试。',
    unreadable: '无法读取认证结果，请重新认证。',
    alipayTitle: '在支付宝中完成认证',
    alipayBody: '点击下方按钮打开支付宝完成刷脸，完成后回到本页面。',
    alipayOpen: '打开支付宝',
    awaitingTitle: '已提交，等待确认',
    awaiting: '认证结果以服务端核验为准。',
    passedTitle: '认证通过',
    passed: '服务端已确认本次认证通过。',
    failedTitle: '认证未通过',
    suspectTitle: '结果待核实',
    forged: '返回的认证编号与本页发起的不一致，此结果不可信。',
    stale: '本次认证发起已超过 30 分钟，此结果已过期。',
    reason: '原因',
    certifyId: '认证编号',
    requestId: '请求编号',
  },
  en: {
    title: 'Identity verification',
    intro: "Start to continue on Alibaba Cloud's verification page and scan your face.",
    start: 'Start verification',
    guardTitle: "This browser can't complete the verification",
    guardBody:
      'Open this page over https in a browser such as Safari (iOS 11 or later), Chrome, Edge or Firefox.',
    details: 'Technical details',
    openTitle: 'Open this page in your browser',
    openWeChat: 'Tap ··· in the top-right corner and choose “Open in Browser”.',
    openOther:
      'Use the menu in the top-right corner to open this page in your browser, or copy the link below into it.',
    link: 'Page link',
    copy: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'Select the link and copy it by hand',
    close: 'Close',
    guideTitle: 'Before you start',
    guide: [
      "Alibaba Cloud's verification page opens next; follow its steps.",
      'It asks to use the camera: choose “Allow”.',
      'Do not skip or close the consent page, or the camera may not start.',
    ],
    continue: 'Continue',
    waitTitle: 'Please wait',
    script: 'Loading the verification component…',
    init: 'Starting the verification…',
    redirect: 'Opening the verification page…',
    alipay: 'Opening Alipay verification…',
    describe: 'Confirming the result…',
    errorTitle: 'Something went wrong',
    retry: 'Try again',
    again: 'Verify again',
    scriptFailed: 'The verification component did not load. Check your network and try again.',
    scriptTimeout:
      'Loading the verification component timed out. Check your network and try again.',
    scriptBroken: 'The verification component cannot run in this browser. Try the system browser.',
    network: 'The server could not be reached. Check your network and try again.',
    timeout: 'The server took too long to answer. Please try again.',
    malformed: 'The server sent an answer that could not be read. Please try again later.',
    server: 'The service is unavailable right now. Please try again later.',
    rejected: 'The server refused the request. Check your details and try again.',
    rateLimited: 'Too many attempts. Please wait a moment and try again.',
    identity: 'Enter your name and ID number first.',
    certifyUrl: 'The verification address is not on the allowlist, so it was not opened.',
    unconfigured: 'This page has no verification endpoint (init-url).',
    alipayOld: 'This Alipay version is too old. Update Alipay and try again.',
    alipayFailed: 'Alipay verification could not be opened. Please try again.',
    alipayCancelled: 'You cancelled the verification.',
    describeFailed: 'The result could not be confirmed yet. Please try again.',
    notReady: 'The result is not ready yet. Please try again shortly.',
    unreadable: 'The verification result could not be read. Please verify again.',
    alipayTitle: 'Finish in Alipay',
    alipayBody: 'Open Alipay with the button below, scan your face, then come back to this page.',
    alipayOpen: 'Open Alipay',
    awaitingTitle: 'Submitted, awaiting confirmation',
    awaiting: 'The result counts only once the server confirms it.',
    passedTitle: 'Verified',
    passed: 'The server confirmed this verification.',
    failedTitle: 'Not verified',
    suspectTitle: 'Result needs checking',
    forged:
      'The returned verification ID differs from the one this page started; the result cannot be trusted.',
    stale: 'This verification started more than 30 minutes ago; the result has expired.',
    reason: 'Reason',
    certifyId: 'Verification ID',
    requestId: 'Request ID',
  },
};

/**
 * The locale for a `lang` value: `en*` → en, anything else (or nothing) → zh-CN; `auto` → zh-CN
 * when `navigator.language` is Chinese, en otherwise (English serves other languages better).
 */
export function resolveLocale(lang: string | null | undefined): Locale {
  const value = (lang ?? '').toLowerCase();
  if (value === 'auto') return /^zh/i.test(globalThis.navigator?.language ?? '') ? 'zh-CN' : 'en';
  return value.startsWith('en') ? 'en' : 'zh-CN';
}
