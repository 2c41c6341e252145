using System.CommandLine;
using Testbed.Common;

namespace Testbed.Views;

/// <summary>
/// <c>--dashboard [PORT]</c>, parsed the same way by testbed-load and testbed-suite: the port is
/// optional, which the parser cannot express for an option followed by a positional argument (it
/// would take testbed-load's URL as the port), so <see cref="WithExplicitPort"/> gives a bare
/// <c>--dashboard</c> an explicit 0 (a free port) before parsing, and <see cref="Port"/> checks the range.
/// </summary>
internal static class DashboardOption
{
    public const string Name = "--dashboard";

    /// <summary>The option, an optional port; <paramref name="description"/> says what the page shows.</summary>
    public static Option<int?> Create(string description) => new(Name) { Description = description };

    /// <summary>The arguments with "0" after every <c>--dashboard</c> that no port follows.</summary>
    public static string[] WithExplicitPort(string[] args)
    {
        var result = new List<string>(args.Length + 1);
        for (int i = 0; i < args.Length; i++)
        {
            result.Add(args[i]);
            if (args[i] == Name && (i + 1 == args.Length || !int.TryParse(args[i + 1], out _))) result.Add("0");
        }
        return [.. result];
    }

    /// <summary>The port to serve on (0: a free one), or null without <c>--dashboard</c>.</summary>
    /// <exception cref="UsageException">The port is outside 0..65535.</exception>
    public static int? Port(ParseResult parse, Option<int?> option)
    {
        int? port = parse.GetValue(option);
        return port is < 0 or > 65535 ? throw new UsageException($"{Name}: port must be between 0 and 65535, not '{port}'") : port;
    }
}
