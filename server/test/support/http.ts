/** The JSON body of a response that must have `status` (200 by default); otherwise the test fails with the body. */
export async function json<T = Record<string, unknown>>(res: Response, status = 200): Promise<T> {
  const body = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${body}`);
  return (body === '' ? undefined : JSON.parse(body)) as T;
}

/** The same, checked against the response's schema, so a test reads exactly what the contract promises. */
export async function parsedJson<T>(res: Response, schema: { parse(v: unknown): T }, status = 200): Promise<T> {
  return schema.parse(await json<unknown>(res, status));
}
