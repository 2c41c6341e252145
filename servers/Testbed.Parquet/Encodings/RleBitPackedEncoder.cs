namespace Testbed.Parquet.Encodings;

/// <summary>
/// Encodes the RLE / bit-packing hybrid: runs of 8 or more equal values become RLE runs, the
/// rest bit-packed groups of 8 (the last group padded with zeros).
/// </summary>
internal static class RleBitPackedEncoder
{
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, List<byte> output)
    {
        var i = 0;
        while (i < values.Length)
        {
            var run = 1;
            while (i + run < values.Length && values[i + run] == values[i])
            {
                run++;
            }

            if (run >= 8)
            {
                WriteVarint(output, (uint)run << 1);
                var v = values[i];
                for (var k = 0; k < (bitWidth + 7) / 8; k++)
                {
                    output.Add((byte)(v >> (8 * k)));
                }

                i += run;
                continue;
            }

            // Bit-pack groups of 8 until a long run starts (checked at group boundaries).
            var start = i;
            var groups = 0;
            while (i < values.Length && groups < 63)
            {
                var r = 1;
                while (i + r < values.Length && values[i + r] == values[i] && r < 8)
                {
                    r++;
                }

                if (r >= 8 && groups > 0)
                {
                    break;
                }

                i = Math.Min(i + 8, values.Length);
                groups++;
            }

            WriteVarint(output, ((uint)groups << 1) | 1);
            var count = groups * 8;
            ulong acc = 0;
            var bits = 0;
            for (var k = 0; k < count; k++)
            {
                var v = start + k < i ? (ulong)(uint)values[start + k] : 0;
                acc |= v << bits;
                bits += bitWidth;
                while (bits >= 8)
                {
                    output.Add((byte)acc);
                    acc >>= 8;
                    bits -= 8;
                }
            }

            if (bits > 0)
            {
                output.Add((byte)acc);
            }
        }
    }

    public static int BitWidth(int maxValue) => maxValue == 0 ? 0 : 32 - int.LeadingZeroCount(maxValue);

    private static void WriteVarint(List<byte> output, uint v)
    {
        while (v >= 0x80)
        {
            output.Add((byte)(v | 0x80));
            v >>= 7;
        }

        output.Add((byte)v);
    }
}
