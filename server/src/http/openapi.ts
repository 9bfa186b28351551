import { z } from 'zod';
import { ErrorBody } from '@zj/shared';
import type { ApiRoute } from './api-route';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  304: 'not modified (If-None-Match matched the ETag)',
  400: 'invalid request: the body names the parameter and the problem',
  401: 'no valid session token: log in again (POST /api/v1/session)',
  404: 'no published item with that id',
  413: 'body too large',
  415: 'body is not JSON',
  429: 'too many requests: wait the Retry-After seconds',
  503: 'the WeChat platform is unavailable',
};

/**
 * Named (`.meta({ id })`) and recursive schemas come back as `$defs`; their refs would resolve against the
 * whole document, so they move to `components.schemas`, with input and output shapes kept apart.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _drop, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  if (!$defs) return rest;
  const suffix = io === 'input' ? 'Input' : '';
  const relink = (v: unknown) => JSON.parse(JSON.stringify(v).replace(/"#\/\$defs\/([^"]+)"/g, `"#/components/schemas/$1${suffix}"`)) as Record<string, unknown>;
  for (const [name, def] of Object.entries($defs as Record<string, unknown>)) components[`${name}${suffix}`] = relink(def);
  return relink(rest);
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path', components: Record<string, unknown>) {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input', components) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: prop,
  }));
}

/** The OpenAPI 3.1 document of a set of routes, generated from the same zod schemas that validate them. */
export function buildOpenApi(info: { title: string; version: string; description: string }, prefix: string, routes: readonly ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  const errorContent = { 'application/json': { schema: jsonSchema(ErrorBody, 'output', schemas) } };
  for (const r of routes) {
    const path = `${prefix}${r.path}`.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      200: {
        description: 'OK',
        ...(r.cacheable ? { headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } } } : {}),
        content: { 'application/json': { schema: jsonSchema(r.response, 'output', schemas) } },
      },
    };
    const codes = new Set([...(r.cacheable ? [304] : []), ...(r.params || r.query || r.body ? [400] : []), ...(r.errors ?? [])]);
    for (const code of [...codes].sort()) {
      responses[code] = code === 304 ? { description: ERROR_DESCRIPTIONS[304] } : { description: ERROR_DESCRIPTIONS[code] ?? 'error', content: errorContent };
    }
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path', schemas), ...parameters(r.query, 'query', schemas)],
      ...(r.auth ? { security: r.auth === 'required' ? [{ session: [] }] : [{}, { session: [] }] } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input', schemas) } } } } : {}),
      responses,
    };
  }
  return { openapi: '3.1.0', info, jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema', paths, components: { schemas, securitySchemes: { session: { type: 'http', scheme: 'bearer', description: 'the token of POST /api/v1/session' } } } };
}
