#!/usr/bin/env node
'use strict';
// Microsoft SEAL 4.1 (npm node-seal 6.0.3, WASM) as a cross-check peer for Vault's CKKS.
// Usage: node seal-peer.js <command> ...   (run with no arguments for the list)
// Prints one JSON document on stdout; on error prints "seal-peer: <message>" on stderr and exits 1.
// The byte layouts checked here are documented in FORMAT.md; the math conventions in README.md.

const fs = require('fs');
const path = require('path');

const HEADER_SIZE = 16;
const SEAL_MAGIC = 0xa15e;
const SCHEME_CKKS = 2; // seal::scheme_type::ckks
const POLY_DEGREE_MAX = 131072; // SEAL_POLY_MOD_DEGREE_MAX
const COEFF_MOD_COUNT_MAX = 64; // SEAL_COEFF_MOD_COUNT_MAX
const CT_SIZE_MAX = 16; // SEAL_CIPHERTEXT_SIZE_MAX
const NONE = 0; // compr_mode_type::none

const USAGE = `usage: node seal-peer.js <command>
  primes <N> <bits,bits,...>                     CoeffModulus.Create(N, bits)
  parms-id <N> <p0,p1,...>                       parms_id of the key level and of the first data level (CKKS)
  decrypt <params.bin> <secretkey.bin> <ciphertext.bin>
  encrypt <N> <p0,p1,...> <log2 scale> <values.json> <outdir>
  save-examples <outdir>                         N=8192, [60,40,40,60]; also rewrites the dump section of FORMAT.md`;

class PeerError extends Error {}
const fail = (msg) => { throw new PeerError(msg); };

let sealLib = null;
async function loadSeal() {
  sealLib = await require('node-seal')(); // resolved from tests/peers/node_modules
  return sealLib;
}

// node-seal throws C++ exceptions as numbers (pointers); Exception.safe turns them into Errors.
function sealMessage(e) {
  if (typeof e === 'number' && sealLib) { try { return sealLib.Exception.safe(e).message; } catch (_) { /* fall through */ } }
  return e && e.message ? e.message : String(e);
}

// ---------- argument parsing ----------

function parseDegree(s) {
  if (!/^\d+$/.test(s)) fail(`N must be a decimal integer, got '${s}'`);
  const n = Number(s);
  if (n < 2 || n > POLY_DEGREE_MAX || (n & (n - 1)) !== 0) fail(`N must be a power of two in [2, ${POLY_DEGREE_MAX}], got ${s}`);
  return n;
}

function parsePrimes(csv) {
  const primes = csv.split(',').map((s) => {
    if (!/^\d+$/.test(s.trim())) fail(`primes must be decimal integers, got '${s}'`);
    const p = BigInt(s.trim());
    if (p < 2n || p >= 1n << 61n) fail(`prime ${p} out of range (SEAL's Modulus takes at most 61 bits)`);
    return p;
  });
  if (primes.length < 1 || primes.length > COEFF_MOD_COUNT_MAX) fail(`need 1..${COEFF_MOD_COUNT_MAX} primes`);
  return primes;
}

// ---------- byte helpers ----------

