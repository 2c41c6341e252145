using System.Text.RegularExpressions;
using Testbed.Load.Reporting;

namespace Testbed.Load.Tests.Reporting;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Render_RateRun_MatchesGoldenFileAndIsSelfContained()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create("rate", corrected: true));
        GoldenFile.AssertMatches("run-report.html", html);
        SelfContainedPage.AssertSelfContained(html);
    }

    [Fact]
    public void Render_SampleRun_DrawsDistributionSeriesAndErrorsWithHoverValues()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create("rate", corrected: true));
        Assert.Contains("Latency by percentile", html);
        Assert.Contains(">99.9%<", html); // 300 requests: the nines axis reaches three nines
        Assert.Contains("<title>total, 99%: ", html);
        Assert.Contains("<title>corrected for coordinated omission, 0%: ", html);
        Assert.Contains("<title>length: 1 requests</title>", html);
        Assert.Contains("<title>connectRefused: 1 requests</title>", html);
        Assert.Contains("<title>non-2xx responses: 3 requests</title>", html);
        // One hover marker per second of each per-second series: 3 seconds x (rps, p50/p95/p99, users/in flight, failed/non-2xx).
        Assert.Equal(3 * 8, Regex.Matches(html, @"<circle[^>]*><title>[^<]*second \d").Count);
    }

    [Theory]
    [InlineData("<script src=\"https://cdn.example/chart.js\"></script>")]
    [InlineData("<link rel=\"stylesheet\" href=\"http://example.com/a.css\">")]
    [InlineData("<img src=\"//example.com/a.png\">")]
    [InlineData("<style>@font-face{font-family:x}</style>")]
    [InlineData("<style>body{background:url(a.png)}</style>")]
    [InlineData("<style>@import \"a.css\";</style>")]
    public void AssertSelfContained_ExternalResource_Fails(string part) =>
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => SelfContainedPage.AssertSelfContained("<!DOCTYPE html><html><head>" + part + "</head></html>"));
}
