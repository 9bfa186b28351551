import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useElderMode } from '../lib/elder-mode';
import './common.css';

/**
 * Every page's root: carries the 长辈模式 class that scales all text (see common.css). A page that
 * switches the mode passes its own current value, so the change shows at once.
 */
export function PageShell({ children, className = '', elder: shown }: { children: ReactNode; className?: string; elder?: boolean }) {
  const [stored] = useElderMode();
  const elder = shown ?? stored;
  return <View className={`page ${elder ? 'elder' : ''} ${className}`}>{children}</View>;
}
