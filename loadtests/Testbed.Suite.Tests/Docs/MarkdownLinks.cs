using System.Text;
using System.Text.RegularExpressions;

namespace Testbed.Suite.Tests.Docs;

/// <summary>
/// Finds the relative links of Markdown files that do not resolve: a file or folder that does not
/// exist (or lies outside the repository), or an anchor that no heading of the target file has.
/// Anchors follow GitHub's rules, because GitHub is where the pages are read: a heading's text
/// without its Markdown, lower-cased, every character but letters, digits, spaces, '-' and '_'
/// dropped, each space turned into '-'; a repeated slug gets -1, -2, ... in order.
/// </summary>
internal static partial class MarkdownLinks
{
    /// <summary>The broken links of the files, one "file:line: target: reason" each.</summary>
    public static IReadOnlyList<string> Broken(string root, IEnumerable<string> files)
    {
        var rootFull = Path.GetFullPath(root);
        var anchorsByFile = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var file in files)
        {
            var full = Path.GetFullPath(file);
            var lines = File.ReadAllLines(full);
            var fence = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (FenceLine().IsMatch(lines[i]))
                {
                    fence = !fence;
                    continue;
                }

                if (fence)
                {
                    continue;
                }

                // Inline code is not a link: `[x](y)` inside backticks is text.
                var text = InlineCode().Replace(lines[i], "");
                foreach (var target in Targets(text))
                {
                    var reason = Check(rootFull, full, target, anchorsByFile);
                    if (reason is not null)
                    {
                        broken.Add($"{Path.GetRelativePath(rootFull, full)}:{i + 1}: {target}: {reason}");
                    }
                }
            }
        }

        return broken;
    }

    /// <summary>The anchors GitHub gives the headings (and the explicit &lt;a id/name&gt;) of a Markdown text.</summary>
    public static HashSet<string> Anchors(IEnumerable<string> lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fence = false;
        foreach (var line in lines)
        {
            if (FenceLine().IsMatch(line))
            {
                fence = !fence;
                continue;
            }

            if (fence)
            {
                continue;
            }

            foreach (Match a in HtmlAnchor().Matches(line))
            {
                anchors.Add(a.Groups[1].Value);
            }

            var heading = Heading().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = Slug(heading.Groups[1].Value);
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }

        return anchors;
    }

    /// <summary>GitHub's anchor for a heading's Markdown text.</summary>
    public static string Slug(string heading)
    {
        // The rendered text: links keep their text, images their alt text, code and emphasis their content.
        var text = LinkOrImage().Replace(heading, "$1");
        text = HtmlTag().Replace(text, "");
        var slug = new StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static IEnumerable<string> Targets(string line)
    {
        foreach (Match m in InlineLink().Matches(line))
        {
            yield return m.Groups[1].Value;
        }

        var reference = ReferenceDefinition().Match(line);
        if (reference.Success)
        {
            yield return reference.Groups[1].Value;
        }
    }

    private static string? Check(string root, string from, string target, Dictionary<string, HashSet<string>> anchorsByFile)
    {
        if (UriScheme().IsMatch(target) || target.StartsWith("//", StringComparison.Ordinal))
        {
            return null; // outside the repository: not this check's business
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = path.Length == 0
            ? from
            : Path.GetFullPath(path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.Combine(Path.GetDirectoryName(from)!, path));
        if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && resolved != root)
        {
            return "outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return "no such file";
        }

        if (anchor is null || anchor.Length == 0 || !resolved.EndsWith(".md", StringComparison.Ordinal))
        {
            return null;
        }

        if (!anchorsByFile.TryGetValue(resolved, out var anchors))
        {
            anchors = Anchors(File.ReadAllLines(resolved));
            anchorsByFile[resolved] = anchors;
        }

        return anchors.Contains(Uri.UnescapeDataString(anchor)) ? null : "no such anchor";
    }

    [GeneratedRegex(@"^\s{0,3}(```|~~~)")]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:id|name)=""([^""]+)""")]
    private static partial Regex HtmlAnchor();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkOrImage();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    // [text](target) and ![alt](target), an optional "title" after the target.
    [GeneratedRegex(@"\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriScheme();
}
