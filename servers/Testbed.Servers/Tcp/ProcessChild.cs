using Testbed.Common;

namespace Testbed.Servers.Tcp;

/// <summary>
/// The child process mode starts per connection: <see cref="Kind"/> is one of
/// <see cref="ProcessChildren.All"/>; <see cref="Path"/> is the native executable for
/// <see cref="ProcessChildren.Aot"/> and null for <see cref="ProcessChildren.Runtime"/>.
/// </summary>
internal sealed record ProcessChild(string Kind, string? Path)
{
    /// <summary>
    /// Resolves --child and --child-exe. The Native AOT child is looked for at <paramref name="explicitPath"/>,
    /// else at $TESTBED_ECHO_CHILD, else beside this program. Without --child, the AOT child when found,
    /// else the runtime child (with <paramref name="note"/> saying why); --child aot or --child-exe without
    /// the binary is a usage error that says where it looked and how to build it.
    /// </summary>
    public static ProcessChild Resolve(string? requested, string? explicitPath, out string? note)
    {
        note = null;
        if (requested == ProcessChildren.Runtime)
            return new ProcessChild(ProcessChildren.Runtime, null);

        var candidates = Candidates(explicitPath).ToList();
        if (candidates.FirstOrDefault(IsExecutable) is { } found)
            return new ProcessChild(ProcessChildren.Aot, System.IO.Path.GetFullPath(found));

        var where = string.Join(", ", candidates);
        // Asked for by name (--child aot) or by path (--child-exe): a missing binary is an error, not a switch.
        if (requested == ProcessChildren.Aot || !string.IsNullOrEmpty(explicitPath))
            throw new UsageException(
                $"no Native AOT child at {where}; publish it with `dotnet publish servers/Testbed.EchoChild -c Release -o <the folder of testbed-server>` (needs clang and zlib1g-dev) or name it with --child-exe");
        note = $"no Native AOT child at {where}: each connection starts a whole .NET runtime (--child runtime)";
        return new ProcessChild(ProcessChildren.Runtime, null);
    }

    private static IEnumerable<string> Candidates(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            yield return explicitPath;
            yield break;
        }

        if (Environment.GetEnvironmentVariable(ProcessChildren.AotExecutableVariable) is { Length: > 0 } fromEnvironment)
            yield return fromEnvironment;
        yield return System.IO.Path.Combine(AppContext.BaseDirectory, ProcessChildren.AotExecutableName);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
