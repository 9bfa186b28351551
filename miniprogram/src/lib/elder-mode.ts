import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';

const KEY = 'elderMode';

/** 长辈模式: larger text everywhere, remembered on the phone. */
export function readElderMode(): boolean {
  try {
    return Taro.getStorageSync(KEY) === true;
  } catch {
    return false;
  }
}

export function writeElderMode(on: boolean): void {
  Taro.setStorageSync(KEY, on);
}

/** The current setting, re-read whenever a page shows again (it may have been switched on another page). */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(readElderMode);
  useDidShow(() => setOn(readElderMode()));
  return [
    on,
    (next: boolean) => {
      writeElderMode(next);
      setOn(next);
    },
  ];
}
