namespace Testbed.Servers.Web.Cpu;

/// <summary>
/// The stand-in for model inference behind <c>/cpu</c>: a small dense network (3 layers of
/// <see cref="Width"/> × <see cref="Width"/> weights, ReLU, ReLU, tanh) with weights from a fixed
/// seed. One unit is one forward pass; each pass takes the previous output as input, so the work
/// is a chain that cannot be skipped or hoisted. Plain scalar loops in a fixed order, so the result
/// is bit-identical on every machine (SIMD widths would change the summation order).
/// </summary>
internal sealed class DenseNetwork
{
    public const int Width = 256;
    public const int Layers = 3;
    public const ulong Seed = 0x7E57BED;

    private readonly float[][] _weights = new float[Layers][];
    private readonly float[][] _biases = new float[Layers][];
    private readonly float[] _input = new float[Width];

    private DenseNetwork()
    {
        var state = Seed;
        // Scaled so that activations neither vanish nor explode over many chained passes.
        var scale = MathF.Sqrt(6f / Width);
        for (var layer = 0; layer < Layers; layer++)
        {
            _weights[layer] = new float[Width * Width];
            _biases[layer] = new float[Width];
            for (var i = 0; i < _weights[layer].Length; i++)
            {
                _weights[layer][i] = NextSigned(ref state) * scale;
            }

            for (var i = 0; i < Width; i++)
            {
                _biases[layer][i] = NextSigned(ref state) * 0.1f;
            }
        }

        for (var i = 0; i < Width; i++)
        {
            _input[i] = NextSigned(ref state);
        }
    }

    public static DenseNetwork Shared { get; } = new();

    public CpuResult Run(int units)
    {
        var x = (float[])_input.Clone();
        var y = new float[Width];
        for (var unit = 0; unit < units; unit++)
        {
            for (var layer = 0; layer < Layers; layer++)
            {
                Dense(_weights[layer], _biases[layer], x, y, last: layer == Layers - 1);
                (x, y) = (y, x);
            }
        }

        var argmax = 0;
        double checksum = 0;
        for (var i = 0; i < Width; i++)
        {
            checksum += x[i] * (i + 1);
            if (x[i] > x[argmax])
            {
                argmax = i;
            }
        }

        return new CpuResult(units, argmax, Math.Round(checksum, 6));
    }

    private static void Dense(float[] weights, float[] biases, float[] input, float[] output, bool last)
    {
        for (var row = 0; row < Width; row++)
        {
            var sum = biases[row];
            var offset = row * Width;
            for (var col = 0; col < Width; col++)
            {
                sum += weights[offset + col] * input[col];
            }

            output[row] = last ? MathF.Tanh(sum) : MathF.Max(sum, 0f);
        }
    }

    /// <summary>SplitMix64 mapped to [-1, 1): our own generator so the weights never depend on a runtime's Random.</summary>
    private static float NextSigned(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (float)((z >> 40) / (double)(1UL << 24) * 2.0 - 1.0);
    }
}
