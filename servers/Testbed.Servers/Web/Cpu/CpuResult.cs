namespace Testbed.Servers.Web.Cpu;

/// <summary>
/// The <c>/cpu</c> answer. Depends only on <see cref="Units"/>, so that the suite can check that
/// every mode and worker computes the same thing; the time taken goes in a Server-Timing header.
/// </summary>
internal sealed record CpuResult(int Units, int Argmax, double Checksum);
