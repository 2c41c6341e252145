using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Testbed.Servers.Tests.TestSupport;
using Testbed.Servers.Web.Endpoints;

namespace Testbed.Servers.Tests.Web.Mvc;

/// <summary>The /mvc branch: the same page as /index behind the stack of a dotnet new mvc app.</summary>
public sealed class MvcPipelineTests(AsyncAppFixture fixture) : IClassFixture<AsyncAppFixture>
{
    private static readonly string[] SecurityHeaders = ["X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Frame-Options"];

    private readonly HttpClient _client = fixture.Factory.CreateClient();

    [Fact]
    public async Task GetMvcIndex_Always_AnswersTheBytesOfIndex()
    {
        var minimal = await _client.GetByteArrayAsync("/index");
        var mvc = await _client.GetByteArrayAsync("/mvc/index");

        Assert.Equal(minimal, mvc);
    }

    [Fact]
    public async Task GetMvcIndex_Always_CarriesDjangosSecurityHeaders()
    {
        using var response = await _client.GetAsync("/mvc/index");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/index")]
    [InlineData("/")]
    [InlineData("/sleep?ms=0")]
    [InlineData("/healthz")]
    public async Task Get_PathOutsideMvc_HasNoSecurityHeaders(string path)
    {
        using var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var name in SecurityHeaders)
        {
            Assert.False(response.Headers.Contains(name), $"{path} carries {name}");
        }
    }

    [Fact]
    public async Task PostMvcIndex_WithoutAntiforgeryToken_Returns400WithJsonError()
    {
        using var response = await _client.PostAsync("/mvc/index", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ApiError.AntiforgeryRejected, body.GetProperty("error").GetString());
        Assert.Contains("antiforgery cookie", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostMvcIndex_WithCookieButNoRequestToken_Returns400NamingTheMissingToken()
    {
        var tokens = IssueTokens();

        using var response = await PostMvcIndexAsync(tokens, sendRequestToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ApiError.AntiforgeryRejected, body.GetProperty("error").GetString());
        Assert.Contains(tokens.HeaderName!, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostMvcIndex_WithValidAntiforgeryToken_AnswersThePage()
    {
        using var response = await PostMvcIndexAsync(IssueTokens(), sendRequestToken: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HelloEndpoints.Body, await response.Content.ReadAsStringAsync());
    }

    // A form post as a browser sends it: the cookie half always, the request half (as the header) if asked.
    private async Task<HttpResponseMessage> PostMvcIndexAsync(AntiforgeryTokenSet tokens, bool sendRequestToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mvc/index") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Cookie", $"{CookieName()}={tokens.CookieToken}");
        if (sendRequestToken)
        {
            request.Headers.Add(tokens.HeaderName!, tokens.RequestToken);
        }

        return await _client.SendAsync(request);
    }

    // The tokens the app itself would put into a form: same process, same (ephemeral) keys.
    private AntiforgeryTokenSet IssueTokens() =>
        fixture.Factory.Services.GetRequiredService<IAntiforgery>()
            .GetTokens(new DefaultHttpContext { RequestServices = fixture.Factory.Services });

    private string CookieName() =>
        fixture.Factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
}
