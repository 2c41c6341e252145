using System.Globalization;
using System.Text;
using Testbed.Common;
using Testbed.Load.Stats;
using Testbed.Views;

namespace Testbed.Load.Reporting;

/// <summary>
/// <c>--latency-log</c>: an HdrHistogram interval log (format 1.3) of total latency, one interval per
/// second of the run, written as the run goes so that an interrupted run keeps what it measured.
/// Header with start and base time, then "start,length,max,payload" lines with start relative to the
/// base time, as HdrHistogram's Java HistogramLogWriter writes them; every HdrHistogram log reader
/// (Java, .NET, Python, Go) reads it. Written by us rather than by the .NET library's
/// HistogramLogWriter, which writes UTF-16 that the other implementations cannot read. Values are
/// microseconds; the Interval_Max column is in milliseconds.
/// </summary>
internal sealed class LatencyLogWriter : ILatencyIntervalSink, IDisposable
{
    public const string Legend = "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"";

    private readonly string _path;
    private readonly StreamWriter _writer;

    private LatencyLogWriter(string path, StreamWriter writer)
    {
        _path = path;
        _writer = writer;
    }

    /// <summary>Why the log stopped being written (a full disk, say), or null while all is well.</summary>
    public string? Error { get; private set; }

    /// <summary>Creates (or truncates) the file now, so that a bad path fails before the run, not after it.</summary>
    /// <exception cref="UsageException">The file cannot be created.</exception>
    public static LatencyLogWriter Create(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            return new LatencyLogWriter(path, new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--latency-log: cannot write '{path}': {e.Message}");
        }
    }

    public void Begin(DateTimeOffset startedAt)
    {
        double epochSeconds = startedAt.ToUnixTimeMilliseconds() / 1000.0;
        Emit(w =>
        {
            w.WriteLine("#[testbed-load latency log: total latency per second; values in microseconds, Interval_Max in milliseconds]");
            w.WriteLine("#[Histogram log format version 1.3]");
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "#[StartTime: {0:F3} (seconds since epoch), {1:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}]",
                epochSeconds, startedAt.UtcDateTime));
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "#[BaseTime: {0:F3} (seconds since epoch)]", epochSeconds));
            w.WriteLine(Legend);
        });
    }

    public void Write(double startSeconds, double lengthSeconds, LatencyHistogram interval)
    {
        string payload = HdrEncoding.ToBase64(interval.Hdr);
        double maxMs = interval.Count == 0 ? 0 : interval.MaxMicros / 1000.0;
        Emit(w => w.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:F3},{1:F3},{2:F3},{3}",
            startSeconds, lengthSeconds, maxMs, payload)));
    }

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (IOException e)
        {
            Error ??= $"--latency-log: writing '{_path}' failed: {e.Message}";
        }
    }

    /// <summary>
    /// Writes and flushes; the first I/O failure is kept for the end of the run and later intervals are
    /// dropped, because a full disk must not abort the load (nor lose its other reports).
    /// </summary>
    private void Emit(Action<StreamWriter> write)
    {
        if (Error is not null) return;
        try
        {
            write(_writer);
            _writer.Flush();
        }
        catch (IOException e)
        {
            Error = $"--latency-log: writing '{_path}' failed: {e.Message}";
        }
    }
}