class Reader {
  constructor(buf, what) { this.buf = buf; this.pos = 0; this.what = what; }
  need(n, field) {
    if (this.pos + n > this.buf.length) fail(`${this.what}: buffer ends inside ${field} (offset ${this.pos}, need ${n} bytes, have ${this.buf.length - this.pos})`);
  }
  u8(field) { this.need(1, field); return this.buf[this.pos++]; }
  u64(field) { this.need(8, field); const v = this.buf.readBigUInt64LE(this.pos); this.pos += 8; return v; }
  f64(field) { this.need(8, field); const v = this.buf.readDoubleLE(this.pos); this.pos += 8; return v; }
  parmsId(field) { return [0, 1, 2, 3].map(() => this.u64(field)); }
  // SEALHeader: u16 magic, u8 header_size, u8 major, u8 minor, u8 compr_mode, u16 reserved, u64 size (bytes incl. header)
  header(field) {
    this.need(HEADER_SIZE, `${field} SEALHeader`);
    const b = this.buf, p = this.pos;
    const h = { magic: b.readUInt16LE(p), headerSize: b[p + 2], major: b[p + 3], minor: b[p + 4], compr: b[p + 5], size: b.readBigUInt64LE(p + 8) };
    if (h.magic !== SEAL_MAGIC) fail(`${this.what}: ${field} SEALHeader magic is 0x${h.magic.toString(16)}, expected 0xa15e`);
    if (h.headerSize !== HEADER_SIZE) fail(`${this.what}: ${field} SEALHeader size byte is ${h.headerSize}, expected 16`);
    if (h.major !== 4 || h.minor !== 1) fail(`${this.what}: ${field} SEALHeader version ${h.major}.${h.minor}; this peer checks only 4.1`);
    if (h.compr !== NONE) fail(`${this.what}: ${field} compr_mode ${h.compr}; only 0 (none) is accepted here`);
    if (h.size !== BigInt(this.buf.length - p)) fail(`${this.what}: ${field} SEALHeader size ${h.size} but ${this.buf.length - p} bytes remain from its start`);
    this.pos += HEADER_SIZE;
    return h;
  }
  end() { if (this.pos !== this.buf.length) fail(`${this.what}: ${this.buf.length - this.pos} trailing bytes`); }
}

// A nested DynArray<uint64>: its own SEALHeader (size counts to the end of the array), u64 count, count x u64.
function readDynArray(r, field, expectedCount) {
  const start = r.pos;
  r.need(HEADER_SIZE, `${field} SEALHeader`);
  const size = r.buf.readBigUInt64LE(start + 8);
  if (size > BigInt(r.buf.length - start)) fail(`${r.what}: ${field} SEALHeader size ${size} exceeds the ${r.buf.length - start} bytes left`);
  const sub = new Reader(r.buf.subarray(start, start + Number(size)), `${r.what}/${field}`);
  sub.header(field);
  const count = sub.u64(`${field} count`);
  if (count !== BigInt(expectedCount)) fail(`${r.what}: ${field} holds ${count} coefficients, expected ${expectedCount}`);
  sub.need(expectedCount * 8, `${field} data`);
  const data = new BigUint64Array(expectedCount);
  for (let i = 0; i < expectedCount; i++) data[i] = sub.buf.readBigUInt64LE(sub.pos + 8 * i);
  sub.pos += expectedCount * 8;
  sub.end();
  r.pos = start + sub.pos;
  return data;
}

function checkResidues(data, primes, n, what) {
  for (let k = 0; k < data.length; k++) {
    const q = primes[Math.floor(k / n) % primes.length];
    if (data[k] >= q) fail(`${what}: coefficient #${k} (= ${data[k]}) is not below its prime ${q}`);
  }
}

const hex64 = (v) => v.toString(16).padStart(16, '0');
const pidBytesHex = (pid) => Buffer.concat(pid.map((v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); return b; })).toString('hex');
const pidJson = (values) => ({ u64_hex: Array.from(values, hex64), bytes_hex: pidBytesHex(Array.from(values)) });
const sameId = (a, b) => a.length === b.length && Array.from(a).every((v, i) => BigInt(v) === BigInt(b[i]));

// ---------- parsing SEAL objects: validate before node-seal sees the bytes (some malformed input, e.g. a short buffer, aborts its WASM) ----------

