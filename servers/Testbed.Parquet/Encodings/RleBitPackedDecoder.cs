using System.Buffers.Binary;

namespace Testbed.Parquet.Encodings;

/// <summary>
/// Decodes the RLE / bit-packing hybrid (Encodings.md: levels, dictionary indices, RLE booleans).
/// Run lengths are bounded by the values the caller asks for, never trusted for allocation.
/// </summary>
internal ref struct RleBitPackedDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private readonly int _valueBytes;
    private int _pos;
    private int _rleLeft;
    private int _rleValue;
    private int _packedLeft;
    private long _packedBit;
    private int _packedStart;

    public RleBitPackedDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new ParquetException($"invalid RLE bit width {bitWidth}");
        }

        _data = data;
        _bitWidth = bitWidth;
        _valueBytes = (bitWidth + 7) / 8;
    }

    /// <summary>Fills <paramref name="dest"/> completely or throws when the data runs out.</summary>
    public void Read(Span<int> dest)
    {
        var i = 0;
        while (i < dest.Length)
        {
            if (_rleLeft > 0)
            {
                var n = Math.Min(_rleLeft, dest.Length - i);
                dest.Slice(i, n).Fill(_rleValue);
                _rleLeft -= n;
                i += n;
            }
            else if (_packedLeft > 0)
            {
                var n = Math.Min(_packedLeft, dest.Length - i);
                for (var k = 0; k < n; k++)
                {
                    dest[i + k] = ReadPacked(_packedStart, _packedBit);
                    _packedBit += _bitWidth;
                }

                _packedLeft -= n;
                i += n;
            }
            else
            {
                NextRun();
            }
        }
    }

    private void NextRun()
    {
        if (_pos >= _data.Length)
        {
            throw new ParquetException("RLE data ends before all values were read");
        }

        uint header = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (shift > 28 || _pos >= _data.Length)
            {
                throw new ParquetException("corrupt RLE run header");
            }

            var b = _data[_pos++];
            header |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        if ((header & 1) == 0)
        {
            var count = header >> 1;
            if (count == 0 || count > int.MaxValue)
            {
                throw new ParquetException("corrupt RLE run: zero or absurd length");
            }

            if (_data.Length - _pos < _valueBytes)
            {
                throw new ParquetException("RLE run value runs past the end of the data");
            }

            var v = 0;
            for (var k = 0; k < _valueBytes; k++)
            {
                v |= _data[_pos + k] << (8 * k);
            }

            if (_bitWidth < 32 && (uint)v >= 1u << _bitWidth)
            {
                throw new ParquetException($"RLE run value {v} does not fit in {_bitWidth} bits");
            }

            _pos += _valueBytes;
            _rleValue = v;
            _rleLeft = (int)count;
        }
        else
        {
            var groups = (long)(header >> 1);
            if (groups == 0)
            {
                throw new ParquetException("corrupt RLE data: empty bit-packed run");
            }

            var bytes = groups * _bitWidth;
            var available = _data.Length - _pos;

            // Writers may cut the last run short of its padding: only count values really present.
            var values = _bitWidth == 0 ? groups * 8 : Math.Min(groups * 8, (long)Math.Min(bytes, available) * 8 / _bitWidth);
            if (values == 0)
            {
                throw new ParquetException("bit-packed run runs past the end of the data");
            }

            _packedStart = _pos;
            _packedBit = 0;
            _packedLeft = (int)Math.Min(values, int.MaxValue);
            _pos += (int)Math.Min(bytes, available);
        }
    }

    private readonly int ReadPacked(int start, long bit)
    {
        if (_bitWidth == 0)
        {
            return 0;
        }

        var byteIndex = start + (int)(bit >> 3);
        var shift = (int)(bit & 7);
        ulong raw;
        if (byteIndex + 8 <= _data.Length)
        {
            raw = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(byteIndex, 8));
        }
        else
        {
            raw = 0;
            for (var k = 0; k < 8 && byteIndex + k < _data.Length; k++)
            {
                raw |= (ulong)_data[byteIndex + k] << (8 * k);
            }
        }

        return (int)((raw >> shift) & ((1UL << _bitWidth) - 1));
    }
}
