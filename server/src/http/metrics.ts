import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface HttpMetrics {
  registry: Registry;
  observe(method: string, route: string, status: number, seconds: number): void;
}

/** A registry per app instance, so tests and several apps in one process never share counters. */
export function createHttpMetrics(): HttpMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    registry,
    observe(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
  };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack listener reports ::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * Who may read /metrics: the socket's peer when it is this machine, or a caller presenting the configured
 * bearer token. The peer is the socket's, never X-Forwarded-For, which any client can write.
 */
export function metricsAccess(token: string | null): (remoteAddress: string | undefined, authorization: string) => boolean {
  // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the token's length.
  const expected = token === null ? null : digest(`Bearer ${token}`);
  return (remoteAddress, authorization) =>
    isLoopback(remoteAddress) || (expected !== null && authorization !== '' && timingSafeEqual(digest(authorization), expected));
}