function parseParams(buf) {
  const r = new Reader(buf, 'params');
  r.header('EncryptionParameters');
  const scheme = r.u8('scheme');
  if (scheme !== SCHEME_CKKS) fail(`params: scheme byte ${scheme}, expected ${SCHEME_CKKS} (CKKS)`);
  const n = r.u64('poly_modulus_degree');
  if (n < 2n || n > BigInt(POLY_DEGREE_MAX) || (n & (n - 1n)) !== 0n) fail(`params: poly_modulus_degree ${n} is not a power of two in [2, ${POLY_DEGREE_MAX}]`);
  const k = r.u64('coeff_modulus_size');
  if (k < 1n || k > BigInt(COEFF_MOD_COUNT_MAX)) fail(`params: coeff_modulus_size ${k} not in [1, ${COEFF_MOD_COUNT_MAX}]`);
  const readModulus = (field) => {
    const sub = new Reader(buf.subarray(r.pos, r.pos + HEADER_SIZE + 8), `params/${field}`);
    sub.need(HEADER_SIZE + 8, field);
    sub.header(field);
    const v = sub.u64(field);
    r.pos += HEADER_SIZE + 8;
    return v;
  };
  const primes = [];
  for (let i = 0; i < Number(k); i++) {
    const p = readModulus(`coeff_modulus[${i}]`);
    if (p < 2n || p >= 1n << 61n) fail(`params: coeff_modulus[${i}] = ${p} out of range`);
    primes.push(p);
  }
  const plain = readModulus('plain_modulus');
  if (plain !== 0n) fail(`params: plain_modulus is ${plain}; CKKS requires 0`);
  r.end();
  return { n: Number(n), primes };
}

function parseSecretKey(buf, n, primes) {
  const r = new Reader(buf, 'secretkey');
  r.header('SecretKey');
  const parmsId = r.parmsId('parms_id');
  const coeffCount = r.u64('coeff_count');
  if (coeffCount !== BigInt(n * primes.length)) fail(`secretkey: coeff_count ${coeffCount}, expected N*k = ${n * primes.length} (key level)`);
  const scale = r.f64('scale');
  const data = readDynArray(r, 'data', n * primes.length);
  r.end();
  checkResidues(data, primes, n, 'secretkey');
  return { parmsId, scale };
}

function parseCiphertext(buf, n) {
  const r = new Reader(buf, 'ciphertext');
  r.header('Ciphertext');
  const parmsId = r.parmsId('parms_id');
  const nttByte = r.u8('is_ntt_form');
  const size = r.u64('size');
  const degree = r.u64('poly_modulus_degree');
  const k = r.u64('coeff_modulus_size');
  const scale = r.f64('scale');
  const correction = r.u64('correction_factor');
  if (nttByte !== 1) fail(`ciphertext: is_ntt_form byte is ${nttByte}; CKKS ciphertexts must be in NTT form (1)`);
  if (size < 2n || size > BigInt(CT_SIZE_MAX)) fail(`ciphertext: size ${size} not in [2, ${CT_SIZE_MAX}]`);
  if (degree !== BigInt(n)) fail(`ciphertext: poly_modulus_degree ${degree}, params say ${n}`);
  if (k < 1n || k > BigInt(COEFF_MOD_COUNT_MAX)) fail(`ciphertext: coeff_modulus_size ${k} out of range`);
  if (!(scale > 0) || !Number.isFinite(scale)) fail(`ciphertext: scale ${scale} must be finite and > 0`);
  if (correction !== 1n) fail(`ciphertext: correction_factor ${correction}; must be 1 for CKKS`);
  const data = readDynArray(r, 'data', Number(size) * n * Number(k));
  r.end();
  return { parmsId, size: Number(size), k: Number(k), scale, data };
}

// ---------- SEAL objects ----------

function makeParms(seal, n, primes) {
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
  parms.setPolyModulusDegree(n);
  const vec = seal.Vector();
  vec.from(primes.map((p) => seal.Modulus(BigInt(p)).instance), 'Modulus');
  parms.setCoeffModulus(vec);
  return parms;
}

