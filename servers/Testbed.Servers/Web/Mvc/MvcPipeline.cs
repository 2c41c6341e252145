using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Testbed.Servers.Web.Mvc;

/// <summary>
/// The stack of a <c>dotnet new mvc</c> app for the <c>/mvc</c> paths only, the counterpart of E5's
/// "Django" row: Django's default MIDDLEWARE (security headers, sessions, CSRF, authentication,
/// messages, clickjacking) and a view rendered by its template engine. Everything else in the app
/// keeps its cost: the middleware runs in a <c>UseWhen</c> branch.
/// <list type="bullet">
/// <item>Security headers: <see cref="SecurityHeadersMiddleware"/> (Django's SecurityMiddleware and XFrameOptionsMiddleware).</item>
/// <item>Session in memory (Django's SessionMiddleware). <c>dotnet new mvc</c> does not wire it, but
/// Django's default stack does, and the source's Django row paid for it: it is in for that. What it
/// costs is ASP.NET Core's own: a request without a session cookie gets a new key, protected with the
/// data-protection keys, on every request (the cookie is sent only once the session is written, so
/// the answer's bytes do not change).</item>
/// <item>Cookie authentication and authorization (Django's AuthenticationMiddleware).</item>
/// <item>Antiforgery on unsafe methods: <see cref="AntiforgeryValidationFilter"/> (CsrfViewMiddleware).</item>
/// <item>TempData in a cookie, which <c>AddControllersWithViews</c> wires (MessageMiddleware).</item>
/// <item>Controllers with Razor views, rendered inside a layout through <c>_ViewStart</c> as the
/// template's are (Django's template engine); the layout holds only the body, so the bytes stay /index's.</item>
/// </list>
/// Left out: HTTPS redirection and HSTS (plain HTTP here; a redirect would change the answer), and
/// static files and the exception page (not per-request work on this path).
/// </summary>
internal static class MvcPipeline
{
    /// <summary>The path prefix of the branch and the route prefix of its controllers.</summary>
    public const string Prefix = "mvc";

    private static readonly PathString PrefixPath = "/" + Prefix;

    public static IServiceCollection AddMvcPipeline(this IServiceCollection services)
    {
        services.AddControllersWithViews(mvc => mvc.Filters.Add<AntiforgeryValidationFilter>())
            .AddApplicationPart(typeof(MvcIndexController).Assembly)
            .AddRazorOptions(razor =>
            {
                razor.ViewLocationFormats.Insert(0, "/Web/Mvc/Views/{1}/{0}" + RazorViewEngine.ViewExtension);
                razor.ViewLocationFormats.Insert(1, "/Web/Mvc/Views/Shared/{0}" + RazorViewEngine.ViewExtension);
            });
        services.AddDistributedMemoryCache();
        services.AddSession();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddAuthorization();
        // Keys in memory, per process: nothing is written under $HOME, and nothing here logs anyone in
        // for long. A token issued by one worker of --workers N does not validate in another.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services;
    }

    /// <summary>The branch; call it after routing (authorization reads the endpoint) and before the endpoints.</summary>
    public static IApplicationBuilder UseMvcPipeline(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(PrefixPath),
            branch => branch
                .UseMiddleware<SecurityHeadersMiddleware>()
                .UseSession()
                .UseAuthentication()
                .UseAuthorization());
}
