// Preloaded (NODE_OPTIONS=--import …) into every Node process of the second build in the
// reproducibility check: the wall clock reads about 3 years, 41 days and 3 h 25 min later than
// it is, so anything that leaks `new Date()` / `Date.now()` into the output makes the two builds
// differ. Dates built from explicit values (new Date('2025-08-10')) are untouched, and so are
// monotonic timers (performance.now, process.hrtime).
const OFFSET_MS = ((3 * 365 + 41) * 24 * 3600 + 3 * 3600 + 25 * 60 + 17) * 1000;
const RealDate = globalThis.Date;
const now = () => RealDate.now() + OFFSET_MS;

globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length ? args : [now()], newTarget === globalThis.Date ? target : newTarget);
  },
  apply() {
    // Date() called as a function returns the current time as a string.
    return new RealDate(now()).toString();
  },
  get(target, prop, receiver) {
    if (prop === 'now') return now;
    return Reflect.get(target, prop, receiver);
  },
});
globalThis.__deployClockShiftMs = OFFSET_MS;