// Security level 'none': these are test keys, and Vault may test with parameters outside the HE-standard table.
function makeContext(seal, parms) {
  let ctx;
  try { ctx = seal.Context(parms, true, seal.SecurityLevel.none); } catch (e) { fail(`SEAL rejects these parameters: ${sealMessage(e)}`); }
  if (!ctx.parametersSet()) fail(`SEAL rejects these parameters (SEALContext.parameters_set() is false): primes must be distinct, <= 60 bits, and = 1 mod 2N`);
  return ctx;
}

// Data levels from the first (all primes but the special one) down to the last.
function dataLevels(ctx) {
  const levels = [];
  let cd = ctx.firstContextData;
  for (;;) {
    levels.push({ parmsId: cd.parmsId.values, primes: Array.from(cd.parms.coeffModulus), bits: cd.totalCoeffModulusBitCount });
    if (cd.chainIndex === 0) break;
    cd = cd.nextContextData;
  }
  return levels;
}

// ---------- commands ----------

async function cmdPrimes(args) {
  if (args.length !== 2) fail('primes <N> <bits,bits,...>');
  const n = parseDegree(args[0]);
  const bits = args[1].split(',').map((s) => {
    if (!/^\d+$/.test(s)) fail(`bit sizes must be integers, got '${s}'`);
    const b = Number(s);
    if (b < 2 || b > 60) fail(`bit size ${b} not in [2, 60]`);
    return b;
  });
  if (bits.length > COEFF_MOD_COUNT_MAX) fail(`at most ${COEFF_MOD_COUNT_MAX} bit sizes`);
  const seal = await loadSeal();
  let vec;
  try { vec = seal.CoeffModulus.Create(n, Int32Array.from(bits)); } catch (e) { fail(`CoeffModulus.Create failed: ${sealMessage(e)}`); }
  return { N: n, bits, primes: Array.from(vec.toArray(), (p) => p.toString()) };
}

async function cmdParmsId(args) {
  if (args.length !== 2) fail('parms-id <N> <p0,p1,...>');
  const n = parseDegree(args[0]);
  const primes = parsePrimes(args[1]);
  const seal = await loadSeal();
  const level = (ps) => ({ primes: ps.map(String), parms_id: pidJson(makeParms(seal, n, ps).parmsId.values) });
  const out = { scheme: 'ckks', scheme_id: SCHEME_CKKS, N: n, key_level: level(primes) };
  if (primes.length > 1) out.first_data_level = level(primes.slice(0, -1));
  // Cross-check against a SEALContext when SEAL accepts the primes (distinct, NTT-friendly, <= 60 bits).
  let ctx = null;
  try { ctx = seal.Context(makeParms(seal, n, primes), true, seal.SecurityLevel.none); } catch (e) { out.context_error = sealMessage(e); }
  out.context_checked = !!ctx && ctx.parametersSet();
  if (out.context_checked) {
    if (!sameId(ctx.keyParmsId.values, makeParms(seal, n, primes).parmsId.values)) fail('context key parms_id differs');
    if (primes.length > 1 && !sameId(ctx.firstParmsId.values, makeParms(seal, n, primes.slice(0, -1)).parmsId.values)) fail('context first parms_id differs');
  }
  return out;
}

