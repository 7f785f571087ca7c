/** Whitespace, control characters and backslashes: none belongs in a URL a service redirects to. */
function hasUnsafeCharacter(value: string): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (c <= 0x20 || (c >= 0x7f && c <= 0x9f) || ch === '\\' || /\s/u.test(ch)) return true;
  }
  return false;
}

/** Parses an absolute http(s) URL without userinfo or unsafe characters, up to `maxLength`. */
export function parseWebUrl(value: string, maxLength = 2048): URL | undefined {
  if (value.length > maxLength || hasUnsafeCharacter(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url;
}

/** Seeds: CallbackUrl must be https. The emulator also takes http on loopback, where it can deliver. */
export function isCallbackUrl(value: string): boolean {
  const url = parseWebUrl(value);
  return url !== undefined && (url.protocol === 'https:' || isLoopbackHost(url.hostname));
}

/** True for 127.0.0.0/8, `::1` and `localhost`: the only places the emulator sends callbacks to. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}
