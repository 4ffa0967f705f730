// GET /f15: what the function sees of the request ("paints" service info).
import { header, ok, query } from "./lib/http";
import { single } from "./lib/router";

const started = new Date().toISOString();

export const handler = single("f15", "/f15", ({ event, requestId }) =>
  ok({
    service: "paints",
    requestId,
    coldStart: started,
    path: event.rawPath,
    query: query(event),
    userAgent: header(event, "user-agent") ?? null,
    sourceIp: event.requestContext?.http?.sourceIp ?? null,
  }),
);
