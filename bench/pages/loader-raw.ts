/**
 * Baseline for the loader: the seeds' way. The page has a plain `<script src>` for jsvm_all.js
 * before this classic script, so the global exists here; call it and stringify its object.
 */
import { record } from './record.js';

const jsvm = window as unknown as { getMetaInfo: () => unknown };
record(JSON.stringify(jsvm.getMetaInfo()));
