using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace Testbed.Servers.Web.Execution;

/// <summary>
/// The memory that holds the /stats counters: one <see cref="SlotBytes"/>-byte slot per worker.
/// A process without a supervisor keeps its one slot in private memory; the workers of a supervisor
/// share a small file under /dev/shm (created by the supervisor, named by its pid) so that whichever
/// worker the kernel hands a /stats request to can sum every worker's counters without asking the
/// others. Writing a counter there costs what writing process memory costs: the page is shared, not
/// synchronised by a system call.
/// </summary>
internal sealed unsafe class StatsBlock : IDisposable
{
    /// <summary>16 longs per slot; a cache line and a half apart, so two workers' writes never share a line.</summary>
    public const int SlotBytes = 128;

    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private byte* _memory;

    private StatsBlock(int count, MemoryMappedFile? file, MemoryMappedViewAccessor? view, byte* memory)
    {
        Count = count;
        _file = file;
        _view = view;
        _memory = memory;
    }

    public int Count { get; }

    /// <summary>Private, zeroed memory for one process that shares its counters with nobody.</summary>
    public static StatsBlock Private(int count)
    {
        var memory = (byte*)NativeMemory.AlignedAlloc((nuint)(count * SlotBytes), 64);
        NativeMemory.Clear(memory, (nuint)(count * SlotBytes));
        return new StatsBlock(count, null, null, memory);
    }

    /// <summary>The supervisor's side: creates (or truncates) the shared file with zeroed slots.</summary>
    public static void CreateShared(string path, int count)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        stream.SetLength(count * SlotBytes);
    }

    /// <summary>A worker's side: maps the supervisor's file, or returns null when it is missing or too small.</summary>
    public static StatsBlock? OpenShared(string path, int count)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length < count * SlotBytes)
            {
                return null;
            }

            var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
            var view = file.CreateViewAccessor(0, count * SlotBytes, MemoryMappedFileAccess.ReadWrite);
            byte* pointer = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
            return new StatsBlock(count, file, view, pointer + view.PointerOffset);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The file the supervisor with pid <paramref name="supervisorPid"/> shares with its workers.</summary>
    public static string SharedPath(int supervisorPid)
    {
        var folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        return Path.Combine(folder, $"testbed-web-{supervisorPid}.stats");
    }

    /// <summary>The first of slot <paramref name="index"/>'s 16 longs.</summary>
    public long* Slot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return (long*)(_memory + (index * SlotBytes));
    }

    public void Dispose()
    {
        if (_memory is null)
        {
            return;
        }

        if (_view is null)
        {
            NativeMemory.AlignedFree(_memory);
        }
        else
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file!.Dispose();
        }

        _memory = null;
    }
}
