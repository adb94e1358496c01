#!/usr/bin/env node
'use strict';
// Times Microsoft SEAL 4.1 (npm node-seal 6.0.3, WASM) on the CKKS operations of `vault bench ckks`, with the same
// parameters and the same operation definitions as the native SEAL anchor (see README.md, "Benchmark").
// Times are process CPU time (process.cpuUsage) with wall-clock time beside them, as in the Vault harness.
// Usage: node seal-bench.js [--n 13,14,15] [--quick] [--reps R] [--min-time SECONDS] [--warmup SECONDS]
// Prints one JSON document on stdout; on error prints "seal-bench: <message>" on stderr and exits 1 (2 = usage).

const USAGE = `usage: node seal-bench.js [--n 13,14,15] [--quick] [--reps R] [--min-time SECONDS] [--warmup SECONDS]
  --n         log2(N) values, comma-separated, from 13, 14, 15 (SEAL's BFVDefault chains; default all three)
  --quick     3 repetitions of >= 10 ms, no warm-up beyond two calls (a smoke run, not a measurement)
  --reps      repetitions per operation (default 9); the median is reported
  --min-time  minimum duration of one repetition in seconds (default 0.2)
  --warmup    warm-up duration per operation in seconds (default 0.5)`;

// Same ids, order and definitions as src/Vault.Cli/Bench/BenchmarkOperation.cs. NTT is not exposed by node-seal.
const OPS = [
  'ntt-forward', 'ntt-forward-lazy', 'ntt-inverse', 'ntt-forward-all', 'ntt-inverse-all', 'encode', 'decode',
  'encrypt-pk', 'encrypt-sk', 'decrypt', 'add', 'multiply-plain', 'multiply', 'relinearize', 'multiply-relinearize',
  'rescale', 'rotate', 'conjugate',
];
const NOT_EXPOSED = new Set(['ntt-forward', 'ntt-forward-lazy', 'ntt-inverse', 'ntt-forward-all', 'ntt-inverse-all']);
const SUPPORTED_LOGN = [13, 14, 15];
const LOG_SCALE = 40;

class UsageError extends Error {}

function parseArgs(argv) {
  const settings = { logNs: SUPPORTED_LOGN.slice(), reps: 9, minTime: 0.2, warmup: 0.5, quick: false };
  const number = (flag, value, min) => {
    const v = Number(value);
    if (value === undefined || !Number.isFinite(v) || v < min) throw new UsageError(`${flag} needs a number >= ${min}, got '${value}'`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') { settings.quick = true; settings.reps = 3; settings.minTime = 0.01; settings.warmup = 0; }
    else if (a === '--n') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('--n needs a value such as 13,14,15');
      settings.logNs = v.split(',').map((s) => {
        const n = Number(s.trim());
        if (!SUPPORTED_LOGN.includes(n)) throw new UsageError(`--n: ${s} is not supported; SEAL's default chains are benchmarked for log2(N) in ${SUPPORTED_LOGN.join(', ')}`);
        return n;
      });
    }
    else if (a === '--reps') settings.reps = Math.floor(number(a, argv[++i], 1));
    else if (a === '--min-time') settings.minTime = number(a, argv[++i], 0);
    else if (a === '--warmup') settings.warmup = number(a, argv[++i], 0);
    else if (a === '-h' || a === '--help') { process.stdout.write(`${USAGE}\n`); process.exit(0); }
    else throw new UsageError(`unknown argument '${a}'`);
  }
  return settings;
}

const now = () => Number(process.hrtime.bigint()); // wall clock, ns
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; }; // process CPU time, ns

const median = (values) => {
  const sorted = values.slice().sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Same method as the Vault harness: warm up (>= 2 calls and `warmup` seconds) to estimate one call, then `reps`
// repetitions of enough back-to-back calls to last `minTime`; report the median per-call mean of process CPU time
// (getrusage: what the process ran, not the time it waited for a core on a shared machine) and of wall time. With
// `prepare`, each call is timed on its own and the preparation is excluded.
function measure(call, prepare, s) {
  if (global.gc) global.gc();
  const start = now();
  let callNs = 0, warm = 0;
  do {
    if (prepare) prepare();
    const t0 = now();
    call();
    callNs += now() - t0;
    warm++;
  } while (warm < 2 || now() - start < s.warmup * 1e9);
  const calls = Math.max(1, Math.ceil((s.minTime * 1e9) / Math.max(1, callNs / warm)));
  const perCall = [], wallPerCall = [];
  for (let r = 0; r < s.reps; r++) {
    let ns = 0, cpuNs = 0;
    if (!prepare) {
      const c0 = cpuNow(), t0 = now();
      for (let i = 0; i < calls; i++) call();
      ns = now() - t0;
      cpuNs = cpuNow() - c0;
    } else {
      for (let i = 0; i < calls; i++) {
        prepare();
        const c0 = cpuNow(), t0 = now();
        call();
        ns += now() - t0;
        cpuNs += cpuNow() - c0;
      }
    }
    perCall.push(cpuNs / 1000 / calls);
    wallPerCall.push(ns / 1000 / calls);
  }
  const mean = perCall.reduce((x, y) => x + y, 0) / perCall.length;
  const variance = perCall.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, perCall.length - 1);
  return {
    clock: 'process-cpu', median_us: median(perCall), min_us: Math.min(...perCall), max_us: Math.max(...perCall),
    cv: mean > 0 ? Math.sqrt(variance) / mean : 0, wall_median_us: median(wallPerCall),
    repetitions: perCall.length, calls_per_repetition: calls,
  };
}

