using System.Numerics;
using Vault.Ring;
using Vault.Rlwe;

namespace Vault.Ckks;

/// <summary>Encodes vectors of up to N/2 complex (or real) numbers into plaintexts and back through the canonical
/// embedding: slot j holds m(ζ^(3^j)) for ζ = e^(iπ/N), SEAL's slot order, so rotations are X ↦ X^(3^k).</summary>
/// <remarks>
/// Evaluating m at every odd power ζ^(2k+1) is a length-N DFT of the twisted coefficients m_t·ζ^t, so encoding and
/// decoding are one complex FFT each, with twiddles computed directly by sin/cos (no accumulated rounding).
/// Decoding recombines the RNS residues exactly (Garner's mixed radix with centred digits) before dividing by the
/// scale, so it is correct at any level and any scale below Q/2. Not thread-safe: owns its scratch buffers.
/// </remarks>
public sealed class CkksEncoder
{
    private readonly CkksParameters _parameters;
    private readonly int _n, _logN;
    private readonly Complex[] _twist;          // ζ^t
    private readonly Complex[] _fftRoots;       // e^(−2πi·k/N), k < N/2
    private readonly int[] _slotIndex;          // DFT index of slot j: (3^j − 1)/2
    private readonly int[] _conjugateIndex;     // DFT index of conj slot j: (2N − 3^j − 1)/2
    private readonly Complex[] _work;
    private readonly double[] _coefficients;
    private readonly ulong[] _limb;
    private readonly long[] _rounded;
    private readonly ulong[] _residues;
    private readonly Complex[] _slots;

    /// <summary>Precomputes the embedding for <paramref name="parameters"/>.</summary>
    public CkksEncoder(CkksParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters;
        _n = parameters.N;
        _logN = parameters.LogN;
        _twist = new Complex[_n];
        for (int t = 0; t < _n; t++)
        {
            var (sin, cos) = Math.SinCos(Math.PI * t / _n);
            _twist[t] = new Complex(cos, sin);
        }
        _fftRoots = new Complex[Math.Max(1, _n / 2)];
        for (int k = 0; k < _n / 2; k++)
        {
            var (sin, cos) = Math.SinCos(-2 * Math.PI * k / _n);
            _fftRoots[k] = new Complex(cos, sin);
        }
        int slots = _n / 2;
        _slotIndex = new int[slots];
        _conjugateIndex = new int[slots];
        ulong pos = 1, mask = 2UL * (ulong)_n - 1;
        for (int j = 0; j < slots; j++)
        {
            _slotIndex[j] = (int)((pos - 1) >> 1);
            _conjugateIndex[j] = (int)((2UL * (ulong)_n - pos - 1) >> 1);
            pos = (pos * 3) & mask;
        }
        _work = new Complex[_n];
        _coefficients = new double[_n];
        _limb = new ulong[_n];
        _rounded = new long[_n];
        _residues = new ulong[_n * (parameters.MaxLevel + 1)];
        _slots = new Complex[_n / 2];
    }

    /// <summary>Number of slots, N/2.</summary>
    public int Slots => _n / 2;

    /// <summary>Encodes real values (missing slots are zero) at <paramref name="level"/> and <paramref name="scale"/>.</summary>
    public void Encode(ReadOnlySpan<double> values, int level, double scale, Plaintext destination)
    {
        CheckEncode(values.Length, level, scale, destination);
        Array.Clear(_work);
        for (int j = 0; j < values.Length; j++)
        {
            _work[_slotIndex[j]] = values[j];
            _work[_conjugateIndex[j]] = values[j];
        }
        EncodeWork(level, scale, destination);
    }

    /// <summary>Encodes complex values (missing slots are zero) at <paramref name="level"/> and <paramref name="scale"/>.</summary>
    public void Encode(ReadOnlySpan<Complex> values, int level, double scale, Plaintext destination)
    {
        CheckEncode(values.Length, level, scale, destination);
        Array.Clear(_work);
        for (int j = 0; j < values.Length; j++)
        {
            _work[_slotIndex[j]] = values[j];
            _work[_conjugateIndex[j]] = Complex.Conjugate(values[j]);
        }
        EncodeWork(level, scale, destination);
    }

