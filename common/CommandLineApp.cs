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
