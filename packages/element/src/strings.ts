/**
 * The element's own view texts in zh-CN and en. Protocol texts (browser codes) come from core.
 * Short on purpose: every character ships in the one-file bundle, whose budget (12 KB min+gzip,
 * lit included) the element shares with core.
 */
import type { Locale } from '@aliyun-face-verify/core';

/** Every view text, keyed by role. */
export interface UiStrings {
  title: string;
  start: string;
  guardTitle: string;
  guardBody: string;
  openTitle: string;
  openSteps: string;
  link: string;
  copy: string;
  copied: string;
  copyFailed: string;
  close: string;
  guideTitle: string;
  guide: readonly string[];
  continue: string;
  script: string;
  init: string;
  redirect: string;
  alipay: string;
  describe: string;
  errorTitle: string;
  retry: string;
  again: string;
  scriptFailed: string;
  network: string;
  timeout: string;
  malformed: string;
  server: string;
  rejected: string;
  identity: string;
  device: string;
  tooMany: string;
  noSource: string;
  busy: string;
  certifyUrl: string;
  unconfigured: string;
  alipayOld: string;
  cancelled: string;
  unconfirmed: string;
  unreadable: string;
  alipayTitle: string;
  alipayOpen: string;
  done: string;
  awaitingTitle: string;
  awaiting: string;
  passedTitle: string;
  failedTitle: string;
  suspectTitle: string;
  forged: string;
  stale: string;
  reason: string;
  certifyId: string;
  requestId: string;
  code: string;
}

/** The texts per locale. */
export const STRINGS: Readonly<Record<Locale, UiStrings>> = {
  'zh-CN': {
    title: '实人认证',
    start: '开始认证',
    guardTitle: '此浏览器无法刷脸认证',
    guardBody: '请用 Safari、Chrome、Edge 或 Firefox 通过 https 打开本页。',
    openTitle: '请在浏览器中打开',
    openSteps: '点击右上角 ··· 或菜单，选择「在浏览器打开」，或复制本页链接到浏览器。',
    link: '本页链接',
    copy: '复制',
    copied: '已复制',
    copyFailed: '请手动复制',
    close: '关闭',
    guideTitle: '开始前请了解',
    guide: [
      '将打开阿里云认证页面，它会请求使用摄像头，请选择「允许」。',
      '请勿跳过授权页面，否则摄像头可能无法启动。',
    ],
    continue: '继续',
    script: '正在加载认证组件…',
    init: '正在创建认证…',
    redirect: '正在打开认证页面…',
    alipay: '正在打开支付宝…',
    describe: '正在确认结果…',
    errorTitle: '出错了',
    retry: '重试',
    again: '重新认证',
    scriptFailed: '认证组件加载失败，请检查网络。',
    network: '网络异常，请检查网络。',
    timeout: '请求超时，请重试。',
    malformed: '服务返回异常，请稍后再试。',
    server: '服务暂不可用，请稍后再试。',
    rejected: '请求被拒绝，请检查填写的信息。',
    identity: '姓名或证件号码有误。',
    device: '此设备不支持刷脸，请更换设备。',
    tooMany: '今日失败次数过多，请明天再试。',
    noSource: '此身份暂不支持刷脸认证，请联系客服。',
    busy: '操作太频繁，请稍后再试。',
    certifyUrl: '认证地址不在允许范围内，已阻止跳转。',
    unconfigured: '页面未配置 init-url。',
    alipayOld: '请升级支付宝后重试。',
    cancelled: '已取消认证。',
    unconfirmed: '暂时无法确认结果，请重试。',
    unreadable: '无法读取认证结果。',
    alipayTitle: '在支付宝中认证',
    alipayOpen: '打开支付宝',
    done: '我已完成认证',
    awaitingTitle: '已提交，等待确认',
    awaiting: '结果以服务端核验为准。',
    passedTitle: '认证通过',
    failedTitle: '认证未通过',
    suspectTitle: '结果待核实',
    forged: '认证编号与本页发起的不一致，结果不可信。',
    stale: '认证发起已超过 30 分钟，结果已过期。',
    reason: '原因',
    certifyId: '认证编号',
    requestId: '请求编号',
    code: '错误码',
  },
  en: {
    title: 'Identity verification',
    start: 'Start verification',
    guardTitle: "This browser can't verify your face",
    guardBody: 'Open this page over https in Safari, Chrome, Edge or Firefox.',
    openTitle: 'Open this page in your browser',
    openSteps:
      'Tap ··· or the menu at the top right and choose “Open in Browser”, or copy the link into your browser.',
    link: 'Page link',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Copy it by hand',
    close: 'Close',
    guideTitle: 'Before you start',
    guide: [
      "Alibaba Cloud's verification page opens next and asks for the camera: choose “Allow”.",
      "Don't skip the consent page, or the camera may not start.",
    ],
    continue: 'Continue',
    script: 'Loading the verification component…',
    init: 'Starting the verification…',
    redirect: 'Opening the verification page…',
    alipay: 'Opening Alipay…',
    describe: 'Confirming the result…',
    errorTitle: 'Something went wrong',
    retry: 'Try again',
    again: 'Verify again',
    scriptFailed: "The verification component didn't load. Check your connection.",
    network: 'Network error. Check your connection.',
    timeout: 'The request timed out. Please try again.',
    malformed: 'The server sent a bad reply. Try again later.',
    server: 'The service is unavailable. Try again later.',
    rejected: 'The request was refused. Check your details.',
    identity: 'Check your name and ID number.',
    device: "This device can't verify your face. Try another one.",
    tooMany: 'Too many failures today. Try again tomorrow.',
    noSource: "Face verification isn't available for this identity. Contact support.",
    busy: 'Too many attempts. Try again later.',
    certifyUrl: 'The verification address is not allowed, so it was not opened.',
    unconfigured: 'This page has no init-url.',
    alipayOld: 'Update Alipay and try again.',
    cancelled: 'You cancelled the verification.',
    unconfirmed: "The result couldn't be confirmed yet. Please try again.",
    unreadable: "The verification result couldn't be read.",
    alipayTitle: 'Verify in Alipay',
    alipayOpen: 'Open Alipay',
    done: "I've finished",
    awaitingTitle: 'Submitted, awaiting confirmation',
    awaiting: "Only the server's check counts.",
    passedTitle: 'Verified',
    failedTitle: 'Not verified',
    suspectTitle: 'Result needs checking',
    forged: "The verification ID doesn't match the one this page started; don't trust this result.",
    stale: 'This verification started over 30 minutes ago; the result has expired.',
    reason: 'Reason',
    certifyId: 'Verification ID',
    requestId: 'Request ID',
    code: 'Error code',
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
