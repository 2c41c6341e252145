namespace Testbed.Load.Engine;

/// <summary>JMeter's thread-group ramp-up as a pure function: thread i of T starts at i × rampUp / T.</summary>
internal sealed record RampUpSchedule(int Threads, TimeSpan RampUp)
{
    public TimeSpan StartOffset(int threadIndex) =>
        Threads <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks(RampUp.Ticks * threadIndex / Threads);
}
