// GET /f06: what the function sees of the request ("maps" service info).
import { header, ok, query } from "./lib/http";
import { single } from "./lib/router";

const started = new Date().toISOString();

export const handler = single("f06", "/f06", ({ event, requestId }) =>
  ok({
    service: "maps",
    requestId,
    coldStart: started,
    path: event.rawPath,
    query: query(event),
    userAgent: header(event, "user-agent") ?? null,
    sourceIp: event.requestContext?.http?.sourceIp ?? null,
  }),
);
