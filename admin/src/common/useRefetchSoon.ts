import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';

/**
 * A callback that invalidates the queries under `queryKey` once, `delayMs` after its first call:
 * a burst of pushed events costs one refetch. The pending timer is dropped on unmount.
 */
export function useRefetchSoon(queryKey: QueryKey, delayMs: number): () => void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const key = useRef(queryKey);
  key.current = queryKey;

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  return useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void queryClient.invalidateQueries({ queryKey: key.current });
    }, delayMs);
  }, [queryClient, delayMs]);
}
