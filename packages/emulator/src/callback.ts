import type { VerificationRecord } from './store.js';
import { isLoopbackHost, parseWebUrl } from './urls.js';

/** How callbacks are delivered. */
export interface CallbackOptions {
  /** Tries per notification until a 2xx (the merchant must therefore ignore duplicates). */
  attempts: number;
  /** Pause between tries. */
  retryDelayMs: number;
  timeoutMs: number;
  log(line: string): void;
}

/**
 * Sends the result notification to CallbackUrl the way the seeds describe: the URL with
 * `certifyId`, `passed` (T/F), `subcode` and, when set, `callbackToken` added. The emulator only
 * ever calls loopback hosts, so a test or demo can never make it reach the internet.
 */
export class CallbackNotifier {
  readonly #pending = new Set<Promise<void>>();
  readonly #options: CallbackOptions;

  constructor(options: CallbackOptions) {
    this.#options = options;
  }

  /** Starts delivering the notification for a record that has a verdict; returns at once. */
  notify(record: VerificationRecord): void {
    const verdict = record.completion?.outcome.verdict;
    if (record.callbackUrl === undefined || verdict === undefined) return;
    const url = parseWebUrl(record.callbackUrl);
    if (url === undefined || !isLoopbackHost(url.hostname)) {
      this.#options.log(
        `callback not sent for ${record.certifyId}: the emulator only calls loopback`,
      );
      return;
    }
    url.searchParams.append('certifyId', record.certifyId);
    url.searchParams.append('passed', verdict.passed ? 'T' : 'F');
    // SAF (Alipay) notifications carry certifyId and passed only (seeds §1.3.2).
    if (record.flow !== 'alipay') url.searchParams.append('subcode', verdict.subCode);
    if (record.callbackToken !== undefined) {
      url.searchParams.append('callbackToken', record.callbackToken);
    }
    const task = this.#deliver(url, record.certifyId).finally(() => this.#pending.delete(task));
    this.#pending.add(task);
  }

  /** Resolves when every notification started so far has finished (delivered or given up). */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async #deliver(url: URL, certifyId: string): Promise<void> {
    const { attempts, retryDelayMs, timeoutMs, log } = this.#options;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'GET',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        await res.body?.cancel();
        if (res.ok) {
          log(`callback delivered for ${certifyId} (HTTP ${res.status})`);
          return;
        }
        log(`callback for ${certifyId} answered HTTP ${res.status} (try ${attempt}/${attempts})`);
      } catch (error) {
        const reason = error instanceof Error ? error.name : 'error';
        log(`callback for ${certifyId} failed: ${reason} (try ${attempt}/${attempts})`);
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, retryDelayMs));
    }
  }
}