async function cmdDecrypt(args) {
  if (args.length !== 3) fail('decrypt <params.bin> <secretkey.bin> <ciphertext.bin>');
  const [pBuf, skBuf, ctBuf] = args.map((f) => fs.readFileSync(f));
  const params = parseParams(pBuf);
  const { n, primes } = params;
  const sk = parseSecretKey(skBuf, n, primes);
  const ct = parseCiphertext(ctBuf, n);

  const seal = await loadSeal();
  const parms = seal.EncryptionParameters(seal.SchemeType.ckks);
  parms.loadArray(pBuf);
  if (!sameId(parms.coeffModulus, primes) || parms.polyModulusDegree !== n) fail('SEAL read different parameters than the validator');
  const ctx = makeContext(seal, parms);

  if (!sameId(sk.parmsId, ctx.keyParmsId.values)) fail(`secretkey: parms_id ${pidBytesHex(sk.parmsId)} is not the key-level parms_id ${pidBytesHex(Array.from(ctx.keyParmsId.values))}`);
  const level = dataLevels(ctx).find((l) => sameId(l.parmsId, ct.parmsId));
  if (!level) fail(`ciphertext: parms_id ${pidBytesHex(ct.parmsId)} is not a data level of these parameters`);
  if (level.primes.length !== ct.k) fail(`ciphertext: coeff_modulus_size ${ct.k}, but its parms_id has ${level.primes.length} primes`);
  checkResidues(ct.data, level.primes, n, 'ciphertext');
  if (Math.trunc(Math.log2(ct.scale)) >= level.bits) fail(`ciphertext: log2(scale) ${Math.log2(ct.scale)} too large for ${level.bits}-bit modulus (SEAL's decoder rejects it)`);

  const secretKey = seal.SecretKey();
  secretKey.loadArray(ctx, skBuf);
  const cipher = seal.CipherText();
  cipher.loadArray(ctx, ctBuf);
  const plain = seal.Decryptor(ctx, secretKey).decrypt(cipher);
  const slots = seal.CKKSEncoder(ctx).decode(plain);
  return { slots: Array.from(slots), scale: cipher.scale, level_primes: ct.k, ciphertext_size: ct.size, parms_id: pidBytesHex(ct.parmsId) };
}

function readValues(file, slotCount) {
  let values;
  try { values = JSON.parse(fs.readFileSync(file, 'utf8')); } catch (e) { fail(`${file}: ${e.message}`); }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) fail(`${file}: expected a JSON array of finite numbers`);
  if (values.length < 1 || values.length > slotCount) fail(`${file}: ${values.length} values, need 1..${slotCount} (N/2)`);
  return values;
}

// Fresh keys, encode, public-key encrypt; writes params.bin, secretkey.bin, ciphertext.bin (compression none).
function encryptToDir(seal, n, primes, log2Scale, values, outdir) {
  if (primes.length < 2) fail('need at least 2 primes (the last one is the special prime)');
  const parms = makeParms(seal, n, primes);
  const ctx = makeContext(seal, parms);
  const encoder = seal.CKKSEncoder(ctx);
  if (values.length > encoder.slotCount) fail(`${values.length} values but only ${encoder.slotCount} slots`);
  const scale = Math.pow(2, log2Scale);
  const levelBits = ctx.firstContextData.totalCoeffModulusBitCount;
  if (!(log2Scale > 0) || Math.trunc(log2Scale) + 1 >= levelBits) fail(`log2 scale ${log2Scale} must be > 0 and leave room below the ${levelBits}-bit data modulus`);
  const keygen = seal.KeyGenerator(ctx);
  const sk = keygen.secretKey();
  const pk = keygen.createPublicKey();
  const plain = encoder.encode(Float64Array.from(values), scale);
  const cipher = seal.Encryptor(ctx, pk).encrypt(plain);
  const check = encoder.decode(seal.Decryptor(ctx, sk).decrypt(cipher));
  const maxErr = values.reduce((m, v, i) => Math.max(m, Math.abs(v - check[i])), 0);
  fs.mkdirSync(outdir, { recursive: true });
  const files = {
    'params.bin': parms.saveArray(seal.ComprModeType.none),
    'secretkey.bin': sk.saveArray(seal.ComprModeType.none),
    'ciphertext.bin': cipher.saveArray(seal.ComprModeType.none),
  };
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(outdir, name), bytes);
  return {
    N: n, primes: primes.map(String), log2_scale: log2Scale, scale, values: values.length, slot_count: encoder.slotCount,
    key_parms_id: pidBytesHex(Array.from(ctx.keyParmsId.values)),
    ciphertext: { parms_id: pidBytesHex(Array.from(cipher.parmsId.values)), level_primes: cipher.coeffModulusSize, size: cipher.size, scale: cipher.scale },
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length])),
    outdir: path.resolve(outdir), self_check_max_abs_error: maxErr,
  };
}

