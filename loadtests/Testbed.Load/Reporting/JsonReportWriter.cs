using Testbed.Load.Stats;

namespace Testbed.Load.Reporting;

/// <summary>
/// Writes the machine-readable run record, schema <see cref="RunRecordSchema.Name"/>: the record's
/// <see cref="RunRecord.Document"/> through the source-generated contract (loadtests/Contracts,
/// documented in docs/load-generator.md). The suite reads this file from child runs.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(Stream stream, RunRecord run) => RunRecordJson.Write(stream, run.Document);
}
