using System.Runtime.InteropServices;

namespace Testbed.Suite.Launch;

/// <summary>
/// Finds the executables the suite runs. Order: an explicit path (--server-exe, --proxy-exe,
/// --load-exe), then its environment variable (TESTBED_SERVER_EXE, TESTBED_PROXY_EXE,
/// TESTBED_LOAD_EXE), then beside this testbed-suite (as in the container image and a publish
/// folder), then the newest build output of the project in the repository (bin/{Release,Debug}/net10.0,
/// artifacts/bin/..., or artifacts/publish/&lt;Project&gt;/release_&lt;rid&gt;, where scripts/lib/testbed.sh
/// publishes testbed-load ReadyToRun).
/// </summary>
internal static class ExecutableLocator
{
    /// <summary>The load generator: every load step runs it as a child process.</summary>
    public const string Load = "testbed-load";

    /// <summary>This program, for tests that run it as a process.</summary>
    public const string Suite = "testbed-suite";

    private static readonly Dictionary<string, string> ProjectDirs = new()
    {
        [Experiments.RoleExecutables.Server] = "servers/Testbed.Servers",
        [Experiments.RoleExecutables.Proxy] = "proxy/Testbed.Proxy",
        [Load] = "loadtests/Testbed.Load",
        [Suite] = "loadtests/Testbed.Suite",
    };

    private static readonly Dictionary<string, string> EnvironmentVariables = new()
    {
        [Experiments.RoleExecutables.Server] = "TESTBED_SERVER_EXE",
        [Experiments.RoleExecutables.Proxy] = "TESTBED_PROXY_EXE",
        [Load] = "TESTBED_LOAD_EXE",
    };

    /// <summary>The command (program and leading arguments) that runs <paramref name="name"/>, or null with where it looked.</summary>
    public static (string FileName, string[] Prefix)? Find(string name, string? explicitPath, out string searched)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(explicitPath))
        {
            candidates.Add(explicitPath);
        }
        else
        {
            if (EnvironmentVariables.TryGetValue(name, out var variable) && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnv)
            {
                candidates.Add(fromEnv);
            }

            candidates.Add(Path.Combine(AppContext.BaseDirectory, name));
            candidates.AddRange(BuildOutputs(name));
        }

        searched = string.Join(", ", candidates.Distinct());
        foreach (var candidate in candidates)
        {
            if (Command(candidate) is { } command)
            {
                return command;
            }
        }

        return null;
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Testbed.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> BuildOutputs(string name)
    {
        if (!ProjectDirs.TryGetValue(name, out var projectDir))
        {
            return [];
        }

        var project = Path.GetFileName(projectDir);

        // Built with --artifacts-path: <artifacts>/bin/<Project>/<config>/, a sibling of our own output.
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var published = "release_" + RuntimeInformation.RuntimeIdentifier;
        var siblings = self.Parent?.Parent is { } binDir
            ? new[]
            {
                Path.Combine(binDir.FullName, project, self.Name, name), Path.Combine(binDir.FullName, project, "release", name), Path.Combine(binDir.FullName, project, "debug", name),
                Path.GetFullPath(Path.Combine(binDir.FullName, "..", "publish", project, published, name)),
            }
            : [];
        var root = RepositoryRoot();
        if (root is null)
        {
            return siblings.Where(p => File.Exists(p) || File.Exists(p + ".dll"));
        }

        var paths = new[]
        {
            Path.Combine(root, projectDir, "bin/Release/net10.0", name),
            Path.Combine(root, projectDir, "bin/Debug/net10.0", name),
            Path.Combine(root, "artifacts/bin", project, "release", name),
            Path.Combine(root, "artifacts/bin", project, "debug", name),
            Path.Combine(root, "artifacts/publish", project, published, name),
        };

        // The newest build is the one the user just made.
        return siblings.Concat(paths).Distinct().Where(p => File.Exists(p) || File.Exists(p + ".dll")).OrderByDescending(p => File.GetLastWriteTimeUtc(File.Exists(p + ".dll") ? p + ".dll" : p));
    }

    private static (string, string[])? Command(string path)
    {
        if (path.EndsWith(".dll", StringComparison.Ordinal) && File.Exists(path))
        {
            return ("dotnet", [path]);
        }

        if (File.Exists(path))
        {
            return (path, []);
        }

        return File.Exists(path + ".dll") ? ("dotnet", [path + ".dll"]) : null;
    }
}
