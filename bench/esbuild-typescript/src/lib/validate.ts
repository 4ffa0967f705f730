// A small validation library: a schema is a function from an unknown value
// to a result, composed from the primitives below; errors carry the path of
// the value that failed.
export interface Issue {
  path: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export type Schema<T> = (value: unknown, path: string) => Result<T>;

export type Infer<S> = S extends Schema<infer T> ? T : never;

const pass = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(path: string, message: string): Result<T> => ({ ok: false, issues: [{ path, message }] });

export interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
  trim?: boolean;
}

export function string(rules: StringRules = {}): Schema<string> {
  return (value, path) => {
    if (typeof value !== "string") return fail(path, "must be a string");
    const text = rules.trim ? value.trim() : value;
    if (rules.min !== undefined && text.length < rules.min) return fail(path, `must be at least ${rules.min} characters`);
    if (rules.max !== undefined && text.length > rules.max) return fail(path, `must be at most ${rules.max} characters`);
    if (rules.pattern && !rules.pattern.test(text)) return fail(path, `must match ${rules.pattern}`);
    return pass(text);
  };
}

export interface NumberRules {
  min?: number;
  max?: number;
  integer?: boolean;
}

// A number, or a string holding one (query string parameters are strings).
export function number(rules: NumberRules = {}): Schema<number> {
  return (value, path) => {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || Number.isNaN(n)) return fail(path, "must be a number");
    if (rules.integer && !Number.isInteger(n)) return fail(path, "must be an integer");
    if (rules.min !== undefined && n < rules.min) return fail(path, `must be at least ${rules.min}`);
    if (rules.max !== undefined && n > rules.max) return fail(path, `must be at most ${rules.max}`);
    return pass(n);
  };
}

export function boolean(): Schema<boolean> {
  return (value, path) => {
    if (typeof value === "boolean") return pass(value);
    if (value === "true" || value === "1") return pass(true);
    if (value === "false" || value === "0") return pass(false);
    return fail(path, "must be true or false");
  };
}

export function oneOf<const T extends readonly string[]>(choices: T): Schema<T[number]> {
  return (value, path) =>
    typeof value === "string" && (choices as readonly string[]).includes(value)
      ? pass(value as T[number])
      : fail(path, `must be one of ${choices.join(", ")}`);
}

export function optional<T>(schema: Schema<T>, fallback?: T): Schema<T | undefined> {
  return (value, path) => (value === undefined || value === null || value === "" ? pass(fallback) : schema(value, path));
}

export function array<T>(item: Schema<T>, rules: { min?: number; max?: number } = {}): Schema<T[]> {
  return (value, path) => {
    // A comma-separated string is a list, as in `?tags=a,b`.
    const items = typeof value === "string" ? value.split(",").filter((s) => s !== "") : value;
    if (!Array.isArray(items)) return fail(path, "must be a list");
    if (rules.min !== undefined && items.length < rules.min) return fail(path, `must hold at least ${rules.min} items`);
    if (rules.max !== undefined && items.length > rules.max) return fail(path, `must hold at most ${rules.max} items`);
    const out: T[] = [];
    const issues: Issue[] = [];
    items.forEach((element, i) => {
      const result = item(element, `${path}[${i}]`);
      if (result.ok) out.push(result.value);
      else issues.push(...result.issues);
    });
    return issues.length ? { ok: false, issues } : pass(out);
  };
}

export type Shape = Record<string, Schema<unknown>>;
export type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

export function object<S extends Shape>(shape: S, options: { strict?: boolean } = {}): Schema<ObjectOf<S>> {
  return (value, path) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return fail(path, "must be an object");
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const [key, schema] of Object.entries(shape)) {
      const result = schema(record[key], path ? `${path}.${key}` : key);
      if (result.ok) {
        if (result.value !== undefined) out[key] = result.value;
      } else {
        issues.push(...result.issues);
      }
    }
    if (options.strict) {
      for (const key of Object.keys(record)) {
        if (!(key in shape)) issues.push({ path: path ? `${path}.${key}` : key, message: "is not allowed" });
      }
    }
    return issues.length ? { ok: false, issues } : pass(out as ObjectOf<S>);
  };
}

export function parse<T>(schema: Schema<T>, value: unknown, onError: (issues: Issue[]) => Error): T {
  const result = schema(value, "");
  if (!result.ok) throw onError(result.issues);
  return result.value;
}
