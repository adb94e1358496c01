#!/usr/bin/env node
'use strict';
// Re-derives SEAL 4.1's conventions independently (BigInt arithmetic, an own BLAKE2b) and checks them
// against node-seal: prime selection, parms_id, NTT root and output order, secret-key form, CKKS slot
// order, rotation direction. Usage: node verify-conventions.js  -> JSON report; exit 1 on any mismatch.
// What each check means is written up in README.md.

const crypto = require('crypto');

// ---------- BLAKE2b (RFC 7693), unkeyed, digest length outLen (1..64) ----------
const M64 = (1n << 64n) - 1n;
const B2_IV = [0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n];
const B2_SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0]];
const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & M64;

function blake2b(data, outLen) {
  const h = B2_IV.slice();
  h[0] ^= 0x01010000n ^ BigInt(outLen); // param block: digest_length, key_length 0, fanout 1, depth 1
  const blocks = Math.max(1, Math.ceil(data.length / 128));
  for (let b = 0; b < blocks; b++) {
    const block = Buffer.alloc(128);
    data.copy(block, 0, b * 128, Math.min(data.length, (b + 1) * 128));
    const last = b === blocks - 1;
    const t = BigInt(last ? data.length : (b + 1) * 128);
    const m = Array.from({ length: 16 }, (_, i) => block.readBigUInt64LE(8 * i));
    const v = [...h, ...B2_IV];
    v[12] ^= t & M64; v[13] ^= t >> 64n;
    if (last) v[14] ^= M64;
    const G = (a, bb, c, d, x, y) => {
      v[a] = (v[a] + v[bb] + x) & M64; v[d] = rotr(v[d] ^ v[a], 32n);
      v[c] = (v[c] + v[d]) & M64; v[bb] = rotr(v[bb] ^ v[c], 24n);
      v[a] = (v[a] + v[bb] + y) & M64; v[d] = rotr(v[d] ^ v[a], 16n);
      v[c] = (v[c] + v[d]) & M64; v[bb] = rotr(v[bb] ^ v[c], 63n);
    };
    for (let r = 0; r < 12; r++) {
      const s = B2_SIGMA[r % 10];
      G(0, 4, 8, 12, m[s[0]], m[s[1]]); G(1, 5, 9, 13, m[s[2]], m[s[3]]);
      G(2, 6, 10, 14, m[s[4]], m[s[5]]); G(3, 7, 11, 15, m[s[6]], m[s[7]]);
      G(0, 5, 10, 15, m[s[8]], m[s[9]]); G(1, 6, 11, 12, m[s[10]], m[s[11]]);
      G(2, 7, 8, 13, m[s[12]], m[s[13]]); G(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
  }
  const out = Buffer.alloc(64);
  h.forEach((x, i) => out.writeBigUInt64LE(x, 8 * i));
  return out.subarray(0, outLen);
}

// ---------- number theory (SEAL util/numth.cpp, coeffmodulus) ----------
const modpow = (b, e, m) => { let r = 1n; b %= m; for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m; return r; };
function isPrime(n) { // deterministic Miller-Rabin for n < 3.3e24
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) if (n % p === 0n) return n === p;
  let d = n - 1n, s = 0n; while (!(d & 1n)) { d >>= 1n; s++; }
  return [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n].every((a) => {
    let x = modpow(a, d, n); if (x === 1n || x === n - 1n) return true;
    for (let i = 1n; i < s; i++) { x = (x * x) % n; if (x === n - 1n) return true; }
    return false;
  });
}
// get_primes: from 2^bits - 2N + 1 downwards in steps of 2N, while > 2^(bits-1); first `count` primes.
function getPrimes(n, bits, count) {
  const f = 2n * BigInt(n), out = [];
  for (let v = (1n << BigInt(bits)) - f + 1n; out.length < count && v > 1n << BigInt(bits - 1); v -= f) if (isPrime(v)) out.push(v);
  if (out.length < count) throw new Error('failed to find enough qualifying primes');
  return out;
}
// CoeffModulus::Create: primes per bit size are found in decreasing order, then handed out with back()/pop_back().
function coeffModulusCreate(n, bitSizes) {
  const table = {};
  for (const b of new Set(bitSizes)) table[b] = getPrimes(n, b, bitSizes.filter((x) => x === b).length);
  return bitSizes.map((b) => table[b].pop());
}
const u64le = (vals) => Buffer.concat(vals.map((v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b; }));
// parms_id = BLAKE2b-256 over u64 LE [scheme, N, q_0..q_{k-1}, plain_modulus]
const parmsId = (n, primes, withCount = false) => blake2b(u64le([2n, BigInt(n), ...(withCount ? [BigInt(primes.length)] : []), ...primes, 0n]), 32).toString('hex');

// try_minimal_primitive_root(2N, q): smallest primitive 2N-th root of unity mod q (the result is the same whatever random root SEAL starts from).
function minimalPrimitiveRoot(n, q) {
  const twoN = 2n * BigInt(n);
  let g = null;
  for (let x = 2n; g === null; x++) { const r = modpow(x, (q - 1n) / twoN, q); if (modpow(r, BigInt(n), q) === q - 1n) g = r; }
  const g2 = (g * g) % q;
  let best = g;
  for (let i = 0, c = g; i < n; i++, c = (c * g2) % q) if (c < best) best = c;
  return best;
}

const bitrev = (x, logn) => { let r = 0; for (let i = 0; i < logn; i++) r |= ((x >> i) & 1) << (logn - 1 - i); return r; };

// SEAL's forward negacyclic NTT (DWTHandler::transform_to_rev with root_powers[bitrev(i)] = psi^i):
// input in natural order, output A[j] = a(psi^(2*bitrev(j)+1)).
function nttForward(a, q, psi) {
  const n = a.length, logn = Math.log2(n), roots = new Array(n);
  for (let i = 0, p = 1n; i < n; i++, p = (p * psi) % q) roots[bitrev(i, logn)] = p;
  const v = Array.from(a); let ri = 1;
  for (let m = 1, gap = n >> 1; m < n; m <<= 1, gap >>= 1) {
    for (let i = 0; i < m; i++) {
      const r = roots[ri++], off = 2 * i * gap;
      for (let j = off; j < off + gap; j++) { const u = v[j], t = (v[j + gap] * r) % q; v[j] = (u + t) % q; v[j + gap] = (u - t + q) % q; }
    }
  }
  return v;
}
// Inverse (DWTHandler::transform_from_rev with inv_root_powers[bitrev(i-1)+1] = psi^-i, then times n^-1).
function nttInverse(A, q, psi) {
  const n = A.length, logn = Math.log2(n), inv = new Array(n), ipsi = modpow(psi, q - 2n, q);
  for (let i = 1, p = ipsi; i < n; i++, p = (p * ipsi) % q) inv[bitrev(i - 1, logn) + 1] = p;
  const v = Array.from(A); let ri = 1;
  for (let m = n >> 1, gap = 1; m >= 1; m >>= 1, gap <<= 1) {
    for (let i = 0; i < m; i++) {
      const r = inv[ri++], off = 2 * i * gap;
      for (let j = off; j < off + gap; j++) { const u = v[j], w = v[j + gap]; v[j] = (u + w) % q; v[j + gap] = (((u - w + q) % q) * r) % q; }
    }
  }
  const ninv = modpow(BigInt(n), q - 2n, q);
  return v.map((x) => (x * ninv) % q);
}
const evalAt = (a, q, x) => a.reduceRight((acc, c) => (acc * x + c) % q, 0n);

// ---------- parsing saved objects (layouts in FORMAT.md) ----------
function dynArray(buf, at) { // returns {data, end}
  const count = Number(buf.readBigUInt64LE(at + 16));
  const data = Array.from({ length: count }, (_, i) => buf.readBigUInt64LE(at + 24 + 8 * i));
  return { data, end: at + 24 + 8 * count };
}
const parsePlainLike = (buf) => dynArray(buf, 16 + 32 + 8 + 8).data; // SecretKey / Plaintext: header, parms_id, coeff_count, scale, DynArray
const parseCipherData = (buf) => dynArray(buf, 16 + 32 + 1 + 8 * 5).data; // Ciphertext: header, parms_id, ntt, size, N, k, scale, corr, DynArray

// ---------- checks ----------
async function main() {
  const seal = await require('node-seal')();
  const report = { ok: true, checks: {} };
  const check = (name, pass, info) => { report.checks[name] = { pass, ...(info || {}) }; if (!pass) report.ok = false; };

  // BLAKE2b implementation vs OpenSSL's blake2b512 and the published BLAKE2b-256("abc")
  const rnd = crypto.randomBytes(300);
  check('blake2b_impl', [0, 3, 128, 129, 300].every((l) => blake2b(rnd.subarray(0, l), 64).equals(crypto.createHash('blake2b512').update(rnd.subarray(0, l)).digest()))
    && blake2b(Buffer.from('abc'), 32).toString('hex') === 'bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319');

  // Primes and parms_id for a few parameter sets
  for (const [n, bits] of [[8192, [60, 40, 40, 60]], [8192, [43, 43, 44, 44, 44]], [4096, [36, 36, 37]], [16384, [50, 40, 40, 40, 50]]]) {
    const sealPrimes = Array.from(seal.CoeffModulus.Create(n, Int32Array.from(bits)).toArray());
    const ours = coeffModulusCreate(n, bits);
    const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
    parms.setPolyModulusDegree(n);
    parms.setCoeffModulus(seal.CoeffModulus.Create(n, Int32Array.from(bits)));
    const ctx = seal.Context(parms, true, seal.SecurityLevel.none);
    const hexId = (pid) => u64le(Array.from(pid.values)).toString('hex');
    const key = hexId(ctx.keyParmsId), first = hexId(ctx.firstParmsId);
    check(`primes_and_parms_id_${n}_${bits.join('-')}`,
      sealPrimes.join() === ours.join() && key === parmsId(n, ours) && first === parmsId(n, ours.slice(0, -1)),
      { primes: sealPrimes.map(String), key_parms_id: key, first_parms_id: first,
        with_coeff_count_would_match: key === parmsId(n, ours, true) });
  }

  // NTT: SEAL's NTT-form ciphertext vs our forward NTT of its coefficient form (every coefficient, every prime)
  const n = 8192, bits = [60, 40, 40, 60];
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
  parms.setPolyModulusDegree(n);
  parms.setCoeffModulus(seal.CoeffModulus.Create(n, Int32Array.from(bits)));
  const ctx = seal.Context(parms, true, seal.SecurityLevel.none);
  const keyPrimes = Array.from(parms.coeffModulus), dataPrimes = keyPrimes.slice(0, -1);
  const roots = keyPrimes.map((q) => minimalPrimitiveRoot(n, q));
  const keygen = seal.KeyGenerator(ctx), sk = keygen.secretKey(), pk = keygen.createPublicKey();
  const encoder = seal.CKKSEncoder(ctx), ev = seal.Evaluator(ctx);
  const values = Float64Array.from({ length: n / 2 }, () => Math.random() * 2 - 1);
  const scale = 2 ** 40;
  const plain = encoder.encode(values, scale);
  const cipher = seal.Encryptor(ctx, pk).encrypt(plain);
  const nttData = parseCipherData(Buffer.from(cipher.saveArray(seal.ComprModeType.none)));
  const coeffData = parseCipherData(Buffer.from(ev.cipherTransformFromNtt(cipher).saveArray(seal.ComprModeType.none)));
  let nttOk = true, altRootOk = true;
  for (let poly = 0; poly < 2; poly++) {
    dataPrimes.forEach((q, j) => {
      const at = (poly * dataPrimes.length + j) * n;
      const a = coeffData.slice(at, at + n), A = nttData.slice(at, at + n);
      const mine = nttForward(a, q, roots[j]);
      nttOk = nttOk && mine.every((x, i) => x === A[i]) && nttInverse(A, q, roots[j]).every((x, i) => x === a[i]);
      if (poly === 0) altRootOk = altRootOk && !nttForward(a, q, modpow(roots[j], 3n, q)).every((x, i) => x === A[i]);
    });
  }
  // Spot-check the closed form A[j] = a(psi^(2*bitrev(j)+1)) on the first prime
  const a0 = coeffData.slice(0, n), A0 = nttData.slice(0, n), q0 = dataPrimes[0];
  const formulaOk = [0, 1, 2, 3, 4095, 4096, 8191].every((j) => A0[j] === evalAt(a0, q0, modpow(roots[0], BigInt(2 * bitrev(j, 13) + 1), q0)));
  check('ntt_matches_seal', nttOk && formulaOk && altRootOk, {
    minimal_roots: Object.fromEntries(keyPrimes.map((q, j) => [String(q), String(roots[j])])),
    other_root_psi3_differs: altRootOk, closed_form_spot_check: formulaOk });

  // Secret key: NTT form of one ternary polynomial s, reduced mod every key-level prime
  const skData = parsePlainLike(Buffer.from(sk.saveArray(seal.ComprModeType.none)));
  const ternary = keyPrimes.map((q, j) => nttInverse(skData.slice(j * n, (j + 1) * n), q, roots[j]).map((x) => (x === 0n ? 0 : x === 1n ? 1 : x === q - 1n ? -1 : 99)));
  const skOk = ternary.every((t) => t.every((x, i) => x !== 99 && x === ternary[0][i]));
  check('secret_key_is_ntt_of_ternary', skOk, { counts: { minus1: ternary[0].filter((x) => x === -1).length, zero: ternary[0].filter((x) => x === 0).length, plus1: ternary[0].filter((x) => x === 1).length } });

  // Decryption: plaintext (NTT form) = c0 + c1*s slot-wise, using the first k components of the key-level s
  const decData = parsePlainLike(Buffer.from(seal.Decryptor(ctx, sk).decrypt(cipher).saveArray(seal.ComprModeType.none)));
  const k = dataPrimes.length;
  const decOk = decData.length === k * n && decData.every((x, idx) => {
    const j = Math.floor(idx / n), q = dataPrimes[j];
    return x === (nttData[idx] + nttData[k * n + idx] * skData[idx]) % q;
  });
  check('decrypt_is_c0_plus_c1_times_s', decOk);

  // CKKS slots: decode the saved plaintext ourselves. m = centered INTT mod q0 (|coeffs| ~ 2^40 << q0/2).
  const ptData = parsePlainLike(Buffer.from(plain.saveArray(seal.ComprModeType.none)));
  const m = nttInverse(ptData.slice(0, n), q0, roots[0]).map((x) => Number(x > q0 / 2n ? x - q0 : x));
  const cosT = Float64Array.from({ length: 2 * n }, (_, t) => Math.cos((Math.PI * t) / n));
  const sinT = Float64Array.from({ length: 2 * n }, (_, t) => Math.sin((Math.PI * t) / n));
  const slotErr = (gen) => { // max |m(exp(i*pi*gen^j/N))/scale - values[j]| over all slots
    let worst = 0, e = 1;
    for (let j = 0; j < n / 2; j++, e = (e * gen) % (2 * n)) {
      let re = 0, im = 0;
      for (let i = 0, t = 0; i < n; i++, t = (t + e) % (2 * n)) { re += m[i] * cosT[t]; im += m[i] * sinT[t]; }
      worst = Math.max(worst, Math.hypot(re / scale - values[j], im / scale));
    }
    return worst;
  };
  const err3 = slotErr(3), err5 = slotErr(5);
  check('ckks_slot_j_is_m_at_exp_i_pi_3^j_over_N', err3 < 1e-6 && err5 > 1e-2, { max_err_gen3: err3, max_err_gen5: err5 });

  // Rotation: rotateVector(ct, +1) moves slot j+1 to slot j (galois element 3); -1 uses 3^(N/2-1) mod 2N
  const galois = keygen.createGaloisKeys(Int32Array.from([1, -1]));
  const e1 = new Float64Array(n / 2); e1[1] = 1;
  const ct1 = seal.Encryptor(ctx, pk).encrypt(encoder.encode(e1, scale));
  const dec = (c) => Array.from(encoder.decode(seal.Decryptor(ctx, sk).decrypt(c)));
  const left = dec(ev.rotateVector(ct1, 1, galois)), right = dec(ev.rotateVector(ct1, -1, galois));
  const peak = (v) => v.reduce((bi, x, i) => (Math.abs(x) > Math.abs(v[bi]) ? i : bi), 0);
  const eltMinus1 = Number(modpow(3n, BigInt(n / 2 - 1), BigInt(2 * n)));
  check('rotate_vector_direction', peak(left) === 0 && peak(right) === 2 && galois.hasKey(3) && galois.hasKey(eltMinus1),
    { rotate_plus1_peak_slot: peak(left), rotate_minus1_peak_slot: peak(right), galois_elt_plus1: 3, galois_elt_minus1: eltMinus1 });

  // End to end: params, secret key and ciphertext written from scratch (FORMAT.md layouts, the conventions above,
  // no node-seal), then loaded and decrypted by SEAL. m = scale*(0.5 + 0.25 X - 1.5 X^5), so slot j is
  // 0.5 + 0.25 cos(pi t/N) - 1.5 cos(5 pi t/N) with t = 3^j mod 2N.
  const hdr = (body) => { const h = Buffer.alloc(16); h.writeUInt16LE(0xa15e, 0); h[2] = 16; h[3] = 4; h[4] = 1; h.writeBigUInt64LE(BigInt(16 + body.length), 8); return Buffer.concat([h, body]); };
  const f64 = (x) => { const b = Buffer.alloc(8); b.writeDoubleLE(x); return b; };
  const dyn = (vals) => hdr(u64le([vals.length, ...vals]));
  const red = (x, q) => ((BigInt(x) % q) + q) % q;
  const pidBytes = (ps) => Buffer.from(parmsId(n, ps), 'hex');
  const s = Array.from({ length: n }, () => crypto.randomInt(0, 3) - 1);
  const sNtt = keyPrimes.map((q, j) => nttForward(s.map((x) => red(x, q)), q, roots[j]));
  const mPoly = new Array(n).fill(0n); mPoly[0] = BigInt(0.5 * scale); mPoly[1] = BigInt(0.25 * scale); mPoly[5] = BigInt(-1.5 * scale);
  const err = Array.from({ length: n }, () => BigInt(crypto.randomInt(-3, 4))); // one small error polynomial, reduced mod each prime
  const c0 = [], c1 = [];
  dataPrimes.forEach((q, j) => {
    const a = Array.from({ length: n }, () => crypto.randomBytes(8).readBigUInt64LE() % q);
    const me = nttForward(mPoly.map((x, i) => red(x + err[i], q)), q, roots[j]);
    c1.push(...a); c0.push(...me.map((x, i) => red(x - a[i] * sNtt[j][i], q)));
  });
  const ownParams = hdr(Buffer.concat([Buffer.from([2]), u64le([n, keyPrimes.length]), ...[...keyPrimes, 0n].map((q) => hdr(u64le([q])))]));
  const ownSk = hdr(Buffer.concat([pidBytes(keyPrimes), u64le([n * keyPrimes.length]), f64(1), dyn(sNtt.flat())]));
  const ownCt = hdr(Buffer.concat([pidBytes(dataPrimes), Buffer.from([1]), u64le([2, n, dataPrimes.length]), f64(scale), u64le([1]), dyn([...c0, ...c1])]));
  const p2 = seal.EncryptionParameters(seal.SchemeType.ckks); p2.loadArray(ownParams);
  const ctx2 = seal.Context(p2, true, seal.SecurityLevel.none);
  const sk2 = seal.SecretKey(); sk2.loadArray(ctx2, ownSk);
  const ct2 = seal.CipherText(); ct2.loadArray(ctx2, ownCt);
  const got = seal.CKKSEncoder(ctx2).decode(seal.Decryptor(ctx2, sk2).decrypt(ct2));
  let ownErr = 0;
  for (let j = 0, t = 1; j < n / 2; j++, t = (t * 3) % (2 * n)) {
    ownErr = Math.max(ownErr, Math.abs(got[j] - (0.5 + 0.25 * Math.cos((Math.PI * t) / n) - 1.5 * Math.cos((5 * Math.PI * t) / n))));
  }
  check('independent_writer_decrypts_in_seal', ownErr < 1e-6, { max_err: ownErr, sizes: [ownParams.length, ownSk.length, ownCt.length] });

  process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
  process.exit(report.ok ? 0 : 1);
}

main().catch((e) => { process.stderr.write(`verify-conventions: ${e && e.stack ? e.stack : e}\n`); process.exit(1); });
