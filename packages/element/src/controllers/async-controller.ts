import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where an {@link AsyncController} run stands. */
export type AsyncStatus = 'initial' | 'pending' | 'complete' | 'error';

/** One unit of async work: gets an abort signal and a way to report which stage it is in. */
export type AsyncJob<A, T, S extends string> = (
  args: A,
  signal: AbortSignal,
  stage: (stage: S) => void,
) => Promise<T>;

/**
 * Runs one async job at a time for its host and renders from `status` / `stage` / `value` /
 * `error`: a smaller cousin of `@lit/task` with named progress stages, which the views show.
 * A new run aborts the previous one; disconnecting the host aborts too. Results of an aborted run
 * are dropped, so a stale response never overwrites a newer state.
 */
export class AsyncController<A, T, S extends string> implements ReactiveController {
  /** Current state of the latest run. */
  status: AsyncStatus = 'initial';
  /** Progress stage of the pending run. */
  stage: S | undefined;
  /** Value of the completed run. */
  value: T | undefined;
  /** Reason of the failed run. */
  error: unknown;

  private _abort: AbortController | undefined;

  constructor(
    protected readonly host: ReactiveControllerHost,
    private readonly job: AsyncJob<A, T, S>,
    /** Called after a run completes or fails (not after an abort). */
    private readonly settled?: () => void,
  ) {
    host.addController(this);
  }

  /** Starts the job (aborting a previous run); resolves when it settles, never rejects. */
  async run(args: A): Promise<void> {
    this.abort();
    const abort = (this._abort = new AbortController());
    this._set('pending');
    try {
      const value = await this.job(args, abort.signal, (stage) => {
        if (abort.signal.aborted) return;
        this.stage = stage;
        this.host.requestUpdate();
      });
      if (abort.signal.aborted) return;
      this.value = value;
      this._set('complete');
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error;
      this._set('error');
    }
    this.settled?.();
  }

  /** Aborts the pending run, if any; its outcome is dropped. */
  abort(): void {
    this._abort?.abort();
    this._abort = undefined;
  }

  /** Aborts and returns to `initial`. */
  reset(): void {
    this.abort();
    this._set('initial');
  }

  /** @internal */
  hostDisconnected(): void {
    this.abort();
    if (this.status === 'pending') this._set('initial');
  }

  private _set(status: AsyncStatus): void {
    this.status = status;
    if (status !== 'error') this.error = undefined;
    if (status !== 'complete') this.value = undefined;
    if (status !== 'pending') this.stage = undefined;
    this.host.requestUpdate();
  }
}
