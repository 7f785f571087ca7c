import type { RunningEmulator } from '@aliyun-face-verify/emulator';
import type { FaceVerifyServerConfig } from '../../src/index.js';

/** The page origin the framework tests claim to be; ReturnUrls must be on it. */
export const TEST_ORIGIN = 'http://127.0.0.1:5173';

/** The header the framework tests send to name the signed-in user (a session cookie in real life). */
export const USER_HEADER = 'x-test-user';

/**
 * The one configuration every framework test (and the README examples they run) uses, kept in one
 * place so a change of the handlers' contract is made here once. The user is whoever USER_HEADER
 * names; the identity comes from the request body (the emulator's test identities).
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
    authorizeDescribe: (request) => request.headers.get(USER_HEADER) !== null,
    ...extra,
  };
}
