using System.Buffers.Text;
using System.Text;

namespace Testbed.Load.Engine;

/// <summary>
/// Incremental HTTP/1.1 response parser: status line and headers from one contiguous buffer, then
/// the body fed in pieces as it arrives (Content-Length, chunked, or until the server closes). It
/// keeps no body bytes, only counts them, and allocates nothing per response except when a header
/// value it reports (X-Served-By, Server) differs from the previous one.
/// </summary>
internal sealed class HttpResponseParser
{
    private enum ChunkState : byte { Size, Extension, SizeLf, Data, DataCr, DataLf, TrailerLineStart, TrailerLine, TrailerEndLf }

    private ChunkState _chunkState;
    private long _chunkRemaining;
    private long _bodyRemaining;
    private byte[] _servedByBytes = [];
    private string? _servedBy;

    public int StatusCode { get; private set; }
    public BodyFraming Framing { get; private set; }
    public long ContentLength { get; private set; } = -1;
    public bool ConnectionClose { get; private set; }
    public long BodyBytes { get; private set; }
    public string? ServedBy { get; private set; }

    /// <summary>Set before parsing to have the next response's Server header captured into <see cref="Server"/>.</summary>
    public bool CaptureServer { get; set; }
    public string? Server { get; private set; }

    public void Reset()
    {
        StatusCode = 0;
        Framing = BodyFraming.None;
        ContentLength = -1;
        ConnectionClose = false;
        BodyBytes = 0;
        ServedBy = null;
        _chunkState = ChunkState.Size;
        _chunkRemaining = 0;
        _bodyRemaining = 0;
    }

    /// <summary>
    /// Parses the status line and headers if <paramref name="buffer"/> holds all of them.
    /// <paramref name="headerLength"/> is the length including the blank line.
    /// </summary>
    public ParseStatus ParseHeaders(ReadOnlySpan<byte> buffer, bool isHeadRequest, out int headerLength)
    {
        headerLength = 0;
        int end = buffer.IndexOf("\r\n\r\n"u8);
        if (end < 0) return ParseStatus.NeedMore;
        headerLength = end + 4;
        var head = buffer[..(end + 2)];

        int lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        // "HTTP/1.x SSS reason"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' ')
            return ParseStatus.Malformed;
        bool http10 = statusLine[7] == (byte)'0';
        if (!Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out int used) || used != 3 || status < 100)
            return ParseStatus.Malformed;
        StatusCode = status;
        ConnectionClose = http10;

        bool chunked = false;
        var rest = head[(lineEnd + 2)..];
        while (rest.Length > 0)
        {
            int le = rest.IndexOf("\r\n"u8);
            var line = rest[..le];
            rest = rest[(le + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0) return ParseStatus.Malformed;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
            switch (name.Length)
            {
                case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                    if (!Utf8Parser.TryParse(value, out long cl, out int n) || n != value.Length || cl < 0)
                        return ParseStatus.Malformed;
                    ContentLength = cl;
                    break;
                case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                    chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
                    break;
                case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                    if (Ascii.EqualsIgnoreCase(value, "close"u8)) ConnectionClose = true;
                    else if (Ascii.EqualsIgnoreCase(value, "keep-alive"u8)) ConnectionClose = false;
                    break;
                case 11 when Ascii.EqualsIgnoreCase(name, "X-Served-By"u8):
                    ServedBy = Intern(value);
                    break;
                case 6 when CaptureServer && Ascii.EqualsIgnoreCase(name, "Server"u8):
                    Server = Encoding.ASCII.GetString(value);
                    break;
            }
        }

        if (isHeadRequest || status < 200 || status == 204 || status == 304) Framing = BodyFraming.None;
        else if (chunked) Framing = BodyFraming.Chunked;
        else if (ContentLength >= 0) { Framing = BodyFraming.ContentLength; _bodyRemaining = ContentLength; }
        else { Framing = BodyFraming.UntilClose; ConnectionClose = true; }
        if (Framing == BodyFraming.ContentLength && ContentLength == 0) Framing = BodyFraming.None;
        return ParseStatus.NeedMore;
    }

