import { type DependencyList, useEffect, useState } from 'react';

import { getErrorMessage } from '../dataProvider/apiError';

export type Loaded<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; value: T };

/** Runs `load` when `deps` change; a result that arrives after newer deps is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => {
        if (current) setResult({ state: 'done', value });
      },
      (error: unknown) => {
        if (current) setResult({ state: 'error', message: getErrorMessage(error) });
      },
    );
    return () => {
      current = false;
    };
    // The caller names what `load` depends on.
  }, deps);
  return result;
}