function benchOne(seal, logN, s) {
  const n = 1 << logN;
  const owned = [];
  const own = (o) => { owned.push(o); return o; };
  try {
    const parms = own(seal.EncryptionParameters(seal.SchemeType.ckks));
    parms.setPolyModulusDegree(n);
    const coeffModulus = own(seal.CoeffModulus.BFVDefault(n, seal.SecurityLevel.tc128));
    const primes = Array.from(coeffModulus.toArray(), (p) => p.toString());
    parms.setCoeffModulus(coeffModulus);
    const ctx = own(seal.Context(parms, true, seal.SecurityLevel.tc128));
    if (!ctx.parametersSet()) throw new Error(`SEAL rejects BFVDefault(${n}) for CKKS`);
    const scale = 2 ** LOG_SCALE;

    const keygen = own(seal.KeyGenerator(ctx));
    const sk = own(keygen.secretKey());
    const pk = own(keygen.createPublicKey());
    const rk = own(keygen.createRelinKeys());
    // Galois keys for step 1 and for conjugation only (SEAL maps step 0 to the element 2N - 1).
    const gk = own(keygen.createGaloisKeys(Int32Array.from([1, 0])));
    if (!gk.hasKey(3) || !gk.hasKey(2 * n - 1)) throw new Error('galois keys for step 1 and conjugation are missing');

    const encoder = own(seal.CKKSEncoder(ctx));
    const encryptor = own(seal.Encryptor(ctx, pk, sk));
    const decryptor = own(seal.Decryptor(ctx, sk));
    const evaluator = own(seal.Evaluator(ctx));

    const random = () => Float64Array.from({ length: n / 2 }, () => Math.random() * 2 - 1);
    const values = random();
    const pt = own(seal.PlainText());
    encoder.encode(values, scale, pt);
    const ptOther = own(seal.PlainText());
    encoder.encode(random(), scale, ptOther);
    const ptOut = own(seal.PlainText());
    const a = own(seal.CipherText());
    encryptor.encrypt(pt, a);
    const b = own(seal.CipherText());
    encryptor.encrypt(ptOther, b);
    const product = own(seal.CipherText());
    evaluator.multiply(a, b, product);
    const relinearized = own(seal.CipherText());
    evaluator.multiply(a, b, relinearized);
    evaluator.relinearize(relinearized, rk, relinearized);
    const inPlace = own(seal.CipherText());
    const dest = own(seal.CipherText());

    // Sanity: the parameters and keys do what the timed calls assume.
    decryptor.decrypt(relinearized, ptOut);
    const check = encoder.decode(ptOut);
    const other = encoder.decode(ptOther);
    let maxErr = 0;
    for (let i = 0; i < n / 2; i++) maxErr = Math.max(maxErr, Math.abs(check[i] - values[i] * other[i]));
    if (!(maxErr < 1e-3)) throw new Error(`self-check failed: multiply + relinearize error ${maxErr}`);

    const calls = {
      'encode': [() => encoder.encode(values, scale, pt)],
      'decode': [() => encoder.decode(pt)],
      'encrypt-pk': [() => encryptor.encrypt(pt, dest)],
      'encrypt-sk': [() => encryptor.encryptSymmetric(pt, dest)],
      'decrypt': [() => decryptor.decrypt(a, ptOut)],
      'add': [() => evaluator.add(a, b, dest)],
      'multiply-plain': [() => evaluator.multiplyPlain(a, pt, dest)],
      'multiply': [() => evaluator.multiply(a, b, dest)],
      'relinearize': [() => evaluator.relinearize(inPlace, rk, inPlace), () => inPlace.copy(product)],
      'multiply-relinearize': [() => { evaluator.multiply(a, b, dest); evaluator.relinearize(dest, rk, dest); }],
      'rescale': [() => evaluator.rescaleToNext(relinearized, dest)],
      'rotate': [() => evaluator.rotateVector(a, 1, gk, dest)],
      'conjugate': [() => evaluator.complexConjugate(a, gk, dest)],
    };
    const ops = {};
    for (const id of OPS) {
      if (NOT_EXPOSED.has(id)) { ops[id] = null; continue; }
      const [call, prepare] = calls[id];
      ops[id] = measure(call, prepare, s);
    }
    return {
      logN, N: n, coeff_modulus: 'BFVDefault(N, tc128)', primes, special_prime: primes[primes.length - 1],
      data_level_primes: a.coeffModulusSize, log2_scale: LOG_SCALE, self_check_max_abs_error: maxErr, ops,
    };
  } finally {
    for (const o of owned.reverse()) { try { o.delete(); } catch (_) { /* already gone */ } }
  }
}

async function main() {
  let settings;
  try { settings = parseArgs(process.argv.slice(2)); } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`seal-bench: ${e.message}\n${USAGE}\n`); process.exit(2); }
    throw e;
  }
  let seal;
  try { seal = await require('node-seal')(); } catch (e) {
    throw new Error(`cannot load node-seal (${e.message}); install it with \`make peers\` (cd tests/peers && npm ci)`);
  }
  const results = [];
  for (const logN of settings.logNs) {
    try { results.push(benchOne(seal, logN, settings)); } catch (e) {
      const message = typeof e === 'number' ? seal.Exception.safe(e).message : (e && e.message) || String(e);
      throw new Error(`N=2^${logN}: ${message}`);
    }
  }
  const out = {
    peer: 'node-seal', version: require('node-seal/package.json').version, seal: '4.1', node: process.version,
    settings: { repetitions: settings.reps, min_repetition_seconds: settings.minTime, warmup_seconds: settings.warmup, quick: settings.quick },
    not_exposed: Array.from(NOT_EXPOSED), results,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

main().catch((e) => { process.stderr.write(`seal-bench: ${e && e.message ? e.message : String(e)}\n`); process.exit(1); });
