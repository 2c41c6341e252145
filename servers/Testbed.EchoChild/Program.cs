using System.Globalization;
using Testbed.EchoChild;
using Testbed.Servers.Tcp;

// testbed-echo-child [--idle-timeout SECONDS]: serves the connection on descriptor 0 and exits with its
// ConnectionOutcome. Started by `testbed-server tcp --mode process` once per connection; its arguments
// are parsed by hand because every microsecond of start-up is paid per connection.
const double DefaultIdleTimeoutSeconds = 10;
double idleSeconds = DefaultIdleTimeoutSeconds;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--idle-timeout" && i + 1 < args.Length
        && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out idleSeconds)
        && double.IsFinite(idleSeconds) && idleSeconds is > 0 and <= 3600)
    {
        i++;
        continue;
    }

    Console.Error.WriteLine($"testbed-echo-child: usage: testbed-echo-child [--idle-timeout SECONDS (0..3600)] with the connection as descriptor 0; bad argument '{args[i]}'");
    return 2;
}

using var signals = new StopSignals(CancellationToken.None);
return (int)DescriptorConnection.Serve(0, TimeSpan.FromSeconds(idleSeconds), signals.Token);
