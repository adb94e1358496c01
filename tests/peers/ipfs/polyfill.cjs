// js-ipfs 0.66.1 floats transitive dependencies (mortice -> it-queue) that call Promise.withResolvers,
// which Node 20 lacks. Loaded with `node --require ./polyfill.cjs`.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
}
