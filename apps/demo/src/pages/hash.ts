/** The SPA with hash routing: `#/` starts, `#/result` is the ReturnUrl (`response` inside the hash). */
import { mountVerifySpa } from '../spa-app.js';

mountVerifySpa('hash');
