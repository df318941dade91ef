import { ProblemSchema } from '@mystore/service-kernel';
import { type TSchema, Type } from 'typebox';

/** Every admin route rejects unknown query parameters, including the routes that take none. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const errorResponses = { '4xx': ProblemSchema, '5xx': ProblemSchema };

/** `Idempotency-Key` on the POSTs that take it; the handler checks its form (see idempotency.ts). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description:
        'Makes a retry safe: the first response is kept for 24 h and replayed (with Idempotent-Replayed: ' +
        'true) for the same key and request; the same key with another request is 422; while the first ' +
        "is still running, 409. 1..255 visible ASCII characters, scoped to the token's owner.",
    }),
  ),
});

/** A response that may be the replay of an earlier one (`Idempotency-Key`), documented as such. */
export function replayable<Schema extends TSchema>(schema: Schema): Schema {
  return {
    ...schema,
    headers: {
      'Idempotent-Replayed': {
        type: 'string',
        enum: ['true'],
        description:
          'Present when this is the stored response of an earlier request with the same Idempotency-Key.',
      },
    },
  };
}
