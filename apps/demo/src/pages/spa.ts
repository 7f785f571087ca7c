/** The SPA with history routing: `/spa/` starts, `/spa/result` is the ReturnUrl (query string). */
import { mountVerifySpa } from '../spa-app.js';

mountVerifySpa('history');
