using System.Globalization;
using Testbed.Load.Stats;

namespace Testbed.Load.Reporting;

/// <summary>
/// The live one-line progress on stderr, redrawn once a second, only when stderr is a terminal (so
/// logs and pipes never see carriage returns).
/// </summary>
internal sealed class ProgressLine(TextWriter stderr)
{
    private bool _drawn;

    public static bool ShouldShow(bool quiet) => !quiet && !Console.IsErrorRedirected;

    public void Show(ProgressSnapshot p)
    {
        stderr.Write(string.Format(CultureInfo.InvariantCulture,
            "\r[{0,6:F0}s] completed {1,9}  rps {2,9:F1}  p50 {3,8:F2} ms  p99 {4,8:F2} ms  errors {5,6}  users {6,5}  ",
            p.ElapsedSeconds, p.Completed, p.CurrentRps, p.P50Ms, p.P99Ms, p.Errors, p.Users));
        stderr.Flush();
        _drawn = true;
    }

    public void Finish()
    {
        if (_drawn) stderr.WriteLine();
    }
}
