/**
 * The certify pages' stylesheet, served from the emulator's own origin so the pages' CSP can stay
 * `style-src 'self'` with no inline styles. Mobile first; contrast meets WCAG AA.
 */
export const CERTIFY_CSS = `
:root {
  color-scheme: light;
  --brand: #c44d00;
  --brand-strong: #9a3c00;
  --ink: #1f2329;
  --muted: #4e5969;
  --line: #e5e6eb;
  --bg: #f2f3f5;
  --ok: #0b7a3e;
  --warn: #a15c00;
  --bad: #b42318;
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Segoe UI", Roboto, "Noto Sans CJK SC", sans-serif;
  line-height: 1.5;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); }
.banner {
  background: var(--ink); color: #fff; font-size: 0.8125rem; text-align: center; padding: 6px 12px;
}
main { max-width: 480px; margin: 0 auto; padding: 16px; }
.card {
  background: #fff; border-radius: 12px; padding: 24px 20px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08);
}
h1 { font-size: 1.375rem; margin: 0 0 8px; }
h2 { font-size: 1rem; margin: 20px 0 8px; }
p { margin: 0 0 12px; color: var(--muted); }
.brand { display: flex; align-items: center; gap: 8px; margin-bottom: 16px; color: var(--brand-strong);
  font-weight: 600; }
.brand svg { flex: none; }
.face { display: block; margin: 8px auto 20px; }
ul.tips { padding-left: 1.25rem; margin: 0 0 16px; color: var(--muted); }
details { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 0 0 16px; }
summary { cursor: pointer; color: var(--brand-strong); }
details p { margin-top: 8px; font-size: 0.875rem; }
.agree { display: flex; gap: 8px; align-items: flex-start; margin: 0 0 16px; }
.agree input { width: 20px; height: 20px; margin: 2px 0 0; accent-color: var(--brand); flex: none; }
.error { color: var(--bad); font-weight: 600; }
button, .button {
  display: block; width: 100%; min-height: 44px; padding: 10px 14px; margin: 0 0 10px; border-radius: 8px;
  border: 1px solid var(--brand); background: var(--brand); color: #fff; font: inherit; font-weight: 600;
  text-align: left; cursor: pointer; text-decoration: none;
}
button:hover { background: var(--brand-strong); }
button:focus-visible, a:focus-visible, summary:focus-visible, input:focus-visible {
  outline: 3px solid #1664ff; outline-offset: 2px;
}
button.secondary { background: #fff; color: var(--ink); border-color: var(--line); text-align: center; }
button.secondary:hover { background: var(--bg); }
button.primary { text-align: center; }
fieldset { border: 0; padding: 0; margin: 0 0 8px; min-width: 0; }
legend { font-weight: 600; margin: 16px 0 8px; padding: 0; }
.outcome { background: #fff; color: var(--ink); border-color: var(--line); display: flex;
  flex-direction: column; gap: 2px; }
.outcome:hover { background: var(--bg); }
.outcome .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.8125rem;
  font-weight: 400; color: var(--muted); }
@media (min-width: 560px) {
  .outcome { flex-direction: row; justify-content: space-between; align-items: center; gap: 12px; }
  .outcome .code { white-space: nowrap; }
}
.outcome.ok { border-left: 4px solid var(--ok); }
.outcome.fail { border-left: 4px solid var(--bad); }
.outcome.stop { border-left: 4px solid var(--warn); }
.meta { font-size: 0.8125rem; color: var(--muted); word-break: break-all; }
.choice { display: flex; gap: 8px; align-items: center; min-height: 32px; }
.choice input { width: 18px; height: 18px; margin: 0; accent-color: var(--brand); flex: none; }
pre.message { background: var(--bg); border-radius: 8px; padding: 8px 12px; font-size: 0.8125rem;
  white-space: pre-wrap; word-break: break-all; margin: 0 0 12px; }
table { width: 100%; border-collapse: collapse; font-size: 0.875rem; margin-bottom: 16px; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 6px 4px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.8125rem; }
@media (min-width: 720px) { main { padding-top: 48px; } }
`;