    /// <summary>Encodes the same value in every slot (a constant polynomial: exact and cheap).</summary>
    public void EncodeConstant(double value, int level, double scale, Plaintext destination)
    {
        CheckEncode(0, level, scale, destination);
        Array.Clear(_coefficients);
        _coefficients[0] = value * scale;
        WriteCoefficients(level, destination);
        destination.Scale = scale;
    }

    /// <summary>Encodes real values into a new plaintext at the top level and the default scale.</summary>
    public Plaintext Encode(ReadOnlySpan<double> values)
    {
        var pt = new Plaintext(_parameters.Rlwe, _parameters.MaxLevel, _parameters.DefaultScale);
        Encode(values, _parameters.MaxLevel, _parameters.DefaultScale, pt);
        return pt;
    }

    /// <summary>Decodes all N/2 slots into <paramref name="destination"/>.</summary>
    public void Decode(Plaintext plaintext, Span<Complex> destination)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        _parameters.CheckId(plaintext.ParameterId, "Decode");
        if (destination.Length < Slots) throw new ArgumentException($"Decode: destination holds {destination.Length} values; {Slots} slots.", nameof(destination));
        ReadCoefficients(plaintext);
        double inverseScale = 1.0 / plaintext.Scale;
        for (int t = 0; t < _n; t++) _work[t] = _twist[t] * (_coefficients[t] * inverseScale);
        Fft(_work, inverse: false);
        for (int j = 0; j < Slots; j++) destination[j] = _work[_slotIndex[j]];
    }

    /// <summary>Decodes the real parts of all N/2 slots.</summary>
    public void Decode(Plaintext plaintext, Span<double> destination)
    {
        if (destination.Length < Slots) throw new ArgumentException($"Decode: destination holds {destination.Length} values; {Slots} slots.", nameof(destination));
        Decode(plaintext, _slots);
        for (int j = 0; j < Slots; j++) destination[j] = _slots[j].Real;
    }

    /// <summary>Decodes into a new array of N/2 real values.</summary>
    public double[] DecodeReal(Plaintext plaintext)
    {
        var values = new double[Slots];
        Decode(plaintext, values);
        return values;
    }

    /// <summary>The plaintext's coefficients as centred integers divided by nothing (m_t as exact as a double allows).</summary>
    internal ReadOnlySpan<double> CenteredCoefficients(Plaintext plaintext)
    {
        ReadCoefficients(plaintext);
        return _coefficients;
    }

    private void CheckEncode(int count, int level, double scale, Plaintext destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _parameters.CheckId(destination.ParameterId, "Encode");
        if (count > Slots) throw new ArgumentException($"Encode: {count} values exceed the {Slots} slots.");
        if ((uint)level > (uint)_parameters.MaxLevel) throw new ArgumentOutOfRangeException(nameof(level), $"Encode: level {level} outside [0, {_parameters.MaxLevel}].");
        if (!(scale >= 1) || double.IsInfinity(scale)) throw new ArgumentOutOfRangeException(nameof(scale), "Encode: scale must be a finite number ≥ 1.");
    }

    private void EncodeWork(int level, double scale, Plaintext destination)
    {
        Fft(_work, inverse: true);
        double factor = scale / _n;
        for (int t = 0; t < _n; t++)
            _coefficients[t] = (_work[t] * Complex.Conjugate(_twist[t])).Real * factor;
        WriteCoefficients(level, destination);
        destination.Scale = scale;
    }

    /// <summary>Rounds <see cref="_coefficients"/> and writes them into the plaintext at <paramref name="level"/> in NTT form.</summary>
    private void WriteCoefficients(int level, Plaintext destination)
    {
        destination.Level = level;
        var basis = _parameters.Rlwe.Ring.Q(level);
        const double Limit = 9.2e18;           // below 2^63
        bool small = true;
        for (int t = 0; t < _n; t++)
        {
            double c = Math.Round(_coefficients[t]);
            if (double.IsNaN(c) || double.IsInfinity(c))
                throw new ArgumentException("Encode: values must be finite.");
            if (Math.Abs(c) >= Limit) { small = false; break; }
            _rounded[t] = (long)c;
        }
        var poly = destination.Poly;
        if (small)
        {
            basis.LiftSigned(_rounded, poly);
        }
        else
        {
            var maxMagnitude = basis.Product / 2;
            for (int i = 0; i < basis.Count; i++)
            {
                var m = basis.Moduli[i];
                Span<ulong> limb = poly.Limb(i);
                for (int t = 0; t < _n; t++)
                {
                    var c = new BigInteger(Math.Round(_coefficients[t]));
                    if (BigInteger.Abs(c) >= maxMagnitude)
                        throw new ArgumentException($"Encode: value × scale exceeds Q/2 at level {level}; lower the scale or the values.");
                    limb[t] = m.Reduce(c);
                }
            }
        }
        basis.Forward(poly);
    }

    /// <summary>Fills <see cref="_coefficients"/> with the centred integer coefficients of the plaintext.</summary>
    private void ReadCoefficients(Plaintext plaintext)
    {
        var basis = _parameters.Rlwe.Ring.Q(plaintext.Level);
        int count = basis.Count;
        var table = GarnerTable.For(basis);
        ulong[] residues = _residues;
        for (int i = 0; i < count; i++)
        {
            Span<ulong> r = residues.AsSpan(i * _n, _n);
            plaintext.Poly.Limb(i).CopyTo(r);
            basis.Tables[i].Inverse(r);
        }
        Span<long> digits = stackalloc long[count];
        for (int t = 0; t < _n; t++)
        {
            for (int j = 0; j < count; j++)
            {
                var mj = basis.Moduli[j];
                ulong qj = mj.Value;
                ulong x = residues[j * _n + t];
                for (int i = 0; i < j; i++)
                {
                    // x = (x − d_i) · q_i^-1 mod q_j
                    ulong di = mj.ReduceSigned(digits[i]);
                    x = mj.Mul(Modulus.Sub(x, di, qj), table.Inverse(i, j));
                }
                digits[j] = x > qj >> 1 ? (long)x - (long)qj : (long)x;
            }
            double value = digits[count - 1];
            for (int j = count - 2; j >= 0; j--) value = value * basis.Moduli[j].Value + digits[j];
            _coefficients[t] = value;
        }
    }

    /// <summary>Iterative radix-2 FFT of length N: forward X_k = Σ x_t e^(+2πikt/N) (the evaluation direction),
    /// inverse with e^(−2πikt/N) and no 1/N factor.</summary>
    private void Fft(Complex[] a, bool inverse)
    {
        int n = a.Length;
        for (int i = 0; i < n; i++)
        {
            int j = NttTable.BitReverse(i, _logN);
            if (i < j) (a[i], a[j]) = (a[j], a[i]);
        }
        for (int len = 2; len <= n; len <<= 1)
        {
            int half = len >> 1, stride = n / len;
            for (int start = 0; start < n; start += len)
            {
                for (int k = 0; k < half; k++)
                {
                    Complex w = _fftRoots[k * stride];       // e^(−2πi·k/len)
                    if (!inverse) w = Complex.Conjugate(w);
                    Complex u = a[start + k], v = a[start + k + half] * w;
                    a[start + k] = u + v;
                    a[start + k + half] = u - v;
                }
            }
        }
    }

    /// <summary>q_i^-1 mod q_j for i &lt; j, per basis; cached.</summary>
    private sealed class GarnerTable
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RnsBasis, GarnerTable> Cache = [];
        private readonly ulong[] _inverses;
        private readonly int _count;

        private GarnerTable(RnsBasis basis)
        {
            _count = basis.Count;
            _inverses = new ulong[_count * _count];
            for (int j = 0; j < _count; j++)
                for (int i = 0; i < j; i++)
                    _inverses[i * _count + j] = basis.Moduli[j].Inverse(basis.Moduli[i].Value % basis.Moduli[j].Value);
        }

        public static GarnerTable For(RnsBasis basis) => Cache.GetValue(basis, static b => new GarnerTable(b));

        public ulong Inverse(int i, int j) => _inverses[i * _count + j];
    }
}
