using System.Diagnostics;

namespace Testbed.Servers.Data;

/// <summary>
/// Where the candle file lives and how it comes to exist: generated on first use (a server start
/// or <c>testbed-server data generate</c>), never committed (data/ is ignored by git).
/// </summary>
internal static class CandleDataSet
{
    public const string FileName = "candles.parquet";

    /// <summary>The data folder used when configuration names none: "data" under the working directory.</summary>
    public const string DefaultDirectory = "data";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Returns the file's path, generating it first when it is missing (safe to call concurrently).</summary>
    public static async Task<string> EnsureGeneratedAsync(string directory, CandleGeneratorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return path;
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                await Task.Run(() => Generate(directory, options ?? new CandleGeneratorOptions()), cancellationToken);
            }
        }
        finally
        {
            Gate.Release();
        }

        return path;
    }

    /// <summary>Writes (or overwrites) the file; a temporary file is renamed into place so readers never see half a file.</summary>
    public static CandleGenerationResult Generate(string directory, CandleGeneratorOptions options)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        var watch = Stopwatch.StartNew();
        long rows;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                rows = CandleGenerator.Write(stream, options);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return new CandleGenerationResult(path, rows, new FileInfo(path).Length, watch.Elapsed);
    }
}
