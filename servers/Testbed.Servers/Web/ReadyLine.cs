namespace Testbed.Servers.Web;

/// <summary>
/// The lines scripts and the supervisor wait for on stdout. A server prints exactly one public
/// ready line (a supervisor prints it once all its workers listen); a supervised worker prints the
/// worker line instead, which only its supervisor reads. Logs go to stderr, so stdout stays clean.
/// </summary>
internal static class ReadyLine
{
    /// <summary>Matches the public line; groups url, mode, workers.</summary>
    public const string Pattern = @"^testbed-server ready on (?<url>\S+) mode=(?<mode>\S+) workers=(?<workers>\d+)$";

    public const string WorkerPrefix = "testbed-server worker listening ";

    public static string Format(string url, string mode, int workers) =>
        $"testbed-server ready on {url} mode={mode} workers={workers}";

    public static string FormatWorker(int index, string url, int pid) =>
        $"{WorkerPrefix}index={index} url={url} pid={pid}";
}
