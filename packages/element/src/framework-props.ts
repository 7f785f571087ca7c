/**
 * The attributes, properties and events of `<aliyun-face-verify>` as plain types, shared by the
 * React and Vue typing entries.
 */
import type { CompatOverride } from './face-verify/face-verify.js';
import type { FaceVerifyEventMap } from './events.js';
import type { FaceVerifyInit } from './flows.js';

/** The element's attributes, as written in markup. */
export interface AliyunFaceVerifyAttributes {
  /** Merchant endpoint: POST `{metaInfo, returnUrl, ...initData}` → `{certifyId, certifyUrl, ticket}`. */
  'init-url'?: string;
  /** Merchant endpoint: POST `{certifyId, ticket}` → the authoritative DescribeResponse. */
  'describe-url'?: string;
  /** URL of `jsvm_all.js`. */
  'script-src'?: string;
  /** Where the certify page returns to; this page when unset. */
  'return-url'?: string;
  /** Extra CertifyUrl and script hosts (`host` or `host:port`), separated by spaces or commas. */
  'allowed-hosts'?: string;
  /** `alipay`: the Alipay H5 flow outside Alipay too (an `alipays://` link). */
  flow?: 'web' | 'alipay';
  /** `iframe`: the certify page in a frame inside the page; `redirect` (default) leaves for it. */
  mode?: 'redirect' | 'iframe';
  /** `zh-CN` (default), `en`, or `auto`. */
  lang?: string;
  /** Time limit in ms for the script load and each merchant request. */
  timeout?: number | string;
  /** CSP nonce for the injected script. */
  nonce?: string;
  /** Forces the compatibility verdict, for demos and tests. */
  compat?: CompatOverride;
}

/** The element's properties that only exist as properties (objects and functions). */
export interface AliyunFaceVerifyProperties {
  /** Calls the merchant server yourself instead of POSTing to `init-url`. */
  init?: FaceVerifyInit;
  /** Extra fields merged into the init request (e.g. a name/ID form on the page). */
  initData?: Record<string, unknown>;
}

/** React 19 listens to `on<event-name>` props on custom elements, with the event object as is. */
export type AliyunFaceVerifyReactEvents = {
  [K in keyof FaceVerifyEventMap as `on${K}`]?: (event: FaceVerifyEventMap[K]) => void;
};

/** `face-verify-result` → `FaceVerifyResult` (how Vue names the handler prop of `@face-verify-result`). */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${Pascal<Tail>}`
  : Capitalize<S>;

/** Vue's handler props for `@face-verify-*` listeners. */
export type AliyunFaceVerifyVueEvents = {
  [K in keyof FaceVerifyEventMap as `on${Pascal<K>}`]?: (event: FaceVerifyEventMap[K]) => void;
};
