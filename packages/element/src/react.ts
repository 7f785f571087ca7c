/**
 * `@aliyun-face-verify/element/react`: types only. Importing it makes `<aliyun-face-verify>`, its
 * attributes, its object properties and its `on<event>` props (React 19's custom-element events,
 * e.g. `onface-verify-described`) known to React's JSX, each event with its typed `detail`.
 *
 * ```tsx
 * import '@aliyun-face-verify/element/aliyun-face-verify.js'; // registers the tag
 * import type {} from '@aliyun-face-verify/element/react'; // types the tag in JSX
 * ```
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AliyunFaceVerify } from './face-verify/face-verify.js';
import type {
  AliyunFaceVerifyAttributes,
  AliyunFaceVerifyProperties,
  AliyunFaceVerifyReactEvents,
} from './framework-props.js';

export type {
  AliyunFaceVerifyAttributes,
  AliyunFaceVerifyProperties,
  AliyunFaceVerifyReactEvents,
} from './framework-props.js';

/** Everything `<aliyun-face-verify>` accepts in React 19 JSX. */
export type AliyunFaceVerifyReactProps = Omit<
  DetailedHTMLProps<HTMLAttributes<AliyunFaceVerify>, AliyunFaceVerify>,
  keyof AliyunFaceVerifyAttributes
> &
  AliyunFaceVerifyAttributes &
  AliyunFaceVerifyProperties &
  AliyunFaceVerifyReactEvents;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX lives in this namespace
  namespace JSX {
    interface IntrinsicElements {
      'aliyun-face-verify': AliyunFaceVerifyReactProps;
    }
  }
}
