import { isDuplicateKeyError, isUnavailableError } from '@mystore/db';
import { HttpProblem } from './http-problem.js';

/** Seconds a client is asked to wait before retrying when the database does not answer. */
const RETRY_AFTER_SECONDS = '5';

/**
 * The problem a database error means to a client, or undefined for an error that is a bug (a 500).
 * The only unique key a request can break is the product's sku. A database that is unreachable,
 * read-only (a primary during failover) or too busy is a 503 with Retry-After; a write that fails so
 * changed nothing, since every write is one transaction.
 */
export function databaseProblemOf(error: unknown): HttpProblem | undefined {
  if (isDuplicateKeyError(error)) {
    return new HttpProblem(409, 'Another product already uses this sku.', {
      errors: [{ name: 'sku', detail: 'is already used by another product' }],
    });
  }
  if (isUnavailableError(error)) {
    return new HttpProblem(
      503,
      'The catalog database is not answering; nothing was changed. Retry shortly.',
      {
        headers: { 'retry-after': RETRY_AFTER_SECONDS },
      },
    );
  }
  return undefined;
}
