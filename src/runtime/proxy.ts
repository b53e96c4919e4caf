import { perProcess, type PerProcessOptions } from './per-process.js';

/**
 * perProcess() behind an object that keeps the value's API, for exported singletons whose users cannot
 * all be rewritten to call get(). Every property read goes to the current value; functions come back
 * bound to it, so classes with #private fields work. Within one generation a method read twice is the
 * same function. What a proxy cannot preserve: `proxy === value` is never true, the bound methods differ
 * from the value's own (`proxy.m !== value.m`) and change after a restore, and each access costs more
 * than a plain property read. Prefer perProcess().get() where the call sites can be rewritten.
 */
export function perProcessProxy<T extends object>(factory: () => T, options: PerProcessOptions<T> = {}): T {
  const holder = perProcess(factory, options);
  let boundTo: object | undefined;
  let bound = new Map<PropertyKey, { original: Function; bound: Function }>();

  const methodOf = (value: object, key: PropertyKey, member: Function): Function => {
    if (boundTo !== value) {
      boundTo = value;
      bound = new Map();
    }
    const cached = bound.get(key);
    if (cached?.original === member) return cached.bound;
    const fresh = member.bind(value);
    bound.set(key, { original: member, bound: fresh });
    return fresh;
  };

  // The target is a plain extensible object that never holds properties itself, so every trap may
  // answer from the current value without breaking a proxy invariant.
  return new Proxy({} as T, {
    get(_target, key) {
      const value = holder.get();
      // Same meaning as Reflect.get(value, key, value), measurably faster inside a trap.
      const member: unknown = (value as Record<PropertyKey, unknown>)[key];
      return typeof member === 'function' ? methodOf(value, key, member) : member;
    },
    set: (_target, key, newValue) => Reflect.set(holder.get(), key, newValue),
    has: (_target, key) => Reflect.has(holder.get(), key),
    deleteProperty: (_target, key) => Reflect.deleteProperty(holder.get(), key),
    ownKeys: () => Reflect.ownKeys(holder.get()),
    getOwnPropertyDescriptor(_target, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(holder.get(), key);
      // A proxy may not report a non-configurable property its target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_target, key, descriptor) => Reflect.defineProperty(holder.get(), key, descriptor),
    getPrototypeOf: () => Reflect.getPrototypeOf(holder.get()),
  });
}
