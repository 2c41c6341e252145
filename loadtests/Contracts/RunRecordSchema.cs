namespace Testbed.Contracts;

/// <summary>The run record's schema name, written as its first field and checked by every reader.</summary>
internal static class RunRecordSchema
{
    /// <summary>Version 1: fields are only ever added (optional, omitted when null), never renamed or removed.</summary>
    public const string Name = "testbed-load/run@1";
}
