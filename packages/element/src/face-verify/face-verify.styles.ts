import { css } from 'lit';

/**
 * Styles of `<aliyun-face-verify>`; public knobs are `--aliyun-face-verify-*`. The defaults keep
 * text at 4.5:1 or better on the default background, focus rings visible, and touch targets 44 px
 * tall; on narrow screens buttons take the full width. Formatted for reading: the build minifies
 * it (`scripts/minify-templates.mjs`). The `h2` has no outline because only script focuses it (on a
 * view change), never the keyboard.
 */
export const styles = css`
  :host {
    --_a: var(--aliyun-face-verify-accent, #1a56c9);
    display: block;
    max-width: var(--aliyun-face-verify-max-width, 28rem);
    color: var(--aliyun-face-verify-color, #1f2329);
    font: var(--aliyun-face-verify-font, 1rem/1.5 system-ui, sans-serif);
  }
  [part='base'],
  dialog {
    padding: var(--aliyun-face-verify-padding, 1.25rem);
    border: 1px solid var(--aliyun-face-verify-border, #d0d5dd);
    border-radius: var(--aliyun-face-verify-radius, 12px);
    background: var(--aliyun-face-verify-background, #fff);
    color: inherit;
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.25rem;
  }
  h2:focus {
    outline: 0;
  }
  [part~='button'],
  [part='link'] {
    display: inline-block;
    min-height: 2.75rem;
    margin: 0.25rem 0;
    padding: 0.6rem 1.25rem;
    border: 1px solid var(--_a);
    border-radius: 8px;
    background: var(--_a);
    color: var(--aliyun-face-verify-accent-text, #fff);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
  }
  [part~='secondary'] {
    background: none;
    color: var(--_a);
  }
  :focus-visible {
    outline: 3px solid var(--_a);
    outline-offset: 2px;
  }
  ul,
  dl {
    color: var(--aliyun-face-verify-muted, #4e5969);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .failure h2 {
    color: var(--aliyun-face-verify-error, #b42318);
  }
  .success h2 {
    color: var(--aliyun-face-verify-success, #1e7a3c);
  }
  [part='warning'] {
    color: var(--aliyun-face-verify-warning, #8a4b00);
    font-weight: 600;
  }
  [part='status'] {
    position: absolute;
    clip-path: inset(50%);
  }
  [part='spinner'] {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    margin-inline-end: 0.5em;
    border: 3px solid #d0d5dd;
    border-top-color: var(--_a);
    border-radius: 50%;
    animation: s 1s linear infinite;
  }
  @keyframes s {
    to {
      transform: rotate(1turn);
    }
  }
  [part='url'] {
    box-sizing: border-box;
    width: 100%;
    min-height: 2.75rem;
    font: inherit;
  }
  [part='frame'] {
    display: block;
    box-sizing: border-box;
    width: 100%;
    height: var(--aliyun-face-verify-frame-height, 36rem);
    margin-bottom: 0.5rem;
    border: 1px solid var(--aliyun-face-verify-border, #d0d5dd);
    border-radius: 8px;
  }
  dialog::backdrop {
    background: #0009;
  }
  @media (max-width: 30rem) {
    [part~='button'],
    [part='link'] {
      width: 100%;
    }
  }
`;
