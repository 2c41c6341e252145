using System.CommandLine;
using System.Diagnostics;
using Testbed.Common;
using Testbed.Servers.Data;
using Testbed.Servers.ParquetAdapter;

namespace Testbed.Servers.Commands;

/// <summary>
/// <c>testbed-server data bench FILE [--iterations N]</c>: decode throughput of a candle file the
/// way /parquet/local's per-request handler does it (read the bytes, decode every column, build the index).
/// Prints one line per iteration and a summary line "bench ... rows/s ... MB/s" that scripts parse.
/// </summary>
internal static class DataBenchCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The candle file to decode." };
        var iterations = new Option<int>("--iterations", "-i")
        {
            Description = "Timed decodes after one warm-up (1..1000). Defaults to 5.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("bench", "Measure decode throughput of a candle file (rows/s, MB/s)");
        command.Arguments.Add(file);
        command.Options.Add(iterations);
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var n = parseResult.GetValue(iterations);
            if (n is < 1 or > 1000)
            {
                throw new UsageException($"--iterations must be 1..1000, not {n}");
            }

            if (!File.Exists(path))
            {
                throw new UsageException($"no such file: {path}");
            }

            var bytes = new FileInfo(path).Length;
            try
            {
                var codec = ParquetTable.Read(path, 0).Columns[^1].Codec ?? "-";
                var rows = CandleTable.Load(path).RowCount; // warm-up (JIT, page cache)
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var times = Measure(path, n);
                var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6 / n;
                var median = times[times.Count / 2];
                Console.WriteLine($"bench codec={codec} rows={rows} bytes={bytes} median_ms={median * 1000:F1} min_ms={times[0] * 1000:F1} rows_per_s={rows / median:F0} mb_per_s={bytes / 1e6 / median:F1} alloc_mb={allocatedMb:F1}");
                return CommandLineApp.ExitOk;
            }
            catch (ParquetFileException e)
            {
                Console.Error.WriteLine($"testbed-server: {e.Message}");
                return CommandLineApp.ExitFailure;
            }
        });
        return command;
    }

    /// <summary>Times <paramref name="n"/> decodes; returns the seconds sorted.</summary>
    private static List<double> Measure(string path, int n)
    {
        var times = new List<double>();
        for (var i = 0; i < n; i++)
        {
            var watch = Stopwatch.StartNew();
            var table = CandleTable.Load(path);
            watch.Stop();
            GC.KeepAlive(table);
            times.Add(watch.Elapsed.TotalSeconds);
            Console.WriteLine($"iteration {i + 1}: {watch.Elapsed.TotalMilliseconds:F1} ms");
        }

        times.Sort();
        return times;
    }
}
