namespace Testbed.Suite.Tests.Docs;

public sealed class DocLinksTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("doclinks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Broken_ReadmeAndDocs_EveryRelativeLinkAndAnchorResolves()
    {
        var root = SuiteTestData.Root;
        var files = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal).Prepend(Path.Combine(root, "README.md")).ToList();
        Assert.True(files.Count > 5, $"only {files.Count} pages found under {root}");

        var broken = MarkdownLinks.Broken(root, files);

        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Broken_MissingFileOrAnchor_ReportsEachWithItsLine()
    {
        File.WriteAllText(Path.Combine(_dir, "b.md"), "# B page\n\n## Run `x` (quick)\n");
        File.WriteAllText(Path.Combine(_dir, "a.md"), string.Join("\n",
            "# A",
            "[ok](b.md#run-x-quick) [ok](#a) [ok](b.md) [web](https://example.com/#nothing)",
            "[no file](c.md)",
            "[no anchor](b.md#run-x)",
            "[outside](../elsewhere.md)",
            "`[in code](c.md)`",
            "```",
            "[in a fence](c.md)",
            "```"));

        var broken = MarkdownLinks.Broken(_dir, [Path.Combine(_dir, "a.md")]);

        Assert.Equal(["a.md:3: c.md: no such file", "a.md:4: b.md#run-x: no such anchor", "a.md:5: ../elsewhere.md: outside the repository"], broken);
    }

    [Theory]
    [InlineData("Quick suite run", "quick-suite-run")]
    [InlineData("Proxy bench (`proxy.sh`)", "proxy-bench-proxysh")]
    [InlineData("E5: hello — stacks", "e5-hello--stacks")]
    [InlineData("[Link](x.md) and *emphasis*", "link-and-emphasis")]
    [InlineData("snake_case and kebab-case", "snake_case-and-kebab-case")]
    public void Slug_Heading_FollowsGitHubRules(string heading, string slug) => Assert.Equal(slug, MarkdownLinks.Slug(heading));

    [Fact]
    public void Anchors_RepeatedHeading_NumbersTheRepeats()
    {
        var anchors = MarkdownLinks.Anchors(["# Run", "## Run", "```", "# Run", "```", "### Run", "<a id=\"here\"></a>"]);

        Assert.Equal(["here", "run", "run-1", "run-2"], anchors.Order(StringComparer.Ordinal));
    }
}
