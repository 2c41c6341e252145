using System.Buffers.Binary;
using System.Text;

namespace Testbed.Parquet.Thrift;

/// <summary>
/// Reads the Thrift compact protocol from a span. Every length and count is checked against the
/// bytes that remain, so a hostile footer can neither read past its end nor make us allocate more
/// than it holds; nesting is capped so that skipping cannot recurse without bound.
/// </summary>
internal ref struct ThriftCompactReader
{
    private const int MaxDepth = 64;
    private readonly ReadOnlySpan<byte> _data;
    private int _depth;

    public ThriftCompactReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
        _depth = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public void EnterStruct()
    {
        if (++_depth > MaxDepth)
        {
            throw new ParquetException("corrupt Thrift metadata: structures nested too deeply");
        }
    }

    public void ExitStruct() => _depth--;

    /// <summary>Reads a field header; false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(ref short lastFieldId, out byte type, out short fieldId)
    {
        var b = ReadByte();
        type = (byte)(b & 0x0F);
        if (type == ThriftType.Stop)
        {
            fieldId = 0;
            return false;
        }

        var delta = b >> 4;
        fieldId = delta != 0 ? (short)(lastFieldId + delta) : (short)ZigZag32(ReadVarint32());
        lastFieldId = fieldId;
        return true;
    }

    public byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw Truncated();
        }

        return _data[Position++];
    }

    public int ReadI32() => ZigZag32(ReadVarint32());

    public long ReadI64() => ZigZag64(ReadVarint64());

    public double ReadDouble()
    {
        if (Remaining < 8)
        {
            throw Truncated();
        }

        var v = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(Position, 8));
        Position += 8;
        return v;
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadVarint32();
        if (length > (uint)Remaining)
        {
            throw new ParquetException($"corrupt Thrift metadata: a binary field of {length} bytes runs past the end");
        }

        var span = _data.Slice(Position, (int)length);
        Position += (int)length;
        return span;
    }

    public string ReadString()
    {
        var bytes = ReadBinary();
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads a list header and returns its element count, bounded by the remaining bytes.</summary>
    public int ReadListHeader(out byte elementType)
    {
        var b = ReadByte();
        elementType = (byte)(b & 0x0F);
        uint size = (uint)(b >> 4);
        if (size == 15)
        {
            size = ReadVarint32();
        }

        // Every element takes at least one byte (an empty struct is its stop byte).
        if (size > (uint)Remaining)
        {
            throw new ParquetException($"corrupt Thrift metadata: a list of {size} elements is longer than the {Remaining} bytes left");
        }

        return (int)size;
    }

    /// <summary>Reads a bool field's value, which the compact protocol keeps in the type nibble.</summary>
    public static bool BoolFromType(byte type) => type == ThriftType.BoolTrue;

    public bool ReadBoolElement() => ReadByte() == ThriftType.BoolTrue;

    public void Skip(byte type)
    {
        switch (type)
        {
            case ThriftType.BoolTrue:
            case ThriftType.BoolFalse:
                return;
            case ThriftType.Byte:
                ReadByte();
                return;
            case ThriftType.I16:
            case ThriftType.I32:
                ReadVarint32();
                return;
            case ThriftType.I64:
                ReadVarint64();
                return;
            case ThriftType.Double:
                ReadDouble();
                return;
            case ThriftType.Binary:
                ReadBinary();
                return;
            case ThriftType.List:
            case ThriftType.Set:
                {
                    var count = ReadListHeader(out var elementType);
                    EnterStruct();
                    for (var i = 0; i < count; i++)
                    {
                        if (elementType is ThriftType.BoolTrue or ThriftType.BoolFalse)
                        {
                            ReadByte();
                        }
                        else
                        {
                            Skip(elementType);
                        }
                    }

                    ExitStruct();
                    return;
                }

            case ThriftType.Map:
                {
                    var count = ReadVarint32();
                    if (count == 0)
                    {
                        return;
                    }

                    if (count > (uint)Remaining)
                    {
                        throw new ParquetException("corrupt Thrift metadata: a map is longer than the bytes left");
                    }

                    var kv = ReadByte();
                    EnterStruct();
                    for (var i = 0; i < count; i++)
                    {
                        Skip((byte)(kv >> 4));
                        Skip((byte)(kv & 0x0F));
                    }

                    ExitStruct();
                    return;
                }

            case ThriftType.Struct:
                {
                    EnterStruct();
                    short last = 0;
                    while (ReadFieldHeader(ref last, out var fieldType, out _))
                    {
                        Skip(fieldType);
                    }

                    ExitStruct();
                    return;
                }

            default:
                throw new ParquetException($"corrupt Thrift metadata: unknown field type {type}");
        }
    }

    private uint ReadVarint32()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetException("corrupt Thrift metadata: a 32-bit varint is too long");
    }

    private ulong ReadVarint64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ParquetException("corrupt Thrift metadata: a 64-bit varint is too long");
    }

    private static int ZigZag32(uint n) => (int)(n >> 1) ^ -(int)(n & 1);

    private static long ZigZag64(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

    private static ParquetException Truncated() => new("corrupt Thrift metadata: truncated structure");
}
