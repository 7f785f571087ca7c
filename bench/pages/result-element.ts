/**
 * The element on a return page: its one-file entry (define + lit), nothing else. The element finds
 * `response` itself, consumes it and fires `face-verify-result`. Re-exported rather than imported
 * for its side effect: the package's `sideEffects` names only its dist files, so a bare import of
 * the source entry would be tree-shaken away; this way the page runs exactly the one-file bundle.
 */
export * from '@aliyun-face-verify/element/aliyun-face-verify.js';
