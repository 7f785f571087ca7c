/** Values a log line may carry. Handlers only ever pass ids, codes and counts: never a name, an ID number or a secret. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where the handlers report what happened. Inject one to route lines to your logging. */
export interface FaceVerifyLogger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** The default: log nothing (a library should not write to the console unasked). */
export const silentLogger: FaceVerifyLogger = Object.freeze({
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
});

/** One JSON line per event on stdout / stderr, for servers without a logging library. */
export const consoleLogger: FaceVerifyLogger = Object.freeze({
  info: (event: string, fields?: LogFields) =>
    console.log(JSON.stringify({ level: 'info', event, ...fields })),
  warn: (event: string, fields?: LogFields) =>
    console.warn(JSON.stringify({ level: 'warn', event, ...fields })),
  error: (event: string, fields?: LogFields) =>
    console.error(JSON.stringify({ level: 'error', event, ...fields })),
});
