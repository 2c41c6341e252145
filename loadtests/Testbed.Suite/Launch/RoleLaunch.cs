namespace Testbed.Suite.Launch;

/// <summary>Everything needed to start one role locally, with placeholders already resolved.</summary>
internal sealed record RoleLaunch
{
    public required string Name { get; init; }

    /// <summary>The program to run (an apphost, or "dotnet" with the .dll as the first argument).</summary>
    public required string FileName { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    public required bool Http { get; init; }

    /// <summary>http://127.0.0.1:port for HTTP roles; polled at /healthz until ready.</summary>
    public required string BaseUrl { get; init; }

    public double? Cpus { get; init; }

    /// <summary><see cref="CpuLimiters.Auto"/> or <see cref="CpuLimiters.Cpulimit"/>.</summary>
    public string Limiter { get; init; } = CpuLimiters.Auto;

    /// <summary>Cores the role runs on (taskset -c), or null for any.</summary>
    public string? Cores { get; init; }

    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(ShellQuote));

    public static string ShellQuote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
