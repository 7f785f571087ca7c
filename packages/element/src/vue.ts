/**
 * `@aliyun-face-verify/element/vue`: types only. Importing it registers `<aliyun-face-verify>` in
 * Vue's `GlobalComponents`, so `vue-tsc` checks its attributes, `.prop` bindings and
 * `@face-verify-*` listeners (each event with its typed `detail`). At run time the tag stays a
 * custom element: tell the compiler so with `isCustomElement`.
 *
 * ```ts
 * import '@aliyun-face-verify/element/aliyun-face-verify.js'; // registers the tag
 * import type {} from '@aliyun-face-verify/element/vue'; // types the tag in templates
 * ```
 */
import type { DefineComponent } from 'vue';
import type { AliyunFaceVerifyProperties, AliyunFaceVerifyVueEvents } from './framework-props.js';
import type { CompatOverride } from './face-verify/face-verify.js';

export type {
  AliyunFaceVerifyAttributes,
  AliyunFaceVerifyProperties,
  AliyunFaceVerifyVueEvents,
} from './framework-props.js';

/** The element's attributes as Vue sees them (it camelizes `init-url` to `initUrl`). */
export interface AliyunFaceVerifyVueAttributes {
  initUrl?: string;
  describeUrl?: string;
  scriptSrc?: string;
  returnUrl?: string;
  allowedHosts?: string;
  lang?: string;
  timeout?: number | string;
  nonce?: string;
  compat?: CompatOverride;
}

/** Everything `<aliyun-face-verify>` accepts in a Vue template. */
export type AliyunFaceVerifyVueProps = AliyunFaceVerifyVueAttributes &
  AliyunFaceVerifyProperties &
  AliyunFaceVerifyVueEvents;

declare module 'vue' {
  interface GlobalComponents {
    'aliyun-face-verify': DefineComponent<AliyunFaceVerifyVueProps>;
  }
}
