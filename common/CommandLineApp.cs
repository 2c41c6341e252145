using System.CommandLine;

namespace Testbed.Common;

/// <summary>
/// Thrown by a command's action when an argument is valid to the parser but wrong for the command
/// (n &lt; c, a negative duration, an unknown mode). Reported as one line on stderr with exit code 2.
/// </summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Shared entry point of the three executables (linked into each, not a library: the apps never
/// reference each other). Parse errors and <see cref="UsageException"/> give one line on stderr and
/// exit code 2, the convention of ab, curl and most Unix tools; Ctrl-C cancels the action's token.
/// </summary>
internal static class CommandLineApp
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    /// <summary>
    /// The one check for a value that must be one of a fixed set of names (a mode, a codec, a policy):
    /// returns <paramref name="value"/> when it is one of <paramref name="allowed"/> (ordinal), else
    /// throws a <see cref="UsageException"/> with <see cref="OneOfMessage"/>.
    /// </summary>
    public static string RequireOneOf(string what, string? value, IEnumerable<string> allowed)
    {
        var names = allowed as IReadOnlyCollection<string> ?? [.. allowed];
        return value is not null && names.Contains(value, StringComparer.Ordinal) ? value : throw new UsageException(OneOfMessage(what, value, names));
    }

    /// <summary>Every program's words for a value outside its set: "--mode must be one of a, b, c, not 'x'".</summary>
    public static string OneOfMessage(string what, string? value, IEnumerable<string> allowed) =>
        $"{what} must be one of {string.Join(", ", allowed)}, not '{value}'";

    public static async Task<int> RunAsync(string name, RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"{name}: {parsed.Errors[0].Message} (see '{name} --help')");
            return ExitUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"{name}: {e.Message}");
            return ExitUsage;
        }
    }
}
