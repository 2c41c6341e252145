namespace Testbed.Suite.Launch;

/// <summary>A role's counters at one instant; the difference of two gives a load's server cost.</summary>
internal sealed record RoleSnapshot(double CpuMs, double ThrottledMs, double Fds, bool Alive, string Source);
