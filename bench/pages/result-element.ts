/**
 * The element on a return page: its one-file entry (define + lit), nothing else. The element finds
 * `response` itself, consumes it and fires `face-verify-result`.
 */
import '@aliyun-face-verify/element/aliyun-face-verify.js';
