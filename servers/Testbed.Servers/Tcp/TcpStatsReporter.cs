namespace Testbed.Servers.Tcp;

/// <summary>Prints the counters as one line and writes them as JSON to the stats file, atomically.</summary>
internal sealed class TcpStatsReporter(Func<TcpStatsSnapshot> snapshot, string? file, bool print, ThrottledLog log)
{
    public void Report(bool final = false)
    {
        var current = snapshot();
        if (print)
            Console.WriteLine(current.ToLine(final));
        WriteFile(current);
    }

    public void WriteFile() => WriteFile(snapshot());

    private void WriteFile(TcpStatsSnapshot current)
    {
        if (file is null)
            return;
        // Write then rename, so a reader (the prefork parent, a script) never sees half a file.
        var temporary = $"{file}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, current.ToJson());
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Write("stats_file", $"cannot write the stats file {file}: {e.Message}");
        }
    }
}
