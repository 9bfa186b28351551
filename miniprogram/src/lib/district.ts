import Taro from '@tarojs/taro';
import { District, DISTRICTS } from '@zj/shared';

const KEY = 'district';
/** Until the resident picks one: 京口区, the city centre. */
export const DEFAULT_DISTRICT: District = 'jingkou';

export function readDistrict(): District {
  try {
    const stored = District.safeParse(Taro.getStorageSync(KEY));
    return stored.success ? stored.data : DEFAULT_DISTRICT;
  } catch {
    return DEFAULT_DISTRICT;
  }
}

export function writeDistrict(district: District): void {
  Taro.setStorageSync(KEY, district);
}

export const districtNames = DISTRICTS.map((d) => d.name);
export const districtAt = (index: number): District => DISTRICTS[index]?.code ?? DEFAULT_DISTRICT;
export const districtIndex = (district: District): number => DISTRICTS.findIndex((d) => d.code === district);
