// Usage: minimal-forwarder BACKEND_URL LISTEN_URL. Every request goes to BACKEND_URL through YARP's
// IHttpForwarder with no transforms, routing, health checks, balancing, logging or statistics.
using System.Net;
using Yarp.ReverseProxy.Forwarder;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
builder.WebHost.UseUrls(args[1]);
var app = builder.Build();
var client = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false, UseCookies = false, AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None, ActivityHeadersPropagator = null,
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
app.Run(async context => await forwarder.SendAsync(context, args[0], client, ForwarderRequestConfig.Empty, HttpTransformer.Empty));
app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine($"minimal-forwarder ready on {app.Urls.First()}"));
app.Run();
