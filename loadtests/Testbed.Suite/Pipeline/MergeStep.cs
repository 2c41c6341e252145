namespace Testbed.Suite.Pipeline;

/// <summary>The records of a load's generators and where their merge goes (the record the step is graded on).</summary>
internal sealed record MergeStep(IReadOnlyList<string> Records, string Output);
