import { asc } from 'drizzle-orm';
import type { Database } from '../../db/database';
import type { GeoPoint } from './inbound';
import { serviceHalls } from './tables';

/** Public service halls and the "nearest hall" answer to a location (research/wechat.md §1.3 location). */

export type ServiceHall = typeof serviceHalls.$inferSelect;
export type NewServiceHall = Omit<typeof serviceHalls.$inferInsert, 'id'>;

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine): accurate to well under 1 % at city scale. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The `count` halls closest to `from`, nearest first (ties by name, so the order is stable). */
export function nearestHalls<H extends { latitude: number; longitude: number; name: string }>(
  halls: readonly H[],
  from: GeoPoint,
  count: number,
): Array<{ hall: H; km: number }> {
  return halls
    .map((hall) => ({ hall, km: haversineKm(from, hall) }))
    .sort((a, b) => a.km - b.km || a.hall.name.localeCompare(b.hall.name))
    .slice(0, count);
}

const SAMPLE_HOURS = '工作日上午9:00—12:00，下午13:30—17:00（法定节假日除外，以大厅公告为准）';

/**
 * The bureau's hall and one per district / county-level city. NOT CONFIRMED: addresses, hours and
 * coordinates (approximate centres of each district seat) were not checked against an official list,
 * so every row is is_sample and the reply says so until an editor confirms it.
 */
export const SERVICE_HALL_SEED: readonly NewServiceHall[] = [
  { slug: 'zj-city', name: '镇江市人力资源和社会保障局（市民中心人社窗口）', district: 'runzhou', address: '镇江市市民中心（详细地址待核实）', latitude: 32.1883, longitude: 119.425 },
  { slug: 'zj-jingkou', name: '京口区人社服务大厅', district: 'jingkou', address: '镇江市京口区（详细地址待核实）', latitude: 32.205, longitude: 119.47 },
  { slug: 'zj-runzhou', name: '润州区人社服务大厅', district: 'runzhou', address: '镇江市润州区（详细地址待核实）', latitude: 32.195, longitude: 119.41 },
  { slug: 'zj-dantu', name: '丹徒区人社服务大厅', district: 'dantu', address: '镇江市丹徒区（详细地址待核实）', latitude: 32.13, longitude: 119.433 },
  { slug: 'zj-xinqu', name: '镇江新区人社服务大厅', district: 'xinqu', address: '镇江新区大港（详细地址待核实）', latitude: 32.21, longitude: 119.69 },
  { slug: 'zj-danyang', name: '丹阳市人社服务大厅', district: 'danyang', address: '丹阳市（详细地址待核实）', latitude: 32.01, longitude: 119.606 },
  { slug: 'zj-yangzhong', name: '扬中市人社服务大厅', district: 'yangzhong', address: '扬中市（详细地址待核实）', latitude: 32.237, longitude: 119.797 },
  { slug: 'zj-jurong', name: '句容市人社服务大厅', district: 'jurong', address: '句容市（详细地址待核实）', latitude: 31.945, longitude: 119.169 },
].map((h) => ({ ...h, phone: '12333', hours: SAMPLE_HOURS, isSample: true }));

/** Inserts halls whose slug is new; existing rows (which editors may have corrected) are left alone. */
export async function seedServiceHalls(db: Database, halls: readonly NewServiceHall[] = SERVICE_HALL_SEED): Promise<number> {
  if (halls.length === 0) return 0;
  const inserted = await db.insert(serviceHalls).values([...halls]).onConflictDoNothing({ target: serviceHalls.slug }).returning({ id: serviceHalls.id });
  return inserted.length;
}

export async function listServiceHalls(db: Database): Promise<ServiceHall[]> {
  return db.select().from(serviceHalls).orderBy(asc(serviceHalls.id));
}
