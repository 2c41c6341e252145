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
/// <item>Cookie authentication and authorization (Django's AuthenticationMiddleware).</item>
/// <item>Antiforgery on unsafe methods: <see cref="AntiforgeryValidationFilter"/> (CsrfViewMiddleware).</item>
/// <item>TempData in a cookie, which <c>AddControllersWithViews</c> wires (MessageMiddleware).</item>
/// <item>Controllers with Razor views (Django's template engine).</item>
/// </list>
/// Left out: HTTPS redirection and HSTS (plain HTTP here; a redirect would change the answer), static
/// files and the exception page (not per-request work on this path), and session: the template does
/// not wire it, and ASP.NET Core's session middleware encrypts a new session key on every request
/// without a cookie, which Django's lazy session does not, so it would charge MVC for work Django skips.
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
            .AddRazorOptions(razor => razor.ViewLocationFormats.Insert(0, "/Web/Mvc/Views/{1}/{0}" + RazorViewEngine.ViewExtension));
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
                .UseAuthentication()
                .UseAuthorization());
}
