import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * Loads `load()` now and every `seconds` while `live` is on. Keeps the last good data on a failed
 * refresh so the page does not flash empty, and reports whether the data changed so the live
 * region can announce only real changes.
 */
export function usePolling(load, deps, { seconds, live }) {
  const [state, setState] = useState({
    data: undefined,
    error: undefined,
    loading: true,
    updatedAt: undefined,
  });
  const lastJson = useRef('');
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const data = await load();
      if (mine !== generation.current) return;
      const json = JSON.stringify(data);
      const changed = json !== lastJson.current;
      lastJson.current = json;
      setState({ data, error: undefined, loading: false, updatedAt: new Date(), changed });
    } catch (error) {
      if (mine !== generation.current) return;
      setState((previous) => ({ ...previous, error, loading: false }));
    }
  }, deps);

  useEffect(() => {
    lastJson.current = '';
    setState({ data: undefined, error: undefined, loading: true, updatedAt: undefined });
    refresh();
  }, [refresh]);

  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(refresh, seconds * 1000);
    return () => clearInterval(timer);
  }, [refresh, live, seconds]);

  return { ...state, refresh };
}
