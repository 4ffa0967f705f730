// Wraps a handler: a request id, a log line per request with its duration,
// the error responses, and routes by method and path pattern (`/items/{id}`)
// for a function that serves more than one route.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { randomUUID } from "node:crypto";
import { errorResponse, HttpError, json } from "./http";

export type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Request {
  event: APIGatewayProxyEventV2;
  params: Record<string, string>;
  requestId: string;
  log: (message: string, fields?: Record<string, unknown>) => void;
}

export type Route = (request: Request) => Promise<APIGatewayProxyStructuredResultV2> | APIGatewayProxyStructuredResultV2;

interface Compiled {
  method: string;
  pattern: RegExp;
  names: string[];
  route: Route;
}

function compile(method: string, path: string, route: Route): Compiled {
  const names: string[] = [];
  const source = path
    .split("/")
    .map((part) => {
      const m = /^\{(\w+)(\+?)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(m[1]);
      return m[2] ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), names, route };
}

function logger(requestId: string, name: string) {
  return (message: string, fields: Record<string, unknown> = {}) =>
    console.log(JSON.stringify({ level: "info", fn: name, requestId, message, ...fields }));
}

export class Router {
  private readonly routes: Compiled[] = [];

  constructor(private readonly name: string) {}

  on(method: string, path: string, route: Route): this {
    this.routes.push(compile(method, path, route));
    return this;
  }

  get(path: string, route: Route): this {
    return this.on("GET", path, route);
  }

  handler(): Handler {
    return async (event, context) => {
      const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? randomUUID();
      const log = logger(requestId, this.name);
      const started = Date.now();
      const method = event.requestContext?.http?.method ?? "GET";
      const path = event.rawPath ?? "/";
      let response: APIGatewayProxyStructuredResultV2;
      try {
        response = await this.dispatch(method, path, { event, params: {}, requestId, log });
      } catch (error) {
        if (!(error instanceof HttpError)) log("failed", { error: String(error) });
        response = errorResponse(error, requestId);
      }
      log("done", { method, path, status: response.statusCode, ms: Date.now() - started });
      return response;
    };
  }

  private async dispatch(method: string, path: string, request: Request) {
    const allowed: string[] = [];
    for (const { method: wanted, pattern, names, route } of this.routes) {
      const m = pattern.exec(path);
      if (!m) continue;
      if (wanted !== method.toUpperCase()) {
        allowed.push(wanted);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
      return route({ ...request, params });
    }
    if (allowed.length) return json(405, { error: "method not allowed", allowed }, { allow: allowed.join(", ") });
    throw new HttpError(404, `no route for ${method} ${path}`);
  }
}

// One route at the function's own path: the handler of most functions.
export function single(name: string, path: string, route: Route): Handler {
  return new Router(name).get(path, route).handler();
}
