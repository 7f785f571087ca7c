import type { RunningEmulator } from '@aliyun-face-verify/emulator';
import type { FaceVerifyServerConfig } from '../../src/index.js';

/** The page origin the framework tests claim to be; ReturnUrls must be on it. */
export const TEST_ORIGIN = 'http://127.0.0.1:5173';

/** The header the framework tests send to name the signed-in user (a session cookie in real life). */
export const USER_HEADER = 'x-test-user';

/** The signed-in user of a test request: USER_HEADER, or a `user=` cookie (browser tests set one). */
export function testUser(request: Request): string | undefined {
  const header = request.headers.get(USER_HEADER);
  if (header) return header;
  return /(?:^|;\s*)user=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

/**
 * The one configuration every framework test (and the README examples they run) uses, kept in one
 * place so a change of the handlers' contract is made here once (also used by the element's
 * README plain-page test). The owner is {@link testUser}; the identity comes from the request
 * body (`identityFromRequest`: the emulator's test identities, as a sign-up form would send them).
 */
export function frameworkHandlersConfig(
  emulator: RunningEmulator,
  extra: Partial<FaceVerifyServerConfig> = {},
): FaceVerifyServerConfig {
  return {
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: 'http',
    sceneId: emulator.sceneId,
    allowedReturnOrigins: [TEST_ORIGIN],
    owner: testUser,
    identityFromRequest: true,
    ...extra,
  };
}
