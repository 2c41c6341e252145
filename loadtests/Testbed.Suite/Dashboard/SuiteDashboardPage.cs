using System.Globalization;
using System.Text;
using Testbed.Views;

namespace Testbed.Suite.Dashboard;

/// <summary>
/// testbed-suite's live page. While a step runs it is that step's testbed-load page itself (its
/// charts, its event stream, relayed), with a banner on top saying which experiment and step run,
/// linking the step's other generators, and listing what is done; between steps it is the banner
/// alone. A small script asks <c>/suite</c> once a second and reloads the page when another step
/// has started, so that one URL follows the whole suite.
/// </summary>
internal static class SuiteDashboardPage
{
    private const string Css = "#suite{border:2px solid #0072b2;border-radius:4px;padding:.4em .8em;margin:0 0 1em;background:#f4f9fd}#suite b{color:#0072b2}";

    /// <summary>The page between steps (or before the step's generator serves its own).</summary>
    public static string Status(SuiteDashboard dashboard, string? note)
    {
        var b = HtmlPage.Open("testbed-suite: live", Css);
        Banner(b, dashboard, generator: 0, note);
        return HtmlPage.Close(b);
    }

    /// <summary>The load's own page with the banner put first in its body.</summary>
    public static string Wrap(string loadPage, SuiteDashboard dashboard, int generator)
    {
        var b = new StringBuilder();
        Banner(b, dashboard, generator, note: null);
        b.Append("<style>").Append(Css).Append("</style>");
        var body = loadPage.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var at = body < 0 ? 0 : loadPage.IndexOf('>', body) + 1;
        return loadPage.Insert(at, b.ToString());
    }

    private static void Banner(StringBuilder b, SuiteDashboard dashboard, int generator, string? note)
    {
        var s = dashboard.State();
        b.Append("<div id=\"suite\"><p><b>testbed-suite</b> ");
        if (s.Finished)
        {
            b.Append("finished; the reports are written");
        }
        else if (s.Running)
        {
            b.Append("experiment ").Append(HtmlPage.E(s.Experiment)).Append(", step <b id=\"suite-step\">").Append(HtmlPage.E(s.Step)).Append("</b> (run ")
                .Append(HtmlPage.E(s.Run)).Append(')');
            if (s.Generators > 1)
            {
                b.Append(", load split over ").Append(s.Generators).Append(" generators: ");
                b.Append(string.Join(" ", Enumerable.Range(1, s.Generators).Select(i => i == generator
                    ? $"<b>generator {i}</b>"
                    : $"<a href=\"{(i == 1 ? "/" : $"/g/{i}/")}\">generator {i}</a>")));
                b.Append(" (each page shows its own share; the merged figures come when the step ends)");
            }
        }
        else
        {
            b.Append(s.Experiment.Length > 0 ? "experiment " + HtmlPage.E(s.Experiment) + ": starting roles, verifying or between steps" : "starting");
        }

        if (note is not null)
        {
            b.Append(" — ").Append(HtmlPage.E(note));
        }

        b.Append("</p>");
        if (s.Done.Count > 0)
        {
            b.Append("<details><summary>done so far: ").Append(s.Done.Count).Append("</summary><ul>");
            foreach (var line in s.Done)
            {
                b.Append("<li>").Append(HtmlPage.E(line)).Append("</li>");
            }

            b.Append("</ul></details>");
        }

        // The page was made for this sequence; a status page also reloads once a step is running, to show its charts.
        b.Append("<script>(function(){const shown=").Append(s.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append(",waiting=").Append(generator == 0 ? "true" : "false")
            .Append(";setInterval(async()=>{try{const s=await(await fetch(\"/suite\",{cache:\"no-store\"})).json();")
            .Append("if(s.sequence!==shown||(waiting&&s.running))location.reload();}catch(e){}},1000);})();</script></div>\n");
    }
}
