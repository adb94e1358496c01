#!/usr/bin/env node
// ECIES peer for tests/Vault.Ethereum.Tests: eciesjs (pinned in package-lock.json) with its default configuration
// (secp256k1, uncompressed ephemeral key, HKDF-SHA256 over uncompressed points, AES-256-GCM with a 16-byte nonce).
//
//   node ecies-peer.js encrypt <recipient public key hex> <plaintext hex>   -> ciphertext hex
//   node ecies-peer.js decrypt <recipient private key hex> <ciphertext hex> -> plaintext hex
//   node ecies-peer.js version                                             -> the installed eciesjs version
//
// Hex may carry a 0x prefix; an empty plaintext is "" or "0x". Errors: "ecies-peer: <message>" on stderr, exit 1
// (2 = usage).
"use strict";
const { encrypt, decrypt, ECIES_CONFIG } = require("eciesjs");

function hex(text) {
  const body = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : text;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) throw new Error(`not hex: ${text}`);
  return Uint8Array.from(Buffer.from(body, "hex"));
}

function main(argv) {
  const [command, key, data] = argv;
  if (ECIES_CONFIG.ellipticCurve !== "secp256k1" || ECIES_CONFIG.isEphemeralKeyCompressed || ECIES_CONFIG.isHkdfKeyCompressed
      || ECIES_CONFIG.symmetricAlgorithm !== "aes-256-gcm" || ECIES_CONFIG.symmetricNonceLength !== 16) {
    throw new Error("eciesjs defaults changed: " + JSON.stringify(ECIES_CONFIG));
  }
  switch (command) {
    case "encrypt":
      if (argv.length !== 3) return usage();
      return Buffer.from(encrypt(hex(key), hex(data))).toString("hex");
    case "decrypt":
      if (argv.length !== 3) return usage();
      return Buffer.from(decrypt(hex(key), hex(data))).toString("hex");
    case "version":
      return JSON.parse(require("fs").readFileSync(require("path").join(__dirname, "node_modules", "eciesjs", "package.json"), "utf8")).version;
    default:
      return usage();
  }
}

function usage() {
  process.stderr.write("usage: ecies-peer.js encrypt <public key hex> <plaintext hex> | decrypt <private key hex> <ciphertext hex> | version\n");
  process.exit(2);
}

try {
  process.stdout.write(main(process.argv.slice(2)) + "\n");
} catch (e) {
  process.stderr.write(`ecies-peer: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
}
