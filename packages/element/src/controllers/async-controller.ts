import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where an {@link AsyncController} run stands. */
export type AsyncStatus = 'initial' | 'pending' | 'complete' | 'error';

/** One unit of async work: gets its arguments, an abort signal and a way to report its stage. */
export type AsyncJob<A, T, S extends string> = (
  args: A,
  signal: AbortSignal,
  stage: (stage: S) => void,
) => Promise<T>;

/**
 * Runs one async job at a time for its host, which renders from `status`, `stage`, `value` and
 * `error`: a smaller cousin of `@lit/task` with named progress stages, which the views show. A new
 * run aborts the previous one, and so does disconnecting the host; an aborted run's outcome is
 * dropped, so a stale reply never overwrites a newer state. After a failure `stage` still names
 * the step that failed.
 */
export class AsyncController<A, T, S extends string> implements ReactiveController {
  /** Current state of the latest run. */
  status: AsyncStatus = 'initial';
  /** The step the pending run is in, or the step the failed run failed in. */
  stage: S | undefined;
  /** Value of the completed run. */
  value: T | undefined;
  /** Reason of the failed run. */
  error: unknown;

  private _abort: AbortController | undefined;

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly job: AsyncJob<A, T, S>,
    /** Called after a run completes or fails (never after an abort). */
    private readonly settled: () => void,
  ) {
    host.addController(this);
  }

  /** Starts the job, aborting a previous run; resolves when it settles, never rejects. */
  async run(args: A): Promise<void> {
    this.abort();
    const abort = (this._abort = new AbortController());
    this._set('pending');
    try {
      const value = await this.job(args, abort.signal, (stage) => {
        if (!abort.signal.aborted) this._set('pending', stage);
      });
      if (abort.signal.aborted) return;
      this._set('complete', undefined, value);
    } catch (error) {
      if (abort.signal.aborted) return;
      this._set('error', this.stage, undefined, error);
    }
    this.settled();
  }

  /** Aborts the pending run, if any; its outcome is dropped. */
  abort(): void {
    this._abort?.abort();
  }

  /** Aborts and returns to `initial`. */
  reset(): void {
    this.abort();
    this._set('initial');
  }

  /** @internal */
  hostDisconnected(): void {
    if (this.status === 'pending') this.reset();
  }

  private _set(status: AsyncStatus, stage?: S, value?: T, error?: unknown): void {
    this.status = status;
    this.stage = stage;
    this.value = value;
    this.error = error;
    this.host.requestUpdate();
  }
}
