/**
 * The address the page was opened with. Imported before the element registers: once it does, the
 * element consumes `response` and strips it from the address bar.
 */
export const INITIAL_HREF = location.href;
