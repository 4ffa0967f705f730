// GET /f18: what the function sees of the request ("kites" service info).
import { header, ok, query } from "./lib/http";
import { single } from "./lib/router";

const started = new Date().toISOString();

export const handler = single("f18", "/f18", ({ event, requestId }) =>
  ok({
    service: "kites",
    requestId,
    coldStart: started,
    path: event.rawPath,
    query: query(event),
    userAgent: header(event, "user-agent") ?? null,
    sourceIp: event.requestContext?.http?.sourceIp ?? null,
  }),
);