    /// <summary>True when the headers alone complete the response.</summary>
    public bool HeadersComplete => Framing == BodyFraming.None;

    /// <summary>Consumes body bytes. <see cref="BodyFraming.UntilClose"/> never reports Done: the caller ends it at EOF.</summary>
    public ParseStatus FeedBody(ReadOnlySpan<byte> data)
    {
        switch (Framing)
        {
            case BodyFraming.None:
                return ParseStatus.Done;
            case BodyFraming.UntilClose:
                BodyBytes += data.Length;
                return ParseStatus.NeedMore;
            case BodyFraming.ContentLength:
                long take = Math.Min(_bodyRemaining, data.Length);
                BodyBytes += take;
                _bodyRemaining -= take;
                return _bodyRemaining == 0 ? ParseStatus.Done : ParseStatus.NeedMore;
            default:
                return FeedChunked(data);
        }
    }

    private ParseStatus FeedChunked(ReadOnlySpan<byte> data)
    {
        int i = 0;
        while (i < data.Length)
        {
            byte b = data[i];
            switch (_chunkState)
            {
                case ChunkState.Size:
                    int digit = HexValue(b);
                    if (digit >= 0)
                    {
                        if (_chunkRemaining > (long.MaxValue >> 4)) return ParseStatus.Malformed;
                        _chunkRemaining = (_chunkRemaining << 4) | (uint)digit;
                    }
                    else if (b == (byte)';' || b == (byte)' ' || b == (byte)'\t') _chunkState = ChunkState.Extension;
                    else if (b == (byte)'\r') _chunkState = ChunkState.SizeLf;
                    else if (b == (byte)'\n') EndSizeLine();
                    else return ParseStatus.Malformed;
                    i++;
                    break;
                case ChunkState.Extension:
                    if (b == (byte)'\r') _chunkState = ChunkState.SizeLf;
                    else if (b == (byte)'\n') EndSizeLine();
                    i++;
                    break;
                case ChunkState.SizeLf:
                    if (b != (byte)'\n') return ParseStatus.Malformed;
                    EndSizeLine();
                    i++;
                    break;
                case ChunkState.Data:
                    int take = (int)Math.Min(_chunkRemaining, data.Length - i);
                    BodyBytes += take;
                    _chunkRemaining -= take;
                    i += take;
                    if (_chunkRemaining == 0) _chunkState = ChunkState.DataCr;
                    break;
                case ChunkState.DataCr:
                    if (b == (byte)'\r') _chunkState = ChunkState.DataLf;
                    else if (b == (byte)'\n') _chunkState = ChunkState.Size;
                    else return ParseStatus.Malformed;
                    i++;
                    break;
                case ChunkState.DataLf:
                    if (b != (byte)'\n') return ParseStatus.Malformed;
                    _chunkState = ChunkState.Size;
                    i++;
                    break;
                case ChunkState.TrailerLineStart:
                    i++;
                    if (b == (byte)'\r') _chunkState = ChunkState.TrailerEndLf;
                    else if (b == (byte)'\n') return ParseStatus.Done;
                    else _chunkState = ChunkState.TrailerLine;
                    break;
                case ChunkState.TrailerLine:
                    if (b == (byte)'\n') _chunkState = ChunkState.TrailerLineStart;
                    i++;
                    break;
                case ChunkState.TrailerEndLf:
                    return b == (byte)'\n' ? ParseStatus.Done : ParseStatus.Malformed;
            }
        }
        return ParseStatus.NeedMore;
    }

    private void EndSizeLine()
    {
        _chunkState = _chunkRemaining == 0 ? ChunkState.TrailerLineStart : ChunkState.Data;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private string Intern(ReadOnlySpan<byte> value)
    {
        if (_servedBy is not null && value.SequenceEqual(_servedByBytes)) return _servedBy;
        _servedByBytes = value.ToArray();
        _servedBy = Encoding.UTF8.GetString(value);
        return _servedBy;
    }
}
