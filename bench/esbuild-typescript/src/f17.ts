// GET /f17: a stock summary of the "cards" collection, by kind or in all.
import { badRequest, ok, query } from "./lib/http";
import { single } from "./lib/router";
import { items, summary } from "./lib/data";
import { boolean, number, object, oneOf, optional, parse } from "./lib/validate";

const records = items("cards", 270);

const schema = object(
  {
    kind: optional(oneOf(["book", "game", "tool", "food", "toy"] as const)),
    inStock: optional(boolean(), false),
    minStock: optional(number({ integer: true, min: 0, max: 50 }), 0),
  },
  { strict: true },
);

export const handler = single("f17", "/f17", ({ event }) => {
  const input = parse(schema, query(event), (issues) =>
    badRequest("invalid query", issues.map((i) => ({ path: i.path, message: i.message }))),
  );
  const chosen = records.filter(
    (r) =>
      (!input.kind || r.kind === input.kind) &&
      (!input.inStock || r.stock > 0) &&
      r.stock >= (input.minStock ?? 0),
  );
  return ok({ collection: "cards", ...summary(chosen) });
});
