// HTTP helpers shared by the handlers: JSON responses, errors that carry a
// status, reading the query string, headers and a JSON body of an HTTP API
// (payload 2.0) event.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class HttpError extends Error {
  readonly status: number;
  readonly details: Json;

  constructor(status: number, message: string, details: Json = null) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.details = details;
  }
}

export const badRequest = (message: string, details: Json = null) => new HttpError(400, message, details);
export const notFound = (what: string) => new HttpError(404, `${what} not found`);

const baseHeaders: Record<string, string> = {
  "content-type": "application/json; charset=utf-8",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export function json(status: number, body: Json, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: status,
    headers: { ...baseHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

export const ok = (body: Json, headers?: Record<string, string>) => json(200, body, headers);

export function errorResponse(error: unknown, requestId: string): APIGatewayProxyStructuredResultV2 {
  if (error instanceof HttpError) {
    return json(error.status, { error: error.message, details: error.details, requestId });
  }
  const message = error instanceof Error ? error.message : String(error);
  return json(500, { error: "internal error", message, requestId });
}

export function query(event: APIGatewayProxyEventV2): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export function body(event: APIGatewayProxyEventV2): Json {
  if (!event.body) return null;
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw badRequest("the body is not JSON", { reason: (error as Error).message });
  }
}

// Pagination from `limit` and `cursor` (an opaque base64url offset).
export interface Page {
  limit: number;
  offset: number;
}

export function page(params: Record<string, string>, maxLimit = 100): Page {
  const limit = params.limit === undefined ? 20 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw badRequest(`limit must be an integer from 1 to ${maxLimit}`);
  }
  let offset = 0;
  if (params.cursor !== undefined) {
    offset = Number(Buffer.from(params.cursor, "base64url").toString("utf8"));
    if (!Number.isInteger(offset) || offset < 0) throw badRequest("cursor is not valid");
  }
  return { limit, offset };
}

export function nextCursor(page: Page, total: number): string | null {
  const next = page.offset + page.limit;
  return next < total ? Buffer.from(String(next), "utf8").toString("base64url") : null;
}
