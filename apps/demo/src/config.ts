/** What the demo backend tells the pages about itself (`GET /api/demo/config`). */

/** A fictional person the emulator knows; only ever listed in emulator mode. */
export interface TestIdentity {
  certName: string;
  certNo: string;
  /** What InitFaceVerify answers for it ('200' proceeds). */
  initCode?: string;
  note?: string;
}

/** The backend's self-description. */
export interface DemoConfig {
  mode: 'emulator' | 'cloud';
  /** Origin of the emulator (certify pages, jsvm stand-in), when it runs. */
  emulatorOrigin?: string;
  identities: TestIdentity[];
}

function isIdentity(value: unknown): value is TestIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['certName'] === 'string' && typeof v['certNo'] === 'string';
}

/** Reads a config reply defensively: anything unexpected becomes `undefined`, never a crash. */
export function parseDemoConfig(value: unknown): DemoConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v['mode'] !== 'emulator' && v['mode'] !== 'cloud') return undefined;
  const identities = Array.isArray(v['identities']) ? v['identities'].filter(isIdentity) : [];
  const config: DemoConfig = { mode: v['mode'], identities };
  if (typeof v['emulatorOrigin'] === 'string') config.emulatorOrigin = v['emulatorOrigin'];
  return config;
}

let pending: Promise<DemoConfig | undefined> | undefined;

/** The backend config, fetched once per page; `undefined` when the backend cannot be reached. */
export function loadDemoConfig(): Promise<DemoConfig | undefined> {
  pending ??= fetch('/api/demo/config', { headers: { accept: 'application/json' } })
    .then(async (res) => (res.ok ? parseDemoConfig(await res.json()) : undefined))
    .catch(() => undefined);
  return pending;
}
