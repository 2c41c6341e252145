using System.Text.RegularExpressions;

namespace Testbed.TestCommon;

/// <summary>
/// Asserts that a page needs nothing from the network: no script, style, image or font that
/// points at http(s), no CSS import or url(), no web font. The SVG namespace URI is a name, not a
/// fetch, and is allowed.
/// </summary>
internal static partial class SelfContainedPage
{
    public static void AssertSelfContained(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(CssUrl(), html);
        Assert.DoesNotMatch(ScriptSource(), html);
    }

    [GeneratedRegex("""(src|href|action|srcset|data)\s*=\s*["']?\s*(https?:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""(?<![\w.])url\s*\(""", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex("""<script[^>]*\bsrc\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
