import { correctedLatency } from './measure';

describe('latency at a fixed rate', () => {
  it('when every response is faster than the interval, then the percentiles are those of the responses', () => {
    const latencies = Array.from({ length: 100 }, (_, i) => (i + 1) / 10);
    expect(correctedLatency(latencies, 10)).toEqual({ p50: 5, p90: 9, p99: 9.9, max: 10 });
  });

  it('when a response is slower than the interval, then it also stands for the requests its connection could not send', () => {
    // 35 ms at a 10 ms interval: 35, 25 and 15 (5 is below the interval, as in HdrHistogram).
    expect(correctedLatency([35], 10)).toEqual({ p50: 25, p90: 35, p99: 35, max: 35 });
    // Autocannon's 1 ms interval makes it 35 values, 35 down to 1.
    expect(correctedLatency([35], 1).p50).toBe(18);
    expect(correctedLatency([...Array.from({ length: 296 }, () => 2), 35], 10).p99).toBe(15);
  });

  it('when nothing answered, then zeros', () => {
    expect(correctedLatency([], 10)).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });
});