async function cmdEncrypt(args) {
  if (args.length !== 5) fail('encrypt <N> <p0,p1,...> <log2 scale> <values.json> <outdir>');
  const n = parseDegree(args[0]);
  const primes = parsePrimes(args[1]);
  const log2Scale = Number(args[2]);
  if (!Number.isFinite(log2Scale)) fail(`log2 scale must be a number, got '${args[2]}'`);
  const values = readValues(args[3], n / 2);
  const seal = await loadSeal();
  return encryptToDir(seal, n, primes, log2Scale, values, args[4]);
}

// ---------- save-examples: annotated dumps of the first 128 bytes ----------

const DUMP_BYTES = 128;
const BEGIN = '<!-- BEGIN seal-peer save-examples (generated; do not edit by hand) -->';
const END = '<!-- END seal-peer save-examples -->';

function fieldsHeader(b, at, name, compact) {
  if (compact) {
    const v = `SEALHeader: magic 0x${b.readUInt16LE(at).toString(16)}, version ${b[at + 3]}.${b[at + 4]}, compr ${b[at + 5]}, size ${b.readBigUInt64LE(at + 8)}`;
    return [[at, 16, `${name} (16-byte SEALHeader)`, v]];
  }
  return [
    [at, 2, `${name}.magic`, `0x${b.readUInt16LE(at).toString(16)}`], [at + 2, 1, `${name}.header_size`, b[at + 2]],
    [at + 3, 1, `${name}.version_major`, b[at + 3]], [at + 4, 1, `${name}.version_minor`, b[at + 4]],
    [at + 5, 1, `${name}.compr_mode`, b[at + 5]], [at + 6, 2, `${name}.reserved`, b.readUInt16LE(at + 6)],
    [at + 8, 8, `${name}.size (u64, bytes incl. this header)`, b.readBigUInt64LE(at + 8)],
  ];
}
const u64f = (b, at, name) => [at, 8, name, b.readBigUInt64LE(at)];

function layout(kind, b) {
  const f = fieldsHeader(b, 0, 'header');
  let at = 16;
  if (kind === 'params') {
    f.push([at, 1, 'scheme (u8; 2 = CKKS)', b[at]]); at += 1;
    f.push(u64f(b, at, 'poly_modulus_degree (u64)')); at += 8;
    const k = Number(b.readBigUInt64LE(at)); f.push(u64f(b, at, 'coeff_modulus_size (u64)')); at += 8;
    for (let i = 0; i <= k; i++) {
      const name = i < k ? `coeff_modulus[${i}]` : 'plain_modulus';
      f.push(...fieldsHeader(b, at, `${name}`, true)); at += 16;
      f.push(u64f(b, at, `${name} value (u64)`)); at += 8;
    }
  } else {
    f.push([at, 32, 'parms_id (4 x u64)', Array.from({ length: 4 }, (_, i) => hex64(b.readBigUInt64LE(at + 8 * i))).join(' ')]); at += 32;
    if (kind === 'secretkey') {
      f.push(u64f(b, at, 'coeff_count (u64) = N*k_key')); at += 8;
      f.push([at, 8, 'scale (f64)', b.readDoubleLE(at)]); at += 8;
    } else {
      f.push([at, 1, 'is_ntt_form (u8)', b[at]]); at += 1;
      f.push(u64f(b, at, 'size (u64, # polynomials)')); at += 8;
      f.push(u64f(b, at, 'poly_modulus_degree (u64)')); at += 8;
      f.push(u64f(b, at, 'coeff_modulus_size (u64)')); at += 8;
      f.push([at, 8, 'scale (f64)', b.readDoubleLE(at)]); at += 8;
      f.push(u64f(b, at, 'correction_factor (u64)')); at += 8;
    }
    f.push(...fieldsHeader(b, at, 'data: DynArray', true)); at += 16;
    f.push(u64f(b, at, 'data.count (u64)')); at += 8;
    for (let i = 0; at < b.length; i++, at += 8) f.push([at, Math.min(8, b.length - at), `data[${i}] (u64: poly 0, prime 0, NTT position ${i})`, b.length - at >= 8 ? b.readBigUInt64LE(at) : '...']);
  }
  return f.filter(([off]) => off < DUMP_BYTES);
}

