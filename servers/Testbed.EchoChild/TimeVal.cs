using System.Runtime.InteropServices;

namespace Testbed.EchoChild;

/// <summary>struct timeval of 64-bit Linux, for SO_RCVTIMEO and SO_SNDTIMEO.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TimeVal(long seconds, long microseconds)
{
    public readonly long Seconds = seconds;
    public readonly long Microseconds = microseconds;

    public static TimeVal From(TimeSpan span)
    {
        long micros = (long)span.TotalMicroseconds;
        return new TimeVal(micros / 1_000_000, micros % 1_000_000);
    }
}
