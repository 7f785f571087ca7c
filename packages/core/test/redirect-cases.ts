/**
 * Allowlist cases shared by the node and the browser tests, so that the real Chromium URL parser
 * (IDNA, IPv4/IPv6 spellings, forgiving slashes) is held to the same verdicts as Node's.
 */
export const EMULATOR = ['127.0.0.1:8787'];

/** [url, caller entries, allowed?] */
export const REDIRECT_CASES: readonly [string, readonly string[], boolean][] = [
  // The real hosts.
  ['http://m.alyms.cn/F4.xxxxxxx', [], true],
  ['https://m.alyms.cn/F4.AbC12', [], true],
  ['HTTPS://M.ALYMS.CN/F4.x', [], true],
  ['https://picker.antcloudauth.aliyuncs.com/gateway.do?biz_content=%7B%7D', [], true],
  ['https://picker.antcloudauth.aliyuncs.com:443/gateway.do', [], true],
  ['https://cloudauth.aliyun.com/h5/#/consent', [], true],
  ['http://picker.antcloudauth.aliyuncs.com/gateway.do', [], false],
  ['http://cloudauth.aliyun.com/x', [], false],
  // aliyuncs.com buckets and look-alikes.
  ['https://evil-bucket.oss-cn-shanghai.aliyuncs.com/page.html', [], false],
  ['https://xpicker.antcloudauth.aliyuncs.com/gateway.do', [], false],
  ['https://aliyun.com/', [], false],
  ['https://aliyun.com.evil.cn/', [], false],
  ['https://x.aliyun.com./', [], false],
  ['https://m.alyms.cn./F4', [], false],
  ['https://m.alyms.cn.evil.cn/F4', [], false],
  ['https://m.\u0430lyms.cn/F4', [], false],
  ['https://cloudauth.\u0430liyun.com/', [], false],
  ['https://m.alyms.cn%2eevil.cn/', [], false],
  // Fullwidth ｍ is mapped to m by IDNA: the browser goes to the genuine host, so it passes.
  ['https://\uff4d.alyms.cn/F4', [], true],
  // Userinfo, ports, schemes, forgiving spellings.
  ['https://user:pass@m.alyms.cn/F4', [], false],
  ['https://@m.alyms.cn/F4', [], false],
  ['https://m.alyms.cn@evil.com/F4', [], false],
  ['https://m.alyms.cn:8443/F4', [], false],
  ['javascript:alert(1)', [], false],
  ['data:text/html,x', [], false],
  ['//m.alyms.cn/F4', [], false],
  ['https:m.alyms.cn/F4', [], false],
  ['https:/m.alyms.cn/F4', [], false],
  ['https:///m.alyms.cn/F4', [], false],
  ['https:\\\\m.alyms.cn/F4', [], false],
  ['https://m.alyms.cn\\@evil.com/', [], false],
  // Whitespace and controls anywhere.
  [' https://m.alyms.cn/F4', [], false],
  ['https://m.alyms.cn/F4\n', [], false],
  ['https://m.al\tyms.cn/F4', [], false],
  ['https://m.alyms.cn/a\u200bb', [], false],
  ['https://m.alyms.cn/a\u00a0b', [], false],
  // Caller entries.
  ['http://127.0.0.1:8787/certify/tok', EMULATOR, true],
  ['http://127.0.0.1:8787/certify/tok', ['127.1:8787'], true],
  ['http://127.0.0.1:8788/certify/tok', EMULATOR, false],
  ['http://127.0.0.1/certify/tok', EMULATOR, false],
  ['http://[::1]:8787/c', ['[::1]:8787'], true],
  ['http://[0:0::1]:8787/c', ['[::1]:8787'], true],
  ['http://localhost:5173/c', ['LocalHost:5173'], true],
  ['https://verify.example.com/c', ['verify.example.com'], true],
  ['https://verify.example.com/c', ['verify.example.com:443'], true],
  ['https://verify.example.com/c', ['verify.example.com:80'], false],
  ['http://verify.example.com/c', ['verify.example.com'], false],
  ['https://xn--bcher-kva.example/c', ['bücher.example'], true],
  ['https://bücher.example/c', ['xn--bcher-kva.example'], true],
  ['https://evil.oss-cn-shanghai.aliyuncs.com/p.html', ['*.aliyuncs.com', 'aliyuncs.com'], false],
  ['https://verify.example.com/c', ['https://verify.example.com', 'verify.example.com/c'], false],
];
