using Testbed.Views;

namespace Testbed.Load.Dashboard;

/// <summary>
/// The live page: the state so far embedded as JSON (so the charts draw at once, before any event),
/// then Server-Sent Events once a second. With <c>?snapshot</c> it draws the embedded state and opens
/// no event stream (for screenshots: headless Chromium waits forever on an open stream). Its script and styles are inline and written here; the
/// charts are SVG built by that script in the style of <see cref="SvgChart"/>, with values on hover.
/// </summary>
internal static class DashboardPage
{
    public static string Render(DashboardHub hub)
    {
        var b = HtmlPage.Open("testbed-load dashboard", Css);
        b.Append("<p id=\"status\">running</p><div id=\"info\"></div><div id=\"totals\"></div><div id=\"final\"></div><div id=\"charts\"></div>\n");
        // JsonSerializer escapes <, > and & in strings, so the state cannot close this element.
        b.Append("<script type=\"application/json\" id=\"state\">").Append(DashboardServer.StateJson(hub)).Append("</script>\n");
        b.Append("<script>").Append(Script).Append("</script>\n");
        return HtmlPage.Close(b);
    }

    private const string Css = "#status{font-weight:600}#status.done{color:#176d17}.tot td{min-width:6em}";

    private const string Script = """
        "use strict";
        const state = JSON.parse(document.getElementById("state").textContent);
        const seconds = state.seconds.slice();
        const colours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];
        const esc = s => String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"}[c]));
        const short = v => v >= 100 ? v.toFixed(1).replace(/\.0$/, "") : v >= 10 ? String(+v.toFixed(2)) : String(+v.toFixed(3));
        function nice(v) { if (!(v > 0)) return 1; const m = Math.pow(10, Math.floor(Math.log10(v))); for (const s of [1, 2, 2.5, 5, 10]) if (s * m >= v) return s * m; return 10 * m; }
        function chart(title, unit, series) {
          const W = 1000, L = 60, T = 28, PW = W - L - 20, PH = 170, H = T + PH + 60;
          const maxX = Math.max(10, ...series.flatMap(s => s.points.map(p => p[0])));
          const maxY = nice(Math.max(0, ...series.flatMap(s => s.points.map(p => p[1]))));
          const x = v => (L + v / maxX * PW).toFixed(1), y = v => (T + PH - v / maxY * PH).toFixed(1);
          let out = `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`;
          out += `<text x="${L}" y="16" class="t">${esc(title)}${unit ? " (" + esc(unit) + ")" : ""}</text>`;
          for (let i = 0; i <= 4; i++) {
            const yy = T + PH - i * PH / 4;
            out += `<line x1="${L}" y1="${yy}" x2="${L + PW}" y2="${yy}" class="${i ? "g" : "a"}"/><text x="${L - 4}" y="${yy + 4}" text-anchor="end">${short(maxY * i / 4)}</text>`;
            out += `<text x="${x(maxX * i / 4)}" y="${T + PH + 15}" text-anchor="middle">${short(maxX * i / 4)}</text>`;
          }
          out += `<text x="${L + PW / 2}" y="${T + PH + 30}" text-anchor="middle">second</text>`;
          let lx = 0;
          series.forEach((s, i) => {
            const c = colours[i % colours.length];
            out += `<polyline fill="none" stroke="${c}" stroke-width="1.6" points="${s.points.map(p => x(p[0]) + "," + y(p[1])).join(" ")}"><title>${esc(s.name)}</title></polyline>`;
            for (const p of s.points) out += `<circle cx="${x(p[0])}" cy="${y(p[1])}" r="3" fill="${c}" fill-opacity="0"><title>${esc(s.name)}, second ${p[0]}: ${short(p[1])}${unit ? " " + esc(unit) : ""}</title></circle>`;
            out += `<line x1="${L + lx}" y1="${T + PH + 46}" x2="${L + lx + 18}" y2="${T + PH + 46}" stroke="${c}" stroke-width="2"/><text x="${L + lx + 22}" y="${T + PH + 50}">${esc(s.name)}</text>`;
            lx += 30 + s.name.length * 6.2;
          });
          return out + "</svg>";
        }
        const pts = f => seconds.map(s => [s.second, f(s)]);
        function table(rows) { return "<table class=\"tot\">" + rows.map(r => `<tr><th>${esc(r[0])}</th><td>${esc(r[1])}</td></tr>`).join("") + "</table>"; }
        function render() {
          const last = seconds[seconds.length - 1];
          if (last) document.getElementById("totals").innerHTML = table([
            ["elapsed", last.elapsed.toFixed(0) + " s"], ["completed", last.completed], ["failed", last.failed], ["non-2xx", last.non2xx],
            ["requests/s (last second)", short(last.rps)], ["p50 / p95 / p99 (last second)", `${short(last.p50)} / ${short(last.p95)} / ${short(last.p99)} ms`],
            ["users / in flight", `${last.users} / ${last.inFlight}`], ["bytes", last.bytes]]);
          document.getElementById("charts").innerHTML =
            chart("Requests per second", "req/s", [{name: "completed/s", points: pts(s => s.rps)}]) +
            chart("Latency per second", "ms", [{name: "p50", points: pts(s => s.p50)}, {name: "p95", points: pts(s => s.p95)}, {name: "p99", points: pts(s => s.p99)}]) +
            chart("Active users and requests in flight", "", [{name: "users", points: pts(s => s.users)}, {name: "in flight", points: pts(s => s.inFlight)}]) +
            chart("Errors per second", "", [{name: "failed + non-2xx", points: pts(s => s.errorsPerSecond)}]);
        }
        function finish(f) {
          const status = document.getElementById("status");
          status.textContent = "finished" + (f.interrupted ? " (interrupted)" : "");
          status.className = "done";
          let html = "<h2>Final summary</h2>" + table(f.summary);
          if (f.reportHtml) {
            const link = URL.createObjectURL(new Blob([f.reportHtml], {type: "text/html"}));
            html += `<p><a id="report" href="${link}" download="testbed-load-report.html">HTML report of the run</a> (also at <a href="report">report</a> while this process runs)</p>`;
          }
          document.getElementById("final").innerHTML = html;
        }
        document.getElementById("info").innerHTML = table([["profile", state.info.profile], ["target", state.info.target], ["command", state.info.commandLine]].concat(Object.entries(state.info.parameters)));
        render();
        if (state.final) finish(state.final);
        else if (new URLSearchParams(location.search).has("snapshot")) document.getElementById("status").textContent = "running (snapshot: reload for the latest)";
        else {
          const events = new EventSource("events");
          events.addEventListener("second", e => {
            const s = JSON.parse(e.data);
            if (!seconds.length || s.second > seconds[seconds.length - 1].second) { seconds.push(s); render(); }
          });
          events.addEventListener("done", e => { finish(JSON.parse(e.data)); events.close(); });
        }
        """;
}
