import { isLoopback, metricsAccess } from './metrics';

describe('/metrics access rule', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.0.0.2', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['1270.0.0.1', false],
    ['fe80::1', false],
    [undefined, false],
  ])('when the peer is %s, then loopback is %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it('when no token is configured, then another host is refused whatever it presents', () => {
    const allowed = metricsAccess(null);
    expect(allowed('10.0.0.1', '')).toBe(false);
    expect(allowed('10.0.0.1', 'Bearer ')).toBe(false);
    expect(allowed('127.0.0.1', '')).toBe(true);
  });

  it('when a token is configured, then only the exact bearer opens it to another host', () => {
    const allowed = metricsAccess('s3cret-metrics-token');
    expect(allowed('10.0.0.1', 'Bearer s3cret-metrics-token')).toBe(true);
    expect(allowed('10.0.0.1', 'bearer s3cret-metrics-token')).toBe(false);
    expect(allowed('10.0.0.1', 's3cret-metrics-token')).toBe(false);
    expect(allowed('10.0.0.1', '')).toBe(false);
  });
});
