#!/usr/bin/env python3
"""Regenerates the NTT known-answer files in this folder (tests/Vectors/ntt/).

Independent of Vault: pure Python integers, no import of Vault code, and the NTT output is a naive O(N^2)
evaluation of the input polynomial at the odd powers of psi, not a butterfly network.

    python3 tests/Vectors/ntt/generate.py

Conventions (SEAL 4.1, documented on Vault.Ring.NttTable):
  * psi is the smallest primitive 2N-th root of unity mod q;
  * after the forward transform, slot k holds a(psi^(2*bitrev(k) + 1)).
Input coefficients: x_i = splitmix64_i(seed) mod q, i = 0..N-1 (SplitMix64, Steele et al. 2014).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
MASK = (1 << 64) - 1
SEED = 20261123


def splitmix64(seed):
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def is_prime(n):
    """Miller-Rabin with the first 13 prime bases: deterministic for n < 3.3e24."""
    if n < 2:
        return False
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41]
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def minimal_psi(log_n, q):
    """Smallest primitive 2N-th root of unity mod a prime q = 1 mod 2N."""
    n = 1 << log_n
    order = 2 * n
    assert is_prime(q) and (q - 1) % order == 0
    if q < 1 << 20:  # brute force: x is a primitive 2N-th root iff x^N = -1
        return next(x for x in range(2, q) if pow(x, n, q) == q - 1)
    for g in range(2, q):
        root = pow(g, (q - 1) // order, q)
        if pow(root, n, q) == q - 1:
            break
    # The primitive 2N-th roots are exactly the odd powers of any one of them.
    return min(pow(root, e, q) for e in range(1, order, 2))


def bitrev(k, bits):
    return int(format(k, '0{}b'.format(bits))[::-1], 2) if bits else 0


def naive_ntt(coeffs, log_n, q, psi):
    n = 1 << log_n
    out = []
    for k in range(n):
        point = pow(psi, 2 * bitrev(k, log_n) + 1, q)
        acc = 0
        for c in reversed(coeffs):  # Horner
            acc = (acc * point + c) % q
        out.append(acc)
    return out


def seal_prime(log_n, bits):
    """The first prime SEAL's CoeffModulus::Create hands out for one bit size: the smallest of the single largest."""
    factor = 2 << log_n
    value = ((1 << bits) - 1) // factor * factor + 1
    while not is_prime(value):
        value -= factor
    assert value > 1 << (bits - 1)
    return value


def write(name, doc):
    with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=2)
        f.write('\n')


def ntt_vector(log_n, q, note):
    n = 1 << log_n
    rng = splitmix64(SEED)
    coeffs = [next(rng) % q for _ in range(n)]
    psi = minimal_psi(log_n, q)
    out = naive_ntt(coeffs, log_n, q, psi)
    write('logn{}-q{}.json'.format(log_n, q), {
        'description': 'Forward negacyclic NTT, SEAL convention: output[k] = input(psi^(2*bitrev(k)+1)) mod q. ' + note,
        'generator': 'tests/Vectors/ntt/generate.py (naive O(N^2) evaluation)',
        'logN': log_n,
        'q': str(q),
        'psi': str(psi),
        'seed': SEED,
        'input': [str(c) for c in coeffs],
        'output': [str(c) for c in out],
    })


def main():
    ntt_vector(4, 1073741441, 'q: SEAL CoeffModulus::Create(16, {30}).')
    ntt_vector(10, 1152921504606830593, 'q: SEAL CoeffModulus::Create(1024, {60}).')

    entries = []
    for log_n, q in [(1, 17), (3, 17), (4, 97), (8, 7681), (11, 12289), (15, 65537),
                     (4, 1073741441), (10, 1152921504606830593), (13, 1099510890497), (13, 1152921504606748673),
                     (13, 17592186028033), (12, 1125899906826241), (15, 1099502714881), (16, 1152921504597016577),
                     (4, seal_prime(4, 62)), (8, seal_prime(8, 62)), (6, seal_prime(6, 45))]:
        entries.append({'logN': log_n, 'q': str(q), 'psi': str(minimal_psi(log_n, q))})
    write('psi.json', {
        'description': 'Smallest primitive 2N-th root of unity psi mod q (SEAL try_minimal_primitive_root convention).',
        'generator': 'tests/Vectors/ntt/generate.py (brute force for q < 2^20, else the minimum over the odd powers of one root)',
        'entries': entries,
    })


if __name__ == '__main__':
    main()
