import { css } from 'lit';

/**
 * Styles of `<aliyun-face-verify>`. Public knobs are `--aliyun-face-verify-*`; the defaults keep
 * text at 4.5:1 or better on the default background and make every focus ring visible.
 */
export const styles = css`
  :host {
    --_accent: var(--aliyun-face-verify-accent, #1a56c9);
    --_accent-text: var(--aliyun-face-verify-accent-text, #fff);
    --_text: var(--aliyun-face-verify-color, #1f2329);
    --_muted: var(--aliyun-face-verify-muted, #4e5969);
    --_bg: var(--aliyun-face-verify-background, #fff);
    --_border: var(--aliyun-face-verify-border, #d0d5dd);
    --_radius: var(--aliyun-face-verify-radius, 12px);
    --_error: var(--aliyun-face-verify-error, #b42318);
    --_success: var(--aliyun-face-verify-success, #1e7a3c);
    --_warning: var(--aliyun-face-verify-warning, #8a4b00);
    --_focus: var(--aliyun-face-verify-focus-ring, #1a56c9);
    display: block;
    max-width: var(--aliyun-face-verify-max-width, 28rem);
    color: var(--_text);
    font: var(
      --aliyun-face-verify-font,
      1rem/1.5 system-ui,
      -apple-system,
      'PingFang SC',
      sans-serif
    );
  }
  :host([hidden]) {
    display: none;
  }
  [part~='base'],
  dialog {
    box-sizing: border-box;
    padding: var(--aliyun-face-verify-padding, 1.25rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.25rem;
    line-height: 1.3;
  }
  p,
  ol {
    margin: 0 0 1rem;
  }
  ol {
    padding-inline-start: 1.25rem;
  }
  li + li {
    margin-top: 0.25rem;
  }
  [part~='button'],
  [part~='link'] {
    box-sizing: border-box;
    display: inline-block;
    min-height: 2.75rem;
    padding: 0.625rem 1.25rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_accent);
    color: var(--_accent-text);
    font: inherit;
    font-weight: 600;
    text-align: center;
    text-decoration: none;
    cursor: pointer;
  }
  [part~='secondary'] {
    background: transparent;
    color: var(--_accent);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h2:focus {
    outline: none;
  }
  .muted,
  dl {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0 0 1rem;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  [part~='error'] h2,
  .failure h2 {
    color: var(--_error);
  }
  .success h2 {
    color: var(--_success);
  }
  [part~='warning'] {
    padding: 0.75rem;
    border-inline-start: 4px solid var(--_warning);
    background: #fff8eb;
    color: var(--_warning);
  }
  [part~='status'] {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    margin: 0;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part~='spinner'] {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    border: 3px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='spinner'] {
      animation-duration: 3s;
    }
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part~='url'] {
    flex: 1 1 12rem;
    min-width: 0;
    min-height: 2.75rem;
    padding: 0 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
  }
  dialog {
    width: min(100% - 2rem, 28rem);
    margin: 4.5rem auto auto;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.6);
  }
  .arrow {
    position: fixed;
    top: 0.5rem;
    right: 1rem;
    color: #fff;
    font-size: 3rem;
    line-height: 1;
  }
  @media (max-width: 30rem) {
    [part~='button'],
    [part~='link'] {
      width: 100%;
    }
  }
`;
