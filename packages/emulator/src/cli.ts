#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, JSVM_PATH, startEmulator } from './emulator.js';
import { isIframeMessageForm } from './iframe.js';
import { TEST_IDENTITIES } from './identity.js';

const USAGE = `Usage: npx @aliyun-face-verify/emulator [--host 127.0.0.1] [--port 8787] [--public-url URL]
                                        [--scene ID]... [--iframe-message-form object|json|encoded]
                                        [--quiet]
       (installed: aliyun-face-verify-emulator …)

A local stand-in for Alibaba Cloud ID Verification (InitFaceVerify / DescribeFaceVerify, the hosted
certify page and jsvm_all.js). Point the official SDK at it with
  endpoint: '<host>:<port>', protocol: 'http'`;

/** Parses argv and starts the emulator; exits with 2 on bad arguments. */
async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        host: { type: 'string', default: DEFAULT_HOST },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        'public-url': { type: 'string' },
        scene: { type: 'string', multiple: true },
        'iframe-message-form': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    process.exit(2);
  }
  const messageForm = values['iframe-message-form'];
  if (messageForm !== undefined && !isIframeMessageForm(messageForm)) {
    console.error(`--iframe-message-form must be object, json or encoded, got "${messageForm}"`);
    process.exit(2);
  }
  const quiet = values.quiet;
  const emulator = await startEmulator({
    host: values.host,
    port,
    ...(values['public-url'] !== undefined ? { publicUrl: values['public-url'] } : {}),
    ...(values.scene !== undefined ? { scenes: values.scene } : {}),
    ...(messageForm !== undefined ? { iframeMessageForm: messageForm } : {}),
    log: (line) => {
      if (!quiet) console.log(`[emulator] ${new Date().toISOString()} ${line}`);
    },
  });
  console.log(`aliyun-face-verify emulator listening on ${emulator.url}
  OpenAPI endpoint : ${emulator.endpoint} (protocol http, version 2019-03-07)
  AccessKeyId      : ${emulator.accessKeyId}
  AccessKeySecret  : ${emulator.accessKeySecret}   (test credential, not a secret)
  SceneId          : ${emulator.sceneId}
  jsvm_all.js      : ${emulator.url}${JSVM_PATH}
  allowed-hosts    : ${emulator.endpoint}
  Test identities  :`);
  for (const t of TEST_IDENTITIES) {
    console.log(`    ${t.certName.padEnd(8, '\u3000')} ${t.certNo}  ${t.note}`);
  }
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
