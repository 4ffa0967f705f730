// GET /f04: a page of the "snacks" collection, filtered, sorted and paged.
import { badRequest, nextCursor, ok, page, query } from "./lib/http";
import { single } from "./lib/router";
import { items, sortBy } from "./lib/data";
import { array, number, object, oneOf, optional, parse, string } from "./lib/validate";

const records = items("snacks");

const schema = object({
  q: optional(string({ min: 2, max: 40, trim: true })),
  kind: optional(oneOf(["book", "game", "tool", "food", "toy"] as const)),
  tags: optional(array(string({ pattern: /^[a-z]+$/ }), { max: 3 })),
  maxPrice: optional(number({ min: 0 })),
  sort: optional(oneOf(["name", "price", "stock", "created"] as const), "name"),
  desc: optional(oneOf(["true", "false"] as const), "false"),
  limit: optional(string()),
  cursor: optional(string()),
});

export const handler = single("f04", "/f04", ({ event, log }) => {
  const params = query(event);
  const input = parse(schema, params, (issues) =>
    badRequest("invalid query", issues.map((i) => ({ path: i.path, message: i.message }))),
  );
  const at = page(params, 54);
  const needle = input.q?.toLowerCase();
  const found = records.filter(
    (r) =>
      (!needle || r.name.toLowerCase().includes(needle)) &&
      (!input.kind || r.kind === input.kind) &&
      (!input.tags || input.tags.every((t) => r.tags.includes(t))) &&
      (input.maxPrice === undefined || r.price <= input.maxPrice),
  );
  const sorted = sortBy(found, input.sort ?? "name", input.desc === "true");
  log("listed", { found: found.length });
  return ok({
    items: sorted.slice(at.offset, at.offset + at.limit),
    total: found.length,
    next: nextCursor(at, found.length),
  });
});
