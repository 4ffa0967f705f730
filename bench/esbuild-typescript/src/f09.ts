// GET /f09: what the function sees of the request ("mugs" service info).
import { header, ok, query } from "./lib/http";
import { single } from "./lib/router";

const started = new Date().toISOString();

export const handler = single("f09", "/f09", ({ event, requestId }) =>
  ok({
    service: "mugs",
    requestId,
    coldStart: started,
    path: event.rawPath,
    query: query(event),
    userAgent: header(event, "user-agent") ?? null,
    sourceIp: event.requestContext?.http?.sourceIp ?? null,
  }),
);
