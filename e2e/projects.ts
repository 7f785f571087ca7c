/**
 * Playwright projects and the web server of the end-to-end suite (imported by the root
 * playwright.config.ts). Only Chromium is available here, so each device context is Chromium with
 * that device's user agent, viewport and touch: what the SDK's compatibility check and the demo's
 * layout actually react to.
 */
import { devices, type PlaywrightTestConfig, type Project } from '@playwright/test';

/** Fixed loopback ports of the demo and its emulator during e2e runs (override by env). */
export const E2E_DEMO_PORT = Number(process.env['E2E_DEMO_PORT'] ?? 4317);
/** See {@link E2E_DEMO_PORT}. */
export const E2E_EMULATOR_PORT = Number(process.env['E2E_EMULATOR_PORT'] ?? 4318);
/** Where the demo answers during e2e runs. */
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_DEMO_PORT}`;

/** User agents of the contexts the issue names. */
export const USER_AGENTS = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; Pixel 7 Build/TQ3A.230805.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  wechatIos14:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 14_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.2(0x18000239) NetType/WIFI Language/zh_CN',
  desktopChrome: devices['Desktop Chrome'].userAgent,
} as const;

const iphone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};
const pixel = {
  viewport: { width: 412, height: 839 },
  deviceScaleFactor: 2.625,
  isMobile: true,
  hasTouch: true,
};

/** The essential flow runs in every context; the full matrix only on desktop Chrome. */
const DEVICE_SPEC = 'e2e/devices.spec.ts';

/** One project per browsing context. */
export const E2E_PROJECTS: Project[] = [
  {
    name: 'desktop-chrome',
    testMatch: 'e2e/**/*.spec.ts',
    use: {
      browserName: 'chromium',
      baseURL: E2E_BASE_URL,
      userAgent: USER_AGENTS.desktopChrome,
      viewport: { width: 1280, height: 860 },
    },
  },
  {
    name: 'iphone-safari',
    testMatch: DEVICE_SPEC,
    use: {
      browserName: 'chromium',
      baseURL: E2E_BASE_URL,
      userAgent: USER_AGENTS.iphoneSafari,
      ...iphone,
    },
  },
  {
    name: 'android-chrome',
    testMatch: DEVICE_SPEC,
    use: {
      browserName: 'chromium',
      baseURL: E2E_BASE_URL,
      userAgent: USER_AGENTS.androidChrome,
      ...pixel,
    },
  },
  {
    name: 'wechat-android',
    testMatch: DEVICE_SPEC,
    use: {
      browserName: 'chromium',
      baseURL: E2E_BASE_URL,
      userAgent: USER_AGENTS.wechatAndroid,
      ...pixel,
    },
  },
  {
    name: 'wechat-ios-14',
    testMatch: DEVICE_SPEC,
    use: {
      browserName: 'chromium',
      baseURL: E2E_BASE_URL,
      userAgent: USER_AGENTS.wechatIos14,
      ...iphone,
    },
  },
];

/**
 * The demo in e2e mode (production build, emulator on a fixed port), shared by every project. A
 * developer's running instance on the same ports is reused outside CI.
 */
const WEB_SERVER: NonNullable<PlaywrightTestConfig['webServer']> = {
  command: `node scripts/demo.mjs --e2e --port ${E2E_DEMO_PORT} --emulator-port ${E2E_EMULATOR_PORT}`,
  url: `${E2E_BASE_URL}/healthz`,
  reuseExistingServer: !process.env['CI'],
  timeout: 120_000,
  stdout: 'pipe',
  stderr: 'pipe',
};

/** The projects named on the command line (`--project x`, `--project=x`); empty means all. */
export function selectedProjects(argv: readonly string[] = process.argv): string[] {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--project' && argv[i + 1]) names.push(argv[i + 1] as string);
    else if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
  });
  return names;
}

/**
 * `{ webServer }` unless the run selects only non-e2e projects (e.g. `--project=packages`): a
 * package's own Playwright tests then neither wait for the demo build nor hold its ports.
 */
export function e2eWebServer(
  argv: readonly string[] = process.argv,
): Pick<PlaywrightTestConfig, 'webServer'> {
  const selected = selectedProjects(argv);
  const e2e = new Set(E2E_PROJECTS.map((p) => p.name));
  return selected.length === 0 || selected.some((name) => e2e.has(name))
    ? { webServer: WEB_SERVER }
    : {};
}
