// GET /f03: what the function sees of the request ("tools" service info).
import { header, ok, query } from "./lib/http";
import { single } from "./lib/router";

const started = new Date().toISOString();

export const handler = single("f03", "/f03", ({ event, requestId }) =>
  ok({
    service: "tools",
    requestId,
    coldStart: started,
    path: event.rawPath,
    query: query(event),
    userAgent: header(event, "user-agent") ?? null,
    sourceIp: event.requestContext?.http?.sourceIp ?? null,
  }),
);
