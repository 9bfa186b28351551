import { useCallback, useEffect, useRef, useState } from 'react';

export type Resource<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

export const errorMessage = (err: unknown): string => (err instanceof Error && err.message ? err.message : '加载失败，请稍后重试');

/** Loads once on mount and again on `reload`; an answer that arrives after a newer request is dropped. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): { state: Resource<T>; reload: () => Promise<void> } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const latest = useRef(0);
  // The caller lists what `load` depends on, as with useEffect.
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    try {
      const data = await load();
      if (request === latest.current) setState({ status: 'ready', data });
    } catch (err) {
      if (request === latest.current) setState({ status: 'error', message: errorMessage(err) });
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
