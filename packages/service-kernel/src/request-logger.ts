import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
type AnyLog = (...args: unknown[]) => void;

/**
 * `request.log`, made on first use. Fastify asks for a child logger (bound to the request id) on every
 * request, but most requests never log through it (the request line is written once, by the kernel),
 * and making a pino child with redaction cost more than the rest of a cache hit's bookkeeping.
 */
class LazyRequestLogger {
  #logger: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  get #real(): Record<Level, AnyLog> & FastifyBaseLogger {
    this.#logger ??= this.parent.child(this.bindings, this.options);
    return this.#logger as Record<Level, AnyLog> & FastifyBaseLogger;
  }

  get level(): string {
    return this.#logger?.level ?? this.options?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.#real.level = level;
  }

  fatal(...args: unknown[]): void {
    this.#real.fatal(...args);
  }
  error(...args: unknown[]): void {
    this.#real.error(...args);
  }
  warn(...args: unknown[]): void {
    this.#real.warn(...args);
  }
  info(...args: unknown[]): void {
    this.#real.info(...args);
  }
  debug(...args: unknown[]): void {
    this.#real.debug(...args);
  }
  trace(...args: unknown[]): void {
    this.#real.trace(...args);
  }
  silent(...args: unknown[]): void {
    this.#real.silent(...args);
  }

  child(bindings: Bindings, options?: ChildOptions): FastifyBaseLogger {
    return this.#real.child(bindings, options);
  }
}

/** Fastify `childLoggerFactory` that defers making each request's child logger until it logs. */
export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = (
  parent,
  bindings,
  options,
) => new LazyRequestLogger(parent, bindings, options) as unknown as FastifyBaseLogger;
