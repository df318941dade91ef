/** Throws when the data breaks the schema (kubernetes-models' `validate`, called on any object). */
export type Check = (data: unknown) => void;

/** A model class of kubernetes-models: its prototype's validate checks `this` against the schema. */
export function modelCheck(model: { prototype: { validate(): void } }): Check {
  return (data) => model.prototype.validate.call(data);
}

interface Tracked {
  readonly path: string;
  readonly target: Record<string, unknown>;
  readonly read: Set<PropertyKey>;
  enumerated: boolean;
}

/**
 * Validates and also rejects unknown fields, which kubernetes-models' validators let through: the data
 * is handed to the validator behind proxies that record which properties it looks at. A property of an
 * object the validator neither read nor enumerated (as it does for maps such as labels) is one the
 * schema does not know.
 */
export function strictProblems(check: Check, data: unknown): string[] {
  const tracked: Tracked[] = [];
  const wrap = (value: unknown, path: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const record: Tracked | undefined = Array.isArray(value)
      ? undefined
      : { path, target: value as Record<string, unknown>, read: new Set(), enumerated: false };
    if (record) tracked.push(record);
    const children = new Map<PropertyKey, unknown>();
    return new Proxy(value, {
      get(target, key, receiver) {
        record?.read.add(key);
        const child = Reflect.get(target, key, receiver);
        if (typeof key !== 'string' || child === null || typeof child !== 'object') return child;
        if (!children.has(key)) children.set(key, wrap(child, `${path}/${key}`));
        return children.get(key);
      },
      has(target, key) {
        record?.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        if (record) record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  const problems: string[] = [];
  try {
    check(wrap(data, ''));
  } catch (error) {
    problems.push((error as Error).message);
  }
  for (const record of tracked) {
    if (record.enumerated) continue;
    for (const key of Object.keys(record.target)) {
      if (!record.read.has(key)) problems.push(`${record.path}/${key} is not a field of the schema`);
    }
  }
  return problems;
}
