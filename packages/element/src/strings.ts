/**
 * The element's own view texts in zh-CN and en. Protocol texts (browser codes) come from core.
 * Short on purpose: every character ships in the one-file bundle, whose budget (scripts/size.mjs,
 * lit included) the element shares with core. Each text is written as a `[zh-CN, en]` pair, so a
 * translation sits next to its original and the key ships once instead of once per locale.
 */
import type { Locale } from '@aliyun-face-verify/core';

const TEXTS = {
  title: ['实人认证', 'Identity verification'],
  start: ['开始认证', 'Start verification'],
  guardTitle: ['此浏览器无法刷脸认证', "This browser can't verify your face"],
  guardBody: [
    '请用 Safari、Chrome、Edge 或 Firefox 通过 https 打开本页。',
    'Open this page over https in Safari, Chrome, Edge or Firefox.',
  ],
  openTitle: ['请在浏览器中打开', 'Open this page in your browser'],
  openSteps: [
    '点击右上角 ··· 或菜单，选择「在浏览器打开」，或复制本页链接到浏览器。',
    'Tap ··· or the menu at the top right and choose “Open in Browser”, or copy the link into your browser.',
  ],
  link: ['本页链接', 'Page link'],
  copy: ['复制', 'Copy'],
  copied: ['已复制', 'Copied'],
  copyFailed: ['请手动复制', 'Copy it by hand'],
  close: ['关闭', 'Close'],
  frameTitle: ['实人认证', 'Identity verification'],
  frameTimeout: [
    '认证页面已超过 30 分钟有效期，请重新认证。',
    'The verification page expired after 30 minutes. Please verify again.',
  ],
  guideTitle: ['开始前请了解', 'Before you start'],
  guide: [
    [
      '将打开阿里云认证页面，它会请求使用摄像头，请选择「允许」。',
      '请勿跳过授权页面，否则摄像头可能无法启动。',
    ],
    [
      "Alibaba Cloud's verification page opens next and asks for the camera: choose “Allow”.",
      "Don't skip the consent page, or the camera may not start.",
    ],
  ],
  continue: ['继续', 'Continue'],
  script: ['正在加载认证组件…', 'Loading the verification component…'],
  init: ['正在创建认证…', 'Starting the verification…'],
  redirect: ['正在打开认证页面…', 'Opening the verification page…'],
  alipay: ['正在打开支付宝…', 'Opening Alipay…'],
  describe: ['正在确认结果…', 'Confirming the result…'],
  errorTitle: ['出错了', 'Something went wrong'],
  retry: ['重试', 'Try again'],
  again: ['重新认证', 'Verify again'],
  scriptFailed: [
    '认证组件加载失败，请检查网络。',
    "The verification component didn't load. Check your connection.",
  ],
  network: ['网络异常，请检查网络。', 'Network error. Check your connection.'],
  timeout: ['请求超时，请重试。', 'The request timed out. Please try again.'],
  malformed: ['服务返回异常，请稍后再试。', 'The server sent a bad reply. Try again later.'],
  server: ['服务暂不可用，请稍后再试。', 'The service is unavailable. Try again later.'],
  rejected: ['请求被拒绝，请检查填写的信息。', 'The request was refused. Check your details.'],
  identity: ['姓名或证件号码有误。', 'Check your name and ID number.'],
  identityMissing: ['请填写姓名和身份证号。', 'Enter your name and ID number.'],
  device: [
    '此设备不支持刷脸，请更换设备。',
    "This device can't verify your face. Try another one.",
  ],
  tooMany: ['今日失败次数过多，请明天再试。', 'Too many failures today. Try again tomorrow.'],
  noSource: [
    '此身份暂不支持刷脸认证，请联系客服。',
    "Face verification isn't available for this identity. Contact support.",
  ],
  busy: ['操作太频繁，请稍后再试。', 'Too many attempts. Try again later.'],
  certifyUrl: [
    '认证地址不在允许范围内，已阻止跳转。',
    'The verification address is not allowed, so it was not opened.',
  ],
  scriptBlocked: [
    '认证组件地址不在允许范围内，已阻止加载。',
    "The verification component's address is not allowed, so it was not loaded.",
  ],
  unconfigured: ['页面未配置 init-url。', 'This page has no init-url.'],
  alipayOld: ['请升级支付宝后重试。', 'Update Alipay and try again.'],
  cancelled: ['已取消认证。', 'You cancelled the verification.'],
  unconfirmed: [
    '暂时无法确认结果，请重试。',
    "The result couldn't be confirmed yet. Please try again.",
  ],
  unreadable: ['无法读取认证结果。', "The verification result couldn't be read."],
  alipayTitle: ['在支付宝中认证', 'Verify in Alipay'],
  alipayOpen: ['打开支付宝', 'Open Alipay'],
  done: ['我已完成认证', "I've finished"],
  awaitingTitle: ['已提交，等待确认', 'Submitted, awaiting confirmation'],
  awaiting: ['结果以服务端核验为准。', "Only the server's check counts."],
  passedTitle: ['认证通过', 'Verified'],
  failedTitle: ['认证未通过', 'Not verified'],
  suspectTitle: ['结果待核实', 'Result needs checking'],
  forged: [
    '认证编号与本页发起的不一致，结果不可信。',
    "The verification ID doesn't match the one this page started; don't trust this result.",
  ],
  stale: [
    '认证发起已超过 30 分钟，结果已过期。',
    'This verification started over 30 minutes ago; the result has expired.',
  ],
  unmatched: [
    '此结果不是在当前浏览器标签页中发起的，无法在此确认。请重新认证。',
    'This result was not started in this browser tab, so it cannot be confirmed here. Please verify again.',
  ],
  reason: ['原因', 'Reason'],
  certifyId: ['认证编号', 'Verification ID'],
  requestId: ['请求编号', 'Request ID'],
  code: ['错误码', 'Error code'],
};

/** Every view text, keyed by role. */
export type UiStrings = { readonly [K in keyof typeof TEXTS]: (typeof TEXTS)[K][number] };

const pick = (index: 0 | 1): UiStrings =>
  Object.fromEntries(
    Object.entries(TEXTS).map(([key, pair]) => [key, pair[index]]),
  ) as unknown as UiStrings;

/** The texts per locale. */
export const STRINGS: Readonly<Record<Locale, UiStrings>> = { 'zh-CN': pick(0), en: pick(1) };

/**
 * The locale for a `lang` value: `en*` → en, anything else (or nothing) → zh-CN; `auto` → zh-CN
 * when `navigator.language` is Chinese, en otherwise (English serves other languages better).
 */
export function resolveLocale(lang: string | null | undefined): Locale {
  const value = (lang ?? '').toLowerCase();
  if (value === 'auto') return /^zh/i.test(globalThis.navigator?.language ?? '') ? 'zh-CN' : 'en';
  return value.startsWith('en') ? 'en' : 'zh-CN';
}
