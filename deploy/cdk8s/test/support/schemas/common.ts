/** JSON Schema pieces shared by the hand-written CRD schemas; every object refuses unknown fields. */
export const QUANTITY = {
  anyOf: [
    { type: 'integer' },
    {
      type: 'string',
      pattern:
        '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
    },
  ],
};

export const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } };

export function object(properties: Record<string, unknown>, required: string[] = []) {
  return { type: 'object', properties, required, additionalProperties: false };
}

export const strings = { type: 'array', items: { type: 'string' } };

/** metadata as we write it on namespaced objects. */
export const METADATA = object(
  { name: { type: 'string', minLength: 1 }, namespace: { type: 'string' }, labels: STRING_MAP },
  ['name', 'namespace'],
);

export function resource(apiVersion: string, kind: string, spec: unknown) {
  return object({ apiVersion: { const: apiVersion }, kind: { const: kind }, metadata: METADATA, spec }, [
    'apiVersion',
    'kind',
    'metadata',
    'spec',
  ]);
}
