using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Testbed.Load.Tests.TestServers;

/// <summary>
/// A real nginx (when installed) answering "hello" on an ephemeral loopback port, one worker, no
/// master, its files in a temporary folder: a target fast enough that a starved generator, not the
/// target, is the limit. Optionally pinned to one core with taskset.
/// </summary>
internal sealed class NginxServer : IDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _dir;

    private NginxServer(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public static bool IsInstalled => File.Exists(Binary);

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public static async Task<NginxServer> StartAsync(int? core = null)
    {
        string dir = Directory.CreateTempSubdirectory("testbed-nginx-").FullName;
        // Port 0 is not an nginx option: take a free port and hand it over (a race only with another binder).
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{dir}}; proxy_temp_path {{dir}}; fastcgi_temp_path {{dir}}; uwsgi_temp_path {{dir}}; scgi_temp_path {{dir}};
              server { listen 127.0.0.1:{{port}}; location / { return 200 "hello"; } }
            }
            """);
        var psi = new ProcessStartInfo(core is null ? Binary : "taskset");
        if (core is { } c) foreach (var a in (string[])["-c", c.ToString(System.Globalization.CultureInfo.InvariantCulture), Binary]) psi.ArgumentList.Add(a);
        foreach (var a in (string[])["-c", Path.Combine(dir, "nginx.conf"), "-p", dir]) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var server = new NginxServer(process, dir, port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    public void Dispose()
    {
        try { _process.Kill(); _process.WaitForExit(5000); } catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