function dumpSection(name, bytes) {
  const b = Buffer.from(bytes);
  const lines = [`### ${name} (${b.length} bytes; first ${Math.min(DUMP_BYTES, b.length)} shown)`, '', '```'];
  for (let off = 0; off < Math.min(DUMP_BYTES, b.length); off += 16) {
    lines.push(`${off.toString(16).padStart(4, '0')}: ${b.subarray(off, Math.min(off + 16, DUMP_BYTES, b.length)).toString('hex').replace(/(..)/g, '$1 ').trim()}`);
  }
  lines.push('```', '', '| offset | len | field | value |', '|---:|---:|---|---|');
  for (const [off, len, field, value] of layout(name.split('.')[0], b)) {
    const shown = b.subarray(off, Math.min(off + len, DUMP_BYTES)).toString('hex') + (off + len > DUMP_BYTES ? '…' : '');
    lines.push(`| ${off} | ${len} | ${field} | ${String(value)} (\`${shown}\`) |`);
  }
  return lines.join('\n');
}

async function cmdSaveExamples(args) {
  if (args.length !== 1) fail('save-examples <outdir>');
  const seal = await loadSeal();
  const n = 8192;
  const primes = Array.from(seal.CoeffModulus.Create(n, Int32Array.from([60, 40, 40, 60])).toArray());
  const values = [0.5, -1.25, 3.0, 0.0];
  const summary = encryptToDir(seal, n, primes, 40, values, args[0]);
  const sections = ['params.bin', 'secretkey.bin', 'ciphertext.bin'].map((f) => dumpSection(f, fs.readFileSync(path.join(args[0], f))));
  const block = [BEGIN, '',
    `Generated by \`node seal-peer.js save-examples <outdir>\`: N=8192, CoeffModulus.Create(8192, [60,40,40,60]) = ${primes.join(', ')},`,
    `scale 2^40, values [${values.join(', ')}] (other slots 0), fresh random keys (the key and ciphertext coefficients change every run).`,
    'All integers are little-endian.', '', ...sections.flatMap((s) => [s, '']), END].join('\n');
  const formatPath = path.join(__dirname, 'FORMAT.md');
  const old = fs.existsSync(formatPath) ? fs.readFileSync(formatPath, 'utf8') : '# SEAL 4.1 byte layouts\n';
  const i = old.indexOf(BEGIN), j = old.indexOf(END);
  const next = i >= 0 && j > i ? old.slice(0, i) + block + old.slice(j + END.length) : `${old.trimEnd()}\n\n## Example dumps\n\n${block}\n`;
  fs.writeFileSync(formatPath, next);
  return { ...summary, format_md: formatPath };
}

// ---------- main ----------

const COMMANDS = { primes: cmdPrimes, 'parms-id': cmdParmsId, decrypt: cmdDecrypt, encrypt: cmdEncrypt, 'save-examples': cmdSaveExamples };

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (!COMMANDS[cmd]) { process.stderr.write(`${USAGE}\n`); process.exit(2); }
  const out = await COMMANDS[cmd](args);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  const msg = e instanceof PeerError ? e.message : sealMessage(e);
  process.stderr.write(`seal-peer: ${msg}\n`);
  process.exit(1);
});
