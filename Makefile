# Vault: the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
DOTNET ?= dotnet
CONFIG ?= Release
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

PEERS_STAMP := tests/peers/node_modules/.installed-from-lock
IPFS_PEER_STAMP := tests/peers/ipfs/node_modules/.installed-from-lock
IPFS_CID := /usr/bin/ipfs_cid
ETH_PEERS_STAMP := tests/peers/ethereum/node_modules/.installed-from-lock
ECIES_PEER_STAMP := tests/peers/ecies/node_modules/.installed-from-lock
TEST_LOG := artifacts/test.log
GPU_TEST_LOG := artifacts/test-gpu.log

.PHONY: all build test test-gpu bench demo format peers vectors clean

all: build

build:
	$(DOTNET) build Vault.sln -c $(CONFIG)

# Real peers (node-seal = Microsoft SEAL 4.1 in WASM) installed from the committed lock file.
peers: $(PEERS_STAMP) $(IPFS_PEER_STAMP) $(IPFS_CID) $(ETH_PEERS_STAMP) $(ECIES_PEER_STAMP)

$(PEERS_STAMP): tests/peers/package.json tests/peers/package-lock.json
	cd tests/peers && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# A real IPFS node (js-ipfs 0.66.1) for tests/Vault.Ipfs.Tests. `npm ci` refuses this lock (an optional dependency is
# a GitHub tarball, unreachable here), so `npm install` follows the lock instead, without rewriting it.
$(IPFS_PEER_STAMP): tests/peers/ipfs/package.json tests/peers/ipfs/package-lock.json
	cd tests/peers/ipfs && npm install --no-save --no-audit --no-fund --loglevel=error --fetch-retries=0
	touch $@

# Debian's ipfs_cid: a third, independent CIDv0 computation.
$(IPFS_CID):
	command -v ipfs_cid >/dev/null || (apt-get update -qq && apt-get install -y -qq ipfs-cid)

# Ethereum peers (anvil, cast, solc-js; the binaries ship inside the npm packages) from their own lock file.
$(ETH_PEERS_STAMP): tests/peers/ethereum/package.json tests/peers/ethereum/package-lock.json
	cd tests/peers/ethereum && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# ECIES peer (eciesjs, for the Vault.Ethereum Ecies cross-check) from its own lock file.
$(ECIES_PEER_STAMP): tests/peers/ecies/package.json tests/peers/ecies/package-lock.json
	cd tests/peers/ecies && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Every test except the GPU suite; prints one closing 'N passed, N failed' line.
test: peers
	@mkdir -p artifacts
	$(DOTNET) build Vault.sln -c $(CONFIG) 2>&1 | tail -n 3
	$(DOTNET) test Vault.sln -c $(CONFIG) --no-build --filter "Backend!=Gpu" 2>&1 | tee $(TEST_LOG)
	@awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($$i == "Passed:") p += $$(i+1); if ($$i == "Failed:") f += $$(i+1); if ($$i == "Skipped:") s += $$(i+1) } } \
	     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s; if (p == 0 || f > 0) exit 1 }' $(TEST_LOG)

# The GPU suite (tests/Vault.Ring.Gpu.Tests, Backend=Gpu) on a CUDA accelerator. Without a CUDA device the suite is
# reported as skipped ("no CUDA device"), and this target fails loudly instead of passing vacuously. (The same checks
# run on ILGPU's CPU accelerator in `make test`, as Backend=GpuCpuAccelerator.)
test-gpu:
	@mkdir -p artifacts
	$(DOTNET) build tests/Vault.Ring.Gpu.Tests -c $(CONFIG) 2>&1 | tail -n 3
	$(DOTNET) test tests/Vault.Ring.Gpu.Tests -c $(CONFIG) --no-build --filter "Backend=Gpu" 2>&1 | tee $(GPU_TEST_LOG)
	@awk '/^(Passed|Failed|Skipped)!/ { for (i = 1; i <= NF; i++) { if ($$i == "Passed:") p += $$(i+1); if ($$i == "Failed:") f += $$(i+1); if ($$i == "Skipped:") s += $$(i+1) } } \
	     END { printf "test-gpu: %d passed, %d failed, %d skipped\n", p, f, s; \
	           if (s > 0 || p == 0) { print "test-gpu: FAILED: no CUDA device, the CUDA suite did not run" > "/dev/stderr"; exit 1 } \
	           if (f > 0) exit 1 }' $(GPU_TEST_LOG)

# BenchmarkDotNet suites (never part of `make test`), then the side-by-side table against SEAL.
bench: peers
	$(DOTNET) run -c Release --project tests/Vault.Benchmarks -- --filter '*'
	$(DOTNET) run -c Release --project src/Vault.Cli -- bench ckks

# The compute-to-data story end to end on the embedded defaults (needs anvil from the Ethereum peers).
demo: $(ETH_PEERS_STAMP)
	$(DOTNET) run -c Release --project src/Vault.Cli -- demo

format:
	$(DOTNET) format Vault.sln --verify-no-changes

# Regenerates golden files under tests/Vectors (never run in CI).
vectors:
	VAULT_WRITE_VECTORS=1 $(DOTNET) test Vault.sln -c $(CONFIG) --filter "Category=Vectors"

clean:
	$(DOTNET) clean Vault.sln -c $(CONFIG)
	rm -rf artifacts tests/peers/node_modules tests/peers/ipfs/node_modules tests/peers/ethereum/node_modules tests/peers/ecies/node_modules
