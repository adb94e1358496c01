#!/usr/bin/env node
// Compiles src/Vault.Ethereum/Contracts/VaultReceipts.sol with the pinned solc-js (package.json) through the
// standard-JSON API and prints the artifact that the assembly embeds (Contracts/VaultReceipts.json).
//   node compile.js            print the artifact on stdout
//   node compile.js --write    rewrite src/Vault.Ethereum/Contracts/VaultReceipts.json
// Deterministic: fixed settings, no metadata hash in the bytecode, sorted keys. Exit 1 on any compiler error.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const root = path.resolve(__dirname, '..', '..', '..');
const sourcePath = 'src/Vault.Ethereum/Contracts/VaultReceipts.sol';
const artifactPath = path.join(root, 'src/Vault.Ethereum/Contracts/VaultReceipts.json');
const contractName = 'VaultReceipts';

const settings = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  viaIR: false,
  metadata: { bytecodeHash: 'none', appendCBOR: false },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};
const input = {
  language: 'Solidity',
  sources: { [sourcePath]: { content: fs.readFileSync(path.join(root, sourcePath), 'utf8') } },
  settings,
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
for (const e of output.errors || []) process.stderr.write(e.formattedMessage + '\n');
if (errors.length > 0) process.exit(1);

const contract = output.contracts[sourcePath][contractName];
const artifact = {
  contractName,
  source: sourcePath,
  compiler: 'solc-js ' + solc.version(),
  settings: { optimizer: settings.optimizer, evmVersion: settings.evmVersion, metadata: settings.metadata },
  abi: contract.abi,
  bytecode: '0x' + contract.evm.bytecode.object,
  deployedBytecode: '0x' + contract.evm.deployedBytecode.object,
};
const text = JSON.stringify(artifact, null, 2) + '\n';
if (process.argv.includes('--write')) fs.writeFileSync(artifactPath, text);
else process.stdout.write(text);
