namespace Testbed.Load.Engine;

/// <summary>
/// When each virtual user starts, as a pure function of its index: either at a constant spawn rate
/// (Locust: user i at i / rate seconds) or in steps (nGrinder: <see cref="StepUsers"/> more every
/// <see cref="StepInterval"/>, the first step at once).
/// </summary>
internal sealed record SpawnSchedule(double SpawnRate, int StepUsers, TimeSpan StepInterval)
{
    public static SpawnSchedule AtRate(double usersPerSecond) => new(usersPerSecond, 0, TimeSpan.Zero);

    public static SpawnSchedule InSteps(int users, TimeSpan interval) => new(0, users, interval);

    public TimeSpan StartOffset(int userIndex)
    {
        if (StepUsers > 0) return StepInterval * (userIndex / StepUsers);
        return TimeSpan.FromTicks((long)(userIndex * TimeSpan.TicksPerSecond / SpawnRate));
    }

    /// <summary>How many of <paramref name="totalUsers"/> have started after <paramref name="elapsed"/>.</summary>
    public int UsersStartedAt(TimeSpan elapsed, int totalUsers)
    {
        // Binary search over the monotone start offsets keeps this exact for both forms.
        int lo = 0, hi = totalUsers;
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (StartOffset(mid) <= elapsed) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
