import { AsyncLocalStorage, createHook } from 'node:async_hooks';

/** Whose work is running: a gate's name, or SHARED for workspace facts every gate uses. */
export const SHARED = '(shared)';

/**
 * Gates run concurrently on one thread, so a gate's wall time includes every other gate's work.
 * The clock charges each stretch of synchronous execution to the gate (or the shared facts) whose
 * asynchronous context it runs in: a gate's own time is what it alone kept the thread busy.
 */
export interface GateClock {
  /** Run fn as `owner`'s work (its promise continuations stay charged to `owner`). */
  run<T>(owner: string, fn: () => T): T;
  /** Milliseconds charged to `owner` so far. */
  spent(owner: string): number;
  /** Stop charging (removes the async hook). */
  stop(): void;
  /** The time source every charge is read from (milliseconds). */
  now(): number;
}

/** `now` is injectable so tests charge exact, load-independent times. */
export function createGateClock(now: () => number = () => performance.now()): GateClock {
  const store = new AsyncLocalStorage<string>();
  const spent = new Map<string, number>();
  let current: string | undefined;
  let since = now();
  const switchTo = (owner: string | undefined): void => {
    const at = now();
    if (current !== undefined) spent.set(current, (spent.get(current) ?? 0) + at - since);
    current = owner;
    since = at;
  };
  const stack: (string | undefined)[] = [];
  // `before` runs once the callback's async context is entered, so the store is already its owner's.
  const hook = createHook({
    before() {
      stack.push(current);
      switchTo(store.getStore());
    },
    after() {
      switchTo(stack.pop());
    },
  }).enable();
  return {
    run(owner, fn) {
      const outer = current;
      switchTo(owner);
      try {
        return store.run(owner, fn);
      } finally {
        switchTo(outer);
      }
    },
    spent(owner) {
      if (current === owner) switchTo(owner);
      return spent.get(owner) ?? 0;
    },
    stop() {
      switchTo(undefined);
      hook.disable();
    },
    now,
  };
}
