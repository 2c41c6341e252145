namespace Testbed.Suite.Measurement;

/// <summary>The suite's reading of a generator's CPU time in a run record.</summary>
internal static class GeneratorCpu
{
    /// <summary>CPU ms while the load ran when the record has it, else over the whole process; NaN when unknown.</summary>
    public static double BestCpuMs(this GeneratorDocument g) =>
        (g.LoadCpuSeconds ?? g.CpuSeconds) is { } seconds ? seconds * 1000 : double.NaN;
}
