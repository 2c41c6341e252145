using System.Buffers.Binary;

namespace Testbed.Parquet.Encodings;

/// <summary>Decodes DELTA_BINARY_PACKED (Encodings.md) into 64-bit values; INT32 columns truncate.</summary>
internal static class DeltaBinaryPackedDecoder
{
    /// <summary>Reads the header's total value count without decoding.</summary>
    public static int PeekCount(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        ReadUVarint(data, ref pos);
        ReadUVarint(data, ref pos);
        var total = ReadUVarint(data, ref pos);
        if (total > int.MaxValue)
        {
            throw new ParquetException("DELTA_BINARY_PACKED: absurd value count");
        }

        return (int)total;
    }

    /// <summary>Decodes exactly dest.Length values; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<long> dest)
    {
        var pos = 0;
        var blockSize = ReadUVarint(data, ref pos);
        var miniblocks = ReadUVarint(data, ref pos);
        var total = ReadUVarint(data, ref pos);
        var value = ZigZag(ReadUVarint(data, ref pos));
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > 1 << 20 || miniblocks == 0 || blockSize % miniblocks != 0
            || blockSize / miniblocks % 32 != 0)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: invalid block size {blockSize} / {miniblocks} miniblocks");
        }

        if (total < (ulong)dest.Length)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: holds {total} values, {dest.Length} expected");
        }

        var perMiniblock = (int)(blockSize / miniblocks);
        if (dest.Length == 0)
        {
            return pos;
        }

        dest[0] = value;
        var n = 1;
        Span<byte> widths = stackalloc byte[(int)Math.Min(miniblocks, 1024)];
        if (miniblocks > 1024)
        {
            throw new ParquetException("DELTA_BINARY_PACKED: too many miniblocks");
        }

        while (n < dest.Length)
        {
            var minDelta = ZigZag(ReadUVarint(data, ref pos));
            if (data.Length - pos < (int)miniblocks)
            {
                throw new ParquetException("DELTA_BINARY_PACKED: truncated block header");
            }

            data.Slice(pos, (int)miniblocks).CopyTo(widths);
            pos += (int)miniblocks;
            for (var m = 0; m < (int)miniblocks && n < dest.Length; m++)
            {
                int width = widths[m];
                if (width > 64)
                {
                    throw new ParquetException($"DELTA_BINARY_PACKED: bit width {width} exceeds 64");
                }

                var bytes = perMiniblock * width / 8;
                if (data.Length - pos < bytes)
                {
                    throw new ParquetException("DELTA_BINARY_PACKED: miniblock runs past the end of the page");
                }

                var block = data.Slice(pos, bytes);
                var count = Math.Min(perMiniblock, dest.Length - n);
                for (var k = 0; k < count; k++)
                {
                    var delta = width == 0 ? 0UL : ReadBits(block, (long)k * width, width);
                    value = unchecked(value + minDelta + (long)delta);
                    dest[n++] = value;
                }

                pos += bytes;
            }
        }

        return pos;
    }

    private static ulong ReadBits(ReadOnlySpan<byte> data, long bit, int width)
    {
        var byteIndex = (int)(bit >> 3);
        var shift = (int)(bit & 7);
        ulong lo;
        if (byteIndex + 8 <= data.Length)
        {
            lo = BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(byteIndex, 8));
        }
        else
        {
            lo = 0;
            for (var k = 0; k < 8 && byteIndex + k < data.Length; k++)
            {
                lo |= (ulong)data[byteIndex + k] << (8 * k);
            }
        }

        var result = lo >> shift;
        if (width + shift > 64 && byteIndex + 8 < data.Length)
        {
            result |= (ulong)data[byteIndex + 8] << (64 - shift);
        }

        return width == 64 ? result : result & ((1UL << width) - 1);
    }

    private static ulong ReadUVarint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (pos >= data.Length)
            {
                throw new ParquetException("DELTA_BINARY_PACKED: truncated header");
            }

            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetException("DELTA_BINARY_PACKED: varint too long");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
