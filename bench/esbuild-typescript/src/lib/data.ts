// Deterministic sample records, so the handlers have something to filter,
// sort and page through without a database.
// A type, not an interface: a record is JSON (`Json`) as it is.
export type Item = {
  id: string;
  name: string;
  kind: string;
  price: number;
  stock: number;
  tags: string[];
  created: string;
};

const kinds = ["book", "game", "tool", "food", "toy"] as const;
const tags = ["new", "sale", "gift", "eco", "local", "bulk"] as const;

// A small linear congruential generator: the same records on every cold start.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function items(collection: string, count = 250): Item[] {
  let seed = 0;
  for (const c of collection) seed = (Math.imul(seed, 31) + c.charCodeAt(0)) | 0;
  const next = random(seed);
  const out: Item[] = [];
  for (let i = 0; i < count; i++) {
    const day = Math.floor(next() * 365);
    out.push({
      id: `${collection}-${String(i + 1).padStart(4, "0")}`,
      name: `${collection} ${i + 1}`,
      kind: kinds[Math.floor(next() * kinds.length)],
      price: Math.round(next() * 10000) / 100,
      stock: Math.floor(next() * 50),
      tags: tags.filter(() => next() < 0.3),
      created: new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10),
    });
  }
  return out;
}

export type SortKey = "name" | "price" | "stock" | "created";

export function sortBy<T extends Item>(records: T[], key: SortKey, descending = false): T[] {
  const sign = descending ? -1 : 1;
  return [...records].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}

export function summary(records: Item[]) {
  const byKind: Record<string, number> = {};
  let value = 0;
  for (const r of records) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    value += r.price * r.stock;
  }
  return { count: records.length, byKind, stockValue: Math.round(value * 100) / 100 };
}
