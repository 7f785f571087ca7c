/**
 * The demo's two languages. The choice comes from `?lang=`, then the last choice (localStorage), then
 * the browser; switching updates the page in place and the `lang` of every `<aliyun-face-verify>`.
 */

/** Languages the demo and the element both speak. */
export type Lang = 'zh-CN' | 'en';

const en = {
  'brand.name': 'Face Verify',
  'brand.tag': 'Merchant demo',
  'nav.label': 'Demo pages',
  'nav.home': 'Overview',
  'nav.plain': 'Plain HTML',
  'nav.spa': 'SPA · history',
  'nav.hash': 'SPA · hash',
  'nav.identity': 'Identity form',
  'nav.wechat': 'WeChat',
  'nav.alipay': 'Alipay',
  'nav.embed': 'Embedded (iframe)',
  'nav.csp': 'Strict CSP',
  'lang.label': 'Language',
  'mode.emulator':
    'Local emulator — nothing leaves this machine; pick any outcome on the emulator’s certify page.',
  'mode.cloud':
    'Alibaba Cloud ID Verification (cloudauth.aliyuncs.com) — real faces, real results.',
  'mode.unknown': 'Demo backend unreachable — start it with npm start.',
  'pill.emulator': 'Emulator',
  'pill.cloud': 'Alibaba Cloud',
  'pill.offline': 'Offline',
  'log.title': 'Event log',
  'log.hint': 'Every face-verify-* event the element fires, kept across the round trip.',
  'log.empty': 'No events yet. Start a verification to see them here.',
  'log.clear': 'Clear',
  'merchant.title': 'What your server knows',
  'merchant.browser': 'Browser result (reference only)',
  'merchant.server': 'DescribeFaceVerify (authoritative)',
  'merchant.waiting': 'Waiting for the verification to return…',
  'merchant.asking': 'Asking the server…',
  'merchant.passed': 'Passed',
  'merchant.failed': 'Not passed',
  'merchant.flagged': 'Flagged — not trusted',
  'merchant.none': 'No verification result on this page.',
  'merchant.notAsked': 'Not queried',
  'merchant.notAskedFlagged':
    'The result does not belong to the verification this tab started, so nothing is asked or granted.',
  'merchant.notAskedCode':
    'DescribeFaceVerify only has a verdict after code 1000 or 2006; the user can simply try again.',
  'merchant.error': 'Error',
  'merchant.code': 'code',
  'merchant.subCode': 'subCode',
  'merchant.certifyId': 'certifyId',
  'common.startOver': 'Start over',
  'common.backHome': 'Back to overview',
  'home.title': 'ID verification, end to end',
  'home.lead':
    'One tag runs the Alibaba Cloud 金融级实人认证 H5 flow: it collects MetaInfo, asks your server for a certify URL, hands the user to the hosted face scan and reads the result when they come back. Your server confirms it with DescribeFaceVerify.',
  'home.flow.title': 'How a verification flows',
  'home.flow.1': 'The page loads jsvm_all.js and collects MetaInfo.',
  'home.flow.2': 'Your server calls InitFaceVerify and returns a certify URL.',
  'home.flow.3': 'The user completes the hosted face scan.',
  'home.flow.4': 'The service redirects back with a response parameter — a hint, not proof.',
  'home.flow.5': 'Your server calls DescribeFaceVerify: that answer decides.',
  'home.pages.title': 'Try it',
  'home.open': 'Open',
  'card.plain': 'One script, one tag, and the result back on the same page.',
  'card.spa': 'History routing: the result returns to /spa/result, decoded once.',
  'card.hash': 'Hash routing: the result returns to #/result, decoded twice.',
  'card.identity': 'Name and ID number sent as initData, with the emulator’s test identities.',
  'card.wechat': 'The WeChat guide and the open-in-browser overlay, on any device.',
  'card.embed':
    'The certify page in a frame inside the page: no navigation, the page keeps its state.',
  'card.alipay':
    'The Alipay H5 scheme: the bridge inside Alipay (a stand-in here), the alipays:// link outside.',
  'card.csp': 'Nonce, strict-dynamic and Trusted Types: the flow still works.',
  'plain.title': 'Plain HTML page',
  'plain.lead':
    'One script tag and one element. The result comes back to this same page and is confirmed by the server.',
  'plain.card': 'Verify your identity to continue',
  'plain.cardLead': 'Takes about a minute. Have your ID card ready and find a well-lit place.',
  'spa.title': 'Single-page app · history routing',
  'spa.lead':
    'The return URL is the /spa/result route; the service appends response to the query string, decoded once.',
  'spa.step.start': 'Open an account',
  'spa.step.startLead':
    'Step 2 of 3: confirm it is really you. You will come back to the result page automatically.',
  'spa.step.result': 'Verification result',
  'spa.steps.account': 'Account details',
  'spa.steps.verify': 'Verify identity',
  'spa.steps.done': 'Done',
  'spa.notFound': 'This page does not exist.',
  'hash.title': 'Single-page app · hash routing',
  'hash.lead':
    'The return URL is #/result; the service puts response inside the hash, encoded twice.',
  'identity.title': 'Name and ID number',
  'identity.lead':
    'The element sends these fields to your server with MetaInfo (its initData). Your server passes them to InitFaceVerify and never echoes them back.',
  'identity.name': 'Full name',
  'identity.certNo': 'ID number (18 digits)',
  'identity.certNoHint': 'Mainland China resident ID card.',
  'identity.testIds': 'Emulator test identities',
  'identity.testIdsLead': 'Fictional people the emulator knows. Select one to fill the form.',
  'identity.use': 'Use',
  'identity.invalid': 'Enter a name and an 18-character ID number to continue.',
  'identity.cloudNote': 'Real cloud mode: enter a real identity you are allowed to verify.',
  'identity.formTitle': 'Who is being verified',
  'identity.continue': 'Continue',
  'identity.edit': 'Edit',
  'identity.colCertNo': 'ID number',
  'identity.colInit': 'InitFaceVerify',
  'embed.title': 'Verify inside the page',
  'embed.lead':
    'iframe mode (the official “iframe 内嵌接入”): the server asks InitFaceVerify for ReturnUrl “iframe” and the long CertifyUrl, the element frames it, and the result comes back by postMessage — read only from that frame and its origin, then confirmed by the server.',
  'embed.state': 'This page keeps its state',
  'embed.note': 'A note that must survive',
  'embed.card': 'Verify your identity',
  'alipay.title': 'Alipay H5',
  'alipay.lead':
    'The Alipay scheme: the merchant server calls SAF fin_face_verify instead of InitFaceVerify. Inside Alipay (10.1.32 or later) the element hands the certify URL to AlipayJSBridge; outside it offers an alipays:// link that opens Alipay. resultStatus 9000 only means “submitted”: the server’s query decides.',
  'alipay.simulate': 'Simulate',
  'alipay.ua.none': 'Outside Alipay',
  'alipay.ua.inside': 'Inside Alipay 10.5 (stand-in bridge)',
  'alipay.ua.old': 'Inside Alipay 10.1.22',
  'alipay.container': 'Alipay (stand-in)',
  'alipay.close': 'Close',
  'wechat.title': 'Inside WeChat',
  'wechat.lead':
    'WeChat needs the hosted guide page to start the camera, and WeChat on iOS before 14.3 cannot run the scan at all. Pick a simulated browser to see what those users get.',
  'wechat.simulate': 'Simulate',
  'wechat.ua.none': 'This browser',
  'wechat.ua.android': 'WeChat · Android',
  'wechat.ua.ios16': 'WeChat · iOS 16',
  'wechat.ua.ios140': 'WeChat · iOS 14.0',
  'wechat.verdict': 'Compatibility verdict',
  'wechat.barTitle': 'WeChat',
  'csp.title': 'Strict Content Security Policy',
  'csp.lead':
    'This page is served with a per-request nonce, strict-dynamic and require-trusted-types-for \u2019script\u2019. The whole flow still works.',
  'csp.policy': 'Policy sent with this page',
  'footer.note':
    'Unofficial demo. The browser result is untrusted until your server confirms it with DescribeFaceVerify.',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'brand.name': '实人认证',
  'brand.tag': '商户演示',
  'nav.label': '演示页面',
  'nav.home': '概览',
  'nav.plain': '纯 HTML',
  'nav.spa': 'SPA · History',
  'nav.hash': 'SPA · Hash',
  'nav.identity': '身份信息表单',
  'nav.wechat': '微信',
  'nav.alipay': '支付宝',
  'nav.embed': '页内嵌入（iframe）',
  'nav.csp': '严格 CSP',
  'lang.label': '语言',
  'mode.emulator': '本地模拟器：数据不会离开本机，可在模拟器认证页上选择任意结果。',
  'mode.cloud': '阿里云金融级实人认证（cloudauth.aliyuncs.com）：真实刷脸，真实结果。',
  'mode.unknown': '无法连接演示后端，请先运行 npm start。',
  'pill.emulator': '模拟器',
  'pill.cloud': '阿里云',
  'pill.offline': '离线',
  'log.title': '事件日志',
  'log.hint': '组件触发的每个 face-verify-* 事件，跳转往返后仍保留。',
  'log.empty': '暂无事件。发起一次认证后会显示在这里。',
  'log.clear': '清空',
  'merchant.title': '服务端掌握的结果',
  'merchant.browser': '浏览器回传结果（仅供参考）',
  'merchant.server': 'DescribeFaceVerify（以此为准）',
  'merchant.waiting': '等待认证返回……',
  'merchant.asking': '正在向服务端查询……',
  'merchant.passed': '认证通过',
  'merchant.failed': '认证未通过',
  'merchant.flagged': '已标记为可疑，不予采信',
  'merchant.none': '本页没有认证结果。',
  'merchant.notAsked': '未查询',
  'merchant.notAskedFlagged': '该结果不属于本标签页发起的认证，因此不查询、不放行。',
  'merchant.notAskedCode':
    'DescribeFaceVerify 仅在 code 为 1000 或 2006 时有结论，用户可直接重试。',
  'merchant.error': '错误',
  'merchant.code': 'code',
  'merchant.subCode': 'subCode',
  'merchant.certifyId': 'certifyId',
  'common.startOver': '重新开始',
  'common.backHome': '返回概览',
  'home.title': '实人认证，端到端',
  'home.lead':
    '一个标签完成阿里云金融级实人认证 H5 流程：采集 MetaInfo，向您的服务端换取认证地址，把用户交给托管的刷脸页面，用户返回后读取结果；最终结果由服务端调用 DescribeFaceVerify 确认。',
  'home.flow.title': '认证流程',
  'home.flow.1': '页面加载 jsvm_all.js 并采集 MetaInfo。',
  'home.flow.2': '服务端调用 InitFaceVerify，返回认证地址。',
  'home.flow.3': '用户在托管页面完成刷脸。',
  'home.flow.4': '服务跳回时携带 response 参数：仅供参考，不能作为凭证。',
  'home.flow.5': '服务端调用 DescribeFaceVerify，以其结果为准。',
  'home.pages.title': '立即体验',
  'home.open': '打开',
  'card.plain': '一个脚本、一个标签，结果回到同一页面。',
  'card.spa': 'History 路由：结果回到 /spa/result，解码一次。',
  'card.hash': 'Hash 路由：结果回到 #/result，解码两次。',
  'card.identity': '姓名和身份证号通过 initData 发送，附模拟器测试身份。',
  'card.wechat': '在任意设备上查看微信引导页和“在浏览器中打开”提示。',
  'card.embed': '认证页嵌在当前页面的 iframe 中：不跳转，页面状态保留。',
  'card.alipay':
    '支付宝 H5 方案：支付宝内走 JSBridge（此处为模拟），支付宝外提供 alipays:// 链接。',
  'card.csp': 'nonce、strict-dynamic 与 Trusted Types 下流程依然可用。',
  'plain.title': '纯 HTML 页面',
  'plain.lead': '一个 script 标签加一个组件。结果回到本页，并由服务端确认。',
  'plain.card': '请完成实人认证后继续',
  'plain.cardLead': '大约需要一分钟。请准备好身份证，并在光线充足的地方进行。',
  'spa.title': '单页应用 · History 路由',
  'spa.lead': '回跳地址是 /spa/result 路由；服务把 response 追加到查询参数中，解码一次。',
  'spa.step.start': '开户',
  'spa.step.startLead': '第 2 步（共 3 步）：确认是您本人。完成后会自动回到结果页。',
  'spa.step.result': '认证结果',
  'spa.steps.account': '账户信息',
  'spa.steps.verify': '实人认证',
  'spa.steps.done': '完成',
  'spa.notFound': '页面不存在。',
  'hash.title': '单页应用 · Hash 路由',
  'hash.lead': '回跳地址是 #/result；服务把 response 放在 hash 中，经过两次编码。',
  'identity.title': '姓名与身份证号',
  'identity.lead':
    '组件把这些字段（initData）与 MetaInfo 一起发送到您的服务端，服务端用它们调用 InitFaceVerify，且不会在响应中回显。',
  'identity.name': '姓名',
  'identity.certNo': '身份证号（18 位）',
  'identity.certNoHint': '中国大陆居民身份证。',
  'identity.testIds': '模拟器测试身份',
  'identity.testIdsLead': '模拟器内置的虚构人员，选择一个即可填入表单。',
  'identity.use': '使用',
  'identity.invalid': '请输入姓名和 18 位身份证号后继续。',
  'identity.cloudNote': '真实云端模式：请输入您有权认证的真实身份。',
  'identity.formTitle': '认证对象',
  'identity.continue': '下一步',
  'identity.edit': '修改',
  'identity.colCertNo': '身份证号',
  'identity.colInit': 'InitFaceVerify',
  'embed.title': '在页面内完成认证',
  'embed.lead':
    'iframe 模式（官方“iframe 内嵌接入”）：服务端以 ReturnUrl “iframe” 和长链接调用 InitFaceVerify，组件把认证页放进 iframe，结果通过 postMessage 返回——只接受该 iframe 及其来源的消息，再由服务端确认。',
  'embed.state': '本页状态会保留',
  'embed.note': '需要保留的备注',
  'embed.card': '验证您的身份',
  'alipay.title': '支付宝 H5',
  'alipay.lead':
    '支付宝方案：商户服务端调用 SAF fin_face_verify，而不是 InitFaceVerify。在支付宝 10.1.32 及以上版本内，组件把认证地址交给 AlipayJSBridge；在支付宝外则提供唤起支付宝的 alipays:// 链接。resultStatus 9000 仅表示“已提交”，以服务端查询为准。',
  'alipay.simulate': '模拟环境',
  'alipay.ua.none': '支付宝外',
  'alipay.ua.inside': '支付宝 10.5 内（模拟桥）',
  'alipay.ua.old': '支付宝 10.1.22 内',
  'alipay.container': '支付宝（模拟）',
  'alipay.close': '关闭',
  'wechat.title': '在微信中打开',
  'wechat.lead':
    '微信内需要保留托管的引导页才能启动摄像头；iOS 14.3 以下的微信无法完成刷脸。选择一个模拟环境，看看这些用户会看到什么。',
  'wechat.simulate': '模拟环境',
  'wechat.ua.none': '当前浏览器',
  'wechat.ua.android': '微信 · Android',
  'wechat.ua.ios16': '微信 · iOS 16',
  'wechat.ua.ios140': '微信 · iOS 14.0',
  'wechat.verdict': '兼容性判断',
  'wechat.barTitle': '微信',
  'csp.title': '严格内容安全策略（CSP）',
  'csp.lead':
    '本页使用每次请求生成的 nonce、strict-dynamic 以及 require-trusted-types-for \u2019script\u2019，完整流程依然可用。',
  'csp.policy': '本页的安全策略',
  'footer.note': '非官方演示。浏览器回传结果在服务端通过 DescribeFaceVerify 确认之前不可信。',
};

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zh };
const STORAGE_KEY = 'afv-demo:lang';

function isLang(value: string | null | undefined): value is Lang {
  return value === 'en' || value === 'zh-CN';
}

function initialLang(): Lang {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLang(stored)) return stored;
  } catch {
    // Storage can be blocked (privacy modes); the browser language is a fine fallback.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let current: Lang = initialLang();
const listeners = new Set<(lang: Lang) => void>();

/** The language in use. */
export function lang(): Lang {
  return current;
}

/** The message for `key` in the current language. */
export function t(key: MessageKey): string {
  return MESSAGES[current][key];
}

/** Switches language, remembers the choice and re-renders everything that subscribed. */
export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered across visits then; the switch itself still works.
  }
  applyLang();
  for (const listener of listeners) listener(next);
}

/** Runs `listener` after every language switch. */
export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.add(listener);
}

/**
 * Puts the current language on `<html lang>`, on every `[data-i18n]` text and on every
 * `<aliyun-face-verify>` (the element localises its own UI).
 */
export function applyLang(root: ParentNode = document): void {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = el.dataset['i18n'];
    if (key && key in en) el.textContent = t(key as MessageKey);
  }
  for (const el of root.querySelectorAll('aliyun-face-verify')) el.setAttribute('lang', current);
}
