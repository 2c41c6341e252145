namespace Testbed.Load.Engine;

/// <summary>One unit of a load plan (a user, a thread, an arrival): its number in the whole plan and when it starts.</summary>
internal readonly record struct PlannedStart(long Index, TimeSpan Offset);
