import { haversineKm, nearestHalls, SERVICE_HALL_SEED } from './service-halls';

describe('haversineKm', () => {
  it('when two points are one degree of latitude apart, then they are about 111.2 km apart', () => {
    expect(haversineKm({ latitude: 32, longitude: 119 }, { latitude: 33, longitude: 119 })).toBeCloseTo(111.2, 1);
  });

  it('when the points are Beijing and Shanghai, then the distance is about 1067 km', () => {
    expect(haversineKm({ latitude: 39.9042, longitude: 116.4074 }, { latitude: 31.2304, longitude: 121.4737 })).toBeGreaterThan(1060);
    expect(haversineKm({ latitude: 39.9042, longitude: 116.4074 }, { latitude: 31.2304, longitude: 121.4737 })).toBeLessThan(1075);
  });

  it('when both points are the same, then the distance is 0', () => {
    expect(haversineKm({ latitude: 32.2, longitude: 119.4 }, { latitude: 32.2, longitude: 119.4 })).toBe(0);
  });
});

describe('nearestHalls', () => {
  it('when a resident is in Jurong, then the Jurong hall comes first and the list is ordered by distance', () => {
    const result = nearestHalls(SERVICE_HALL_SEED, { latitude: 31.95, longitude: 119.16 }, 3);
    expect(result[0]!.hall.slug).toBe('zj-jurong');
    expect(result.map((r) => r.km)).toEqual([...result.map((r) => r.km)].sort((a, b) => a - b));
    expect(result).toHaveLength(3);
  });

  it('when the seed is read, then every hall is marked as sample data and slugs are unique', () => {
    expect(SERVICE_HALL_SEED.every((h) => h.isSample)).toBe(true);
    expect(new Set(SERVICE_HALL_SEED.map((h) => h.slug)).size).toBe(SERVICE_HALL_SEED.length);
    expect(SERVICE_HALL_SEED).toHaveLength(8);
  });
});
