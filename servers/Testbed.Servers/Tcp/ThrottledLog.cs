using System.Collections.Concurrent;

namespace Testbed.Servers.Tcp;

/// <summary>
/// Writes a recurring error to stderr at most once a second per kind, with the number of repeats
/// suppressed since, so that a server out of descriptors does not also drown in its own log.
/// </summary>
internal sealed class ThrottledLog(TimeProvider time)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>Returns true when the message was written, false when it was suppressed.</summary>
    public bool Write(string kind, string message)
    {
        var now = time.GetTimestamp();
        var entry = _entries.GetOrAdd(kind, _ => new Entry());
        lock (entry)
        {
            if (entry.Written && time.GetElapsedTime(entry.LastTimestamp, now) < Period)
            {
                entry.Suppressed++;
                return false;
            }

            var suppressed = entry.Suppressed > 0 ? $" ({entry.Suppressed} more suppressed)" : "";
            try
            {
                Console.Error.WriteLine($"testbed-server tcp: {message}{suppressed}");
            }
            catch (IOException)
            {
                // Logging must never be what stops a server; a lost line is the lesser harm.
            }

            entry.Written = true;
            entry.LastTimestamp = now;
            entry.Suppressed = 0;
            return true;
        }
    }

    private sealed class Entry
    {
        public bool Written;
        public long LastTimestamp;
        public long Suppressed;
    }
}
