using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Testbed.Servers.Tcp;

/// <summary>
/// Starts new processes of one executable with posix_spawn (vfork-style on glibc: no copy of the
/// parent's address space), optionally with one inherited descriptor as the child's standard input:
/// this same executable (<see cref="Self"/>) or a native program such as the Native AOT echo child
/// (<see cref="Native"/>). The path and environment are marshalled once; every spawn marshals only its
/// arguments.
/// </summary>
internal sealed unsafe class ProcessLauncher : IDisposable
{
    private readonly byte* _path;
    private readonly string[] _prefix;
    private readonly byte** _envp;
    private readonly int _envCount;

    /// <summary>
    /// Runtime settings that make a short-lived child cheaper to start; they replace the parent's values.
    /// A child serves one connection and exits, so whatever the runtime sets up for a long life is waste.
    /// </summary>
    private static readonly Dictionary<string, string> ChildRuntimeSettings = new()
    {
        // No debugger pipes and diagnostics socket per child (two pipes and a socket in /tmp, a thread).
        ["DOTNET_EnableDiagnostics"] = "0",
        // Tiered PGO instruments methods for a long life; a child never gets there.
        ["DOTNET_TieredPGO"] = "0",
        // Methods with loops start in the quick tier too, instead of being fully optimized up front.
        ["DOTNET_TC_QuickJitForLoops"] = "1",
        // Workstation, non-concurrent GC: no per-core heaps and no background GC thread to create.
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_gcConcurrent"] = "0",
    };

    private ProcessLauncher(string executable, string[] prefix, IReadOnlyDictionary<string, string> settings)
    {
        _prefix = prefix;
        _path = Utf8(executable);

        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => !settings.ContainsKey((string)e.Key))
            .Select(e => $"{e.Key}={e.Value}")
            .Concat(settings.Select(s => $"{s.Key}={s.Value}"))
            .ToArray();
        _envCount = environment.Length;
        _envp = (byte**)NativeMemory.AllocZeroed((nuint)(_envCount + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < _envCount; i++)
            _envp[i] = Utf8(environment[i]);
    }

    /// <summary>A launcher of this same executable, with the runtime settings of a short-lived child.</summary>
    public static ProcessLauncher Self()
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("the path of this executable is unknown");
        // Started as `dotnet testbed-server.dll` the executable is the host, which needs the dll first.
        string[] prefix = Path.GetFileNameWithoutExtension(exe) == "dotnet"
            ? [exe, typeof(ProcessLauncher).Assembly.Location]
            : [exe];
        return new ProcessLauncher(exe, prefix, ChildRuntimeSettings);
    }

    /// <summary>A launcher of the native program at <paramref name="path"/>, with this process's environment.</summary>
    public static ProcessLauncher Native(string path) => new(path, [path], new Dictionary<string, string>());

    public string Describe(IEnumerable<string> arguments) => string.Join(' ', _prefix.Concat(arguments));

    /// <summary>Spawns the executable with <paramref name="arguments"/>; returns 0 and the pid, or an errno.</summary>
    public int Spawn(IReadOnlyList<string> arguments, int? stdinFd, out int pid)
    {
        var argv = _prefix.Concat(arguments).ToArray();
        var native = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Length + 1), (nuint)sizeof(byte*));
        var actions = NativeMemory.AllocZeroed(LibC.FileActionsSize);
        try
        {
            for (int i = 0; i < argv.Length; i++)
                native[i] = Utf8(argv[i]);
            int error = LibC.posix_spawn_file_actions_init(actions);
            if (error != 0)
            {
                pid = 0;
                return error;
            }

            try
            {
                // dup2 onto 0 also clears close-on-exec, which .NET sets on every socket it creates.
                if (stdinFd is int fd && (error = LibC.posix_spawn_file_actions_adddup2(actions, fd, 0)) != 0)
                {
                    pid = 0;
                    return error;
                }

                return LibC.posix_spawn(out pid, _path, actions, null, native, _envp);
            }
            finally
            {
                LibC.posix_spawn_file_actions_destroy(actions);
            }
        }
        finally
        {
            for (int i = 0; i < argv.Length; i++)
                NativeMemory.Free(native[i]);
            NativeMemory.Free(native);
            NativeMemory.Free(actions);
        }
    }

    public void Dispose()
    {
        for (int i = 0; i < _envCount; i++)
            NativeMemory.Free(_envp[i]);
        NativeMemory.Free(_envp);
        NativeMemory.Free(_path);
    }

    private static byte* Utf8(string s)
    {
        int length = Encoding.UTF8.GetByteCount(s);
        var p = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, length));
        p[length] = 0;
        return p;
    }
}
