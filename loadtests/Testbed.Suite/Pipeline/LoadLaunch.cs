using Testbed.Suite.Loads;

namespace Testbed.Suite.Pipeline;

/// <summary>
/// One load of a step as the processes that make it: one generator, or several each running its
/// segment and then the merge of their records (the record the step is graded on); and the command
/// line a user types to run it again.
/// </summary>
internal sealed record LoadLaunch(IReadOnlyList<LoadInvocation> Invocations, MergeStep? Merge, string Stem)
{
    /// <summary>The generators side by side, then the merge.</summary>
    public string CommandLine =>
        Merge is null
            ? Invocations[0].CommandLine
            : string.Join(" & ", Invocations.Select(i => i.CommandLine)) + " & wait; " + LoadInvocation.Shown(["merge", .. Merge.Records, "--out", Merge.Output]);

    /// <summary>Its raw files relative to the report directory: the graded record first, then each generator's.</summary>
    public IReadOnlyList<string> RawFiles =>
        ["raw/" + Stem + ".json", .. Merge is null ? [] : Merge.Records.Select(r => "raw/" + Path.GetFileName(r))];
}
