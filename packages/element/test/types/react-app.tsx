// Compiled by scripts/consumer-check.mjs with tsc (strict, jsx: react-jsx) against the built
// package, as a React 19 + TypeScript app would: no shim, just the typing entry.
import { useState } from 'react';
import '@aliyun-face-verify/element/aliyun-face-verify.js';
import type {} from '@aliyun-face-verify/element/react';

export function Verify({ certName, certNo }: { certName: string; certNo: string }) {
  const [passed, setPassed] = useState<boolean>();
  return (
    <>
      <aliyun-face-verify
        init-url="/api/face-verify/init"
        describe-url="/api/face-verify/describe"
        allowed-hosts="127.0.0.1:8787"
        lang="en"
        timeout={20000}
        initData={{ certName, certNo }}
        onface-verify-described={(e) => setPassed(e.detail.passed)}
        onface-verify-result={(e) => {
          if (e.detail.source === 'return') console.log(e.detail.result.code);
        }}
        onface-verify-error={(e) => console.warn(e.detail.code, e.detail.stage)}
      />
      {/* @ts-expect-error: the detail is typed, not any: `passed` is a boolean, not a string */}
      <aliyun-face-verify onface-verify-described={(e) => e.detail.passed.toUpperCase()} />
      {/* @ts-expect-error: the init-url attribute is a string, not an object */}
      <aliyun-face-verify init-url={{ path: '/init' }} />
      {/* @ts-expect-error: initData is an object, not a string */}
      <aliyun-face-verify initData="certName" />
      <p>{passed === undefined ? '…' : String(passed)}</p>
    </>
  );
}
