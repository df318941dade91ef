import type { FastifyBaseLogger } from 'fastify';

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = Parameters<FastifyBaseLogger['child']>[1];
type MakeChild = FastifyBaseLogger['child'];
type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
type AnyLog = (...args: unknown[]) => void;

/**
 * A child logger made on first use. Fastify asks for a child logger (bound to the request id) on every
 * request, but most requests never log through it (the request line is written once, by the kernel),
 * and making a pino child with redaction cost more than the rest of a cache hit's bookkeeping.
 */
class LazyChildLogger {
  #logger: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly makeChild: MakeChild,
    private readonly bindings: Bindings,
    private readonly options: ChildOptions,
  ) {}

  get #real(): Record<Level, AnyLog> & FastifyBaseLogger {
    this.#logger ??= this.makeChild.call(this.parent, this.bindings, this.options);
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

  isLevelEnabled(level: string): boolean {
    return (this.#real as unknown as { isLevelEnabled(level: string): boolean }).isLevelEnabled(level);
  }
}

/**
 * Makes `logger.child()` return children that are created on first use (Fastify's `app.log`, whose
 * children are the per-request `request.log`). The laziness lives on the logger rather than in a
 * `childLoggerFactory` because Fastify checks every child a custom factory returns for its seven
 * methods, per request; children made by its default factory (`logger.child`) are trusted. pino makes
 * a child with `Object.create(parent)`, so the real children inherit this `child` too: `this` is
 * whichever logger it is called on.
 */
export function deferChildLoggers(logger: FastifyBaseLogger): void {
  const makeChild = logger.child;
  logger.child = function deferredChild(this: FastifyBaseLogger, bindings, options) {
    return new LazyChildLogger(this, makeChild, bindings, options) as unknown as FastifyBaseLogger;
  };
}
