import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { registrationCountdown, type RegistrationWindow } from '../lib/countdown';

/** The registration countdown, refreshed every half minute while the page is open. */
export function Countdown({ window }: { window: RegistrationWindow }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const { phase, text } = registrationCountdown(window, now);
  return <Text className={`countdown countdown-${phase}`}>{text}</Text>;
}
