using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace GitOps.Tests.Picture;

/// <summary>What mermaid made of a diagram in the browser: rendered (with the SVG's size) or the error it threw.</summary>
public sealed record MermaidResult(bool Rendered, string Text, int Width, int Height);

/// <summary>
/// Renders a Mermaid diagram the way a Markdown viewer does: the pinned <c>mermaid</c> package from npm
/// (tests/mermaid, installed by test.sh with <c>npm ci</c>) in Debian's Chromium, headless. A local page loads
/// mermaid's browser bundle (<c>dist/mermaid.min.js</c>), calls <c>mermaid.parse</c> and <c>mermaid.render</c> and
/// writes the outcome into the DOM, which <c>--dump-dom</c> prints; a second run takes a PNG screenshot of the SVG.
/// The page and the PNG stay in artifacts/network-picture/.
/// </summary>
public static partial class MermaidInChromium
{
    /// <summary>CI sets it to 1: a missing browser or mermaid then fails the test instead of skipping it.</summary>
    public const string RequireVariable = "GITOPS_REQUIRE_NAMESPACE_TESTS";

    public static string MermaidBundle => RepositoryPaths.In("tests", "mermaid", "node_modules", "mermaid", "dist", "mermaid.min.js");

    public static string ArtifactFolder => RepositoryPaths.In("artifacts", "network-picture");

    /// <summary>Skips with the reason when Chromium or mermaid is missing; with GITOPS_REQUIRE_NAMESPACE_TESTS=1 fails instead.</summary>
    public static void RequirePrerequisites()
    {
        var missing = new List<string>();
        if (Chromium() is null)
        {
            missing.Add("chromium not found (apt-get install chromium fonts-dejavu-core; test.sh does it as root)");
        }

        if (!File.Exists(MermaidBundle))
        {
            missing.Add($"{Path.GetRelativePath(RepositoryPaths.Root, MermaidBundle)} not found (npm ci --prefix tests/mermaid; test.sh does it)");
        }

        if (missing.Count == 0)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{RequireVariable}=1 but the browser test cannot run: {string.Join("; ", missing)}");
        }

        Assert.Skip("browser test prerequisites missing: " + string.Join("; ", missing));
    }

    /// <summary>Parses and renders <paramref name="diagram"/>; when it rendered, saves <c>{name}.png</c> in <see cref="ArtifactFolder"/>.</summary>
    public static MermaidResult Render(string name, string diagram)
    {
        Directory.CreateDirectory(ArtifactFolder);
        var page = Path.Combine(ArtifactFolder, name + ".html");
        var png = Path.Combine(ArtifactFolder, name + ".png");
        File.Delete(png);
        File.WriteAllText(page, Page(diagram));
        var dom = Run("--dump-dom", new Uri(page).AbsoluteUri);
        var match = ResultElement().Match(dom);
        Assert.True(match.Success, $"Chromium printed no result element for {page}; its output began: {dom[..Math.Min(dom.Length, 500)]}");
        var text = System.Net.WebUtility.HtmlDecode(match.Groups["text"].Value);
        var size = RenderedSize().Match(text);
        if (!size.Success)
        {
            return new MermaidResult(false, text, 0, 0);
        }

        var width = int.Parse(size.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(size.Groups["h"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Run("--hide-scrollbars", $"--window-size={width + 16},{height + 16}", $"--screenshot={png}", new Uri(page).AbsoluteUri);
        Assert.True(File.Exists(png) && new FileInfo(png).Length > 0, $"Chromium wrote no screenshot {png}.");
        return new MermaidResult(true, text, width, height);
    }

    /// <summary>The page: mermaid's bundle by file URL, the diagram as a JSON string, the outcome in <c>#result</c>.</summary>
    private static string Page(string diagram) => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><script src="{{new Uri(MermaidBundle).AbsoluteUri}}"></script></head>
        <body style="margin:8px;background:white">
        <div id="diagram"></div>
        <pre id="result">not run</pre>
        <script>
        const source = {{System.Text.Json.Nodes.JsonValue.Create(diagram).ToJsonString()}};
        (async () => {
          const result = document.getElementById('result');
          try {
            mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { useMaxWidth: false } });
            await mermaid.parse(source);
            const { svg } = await mermaid.render('picture', source);
            document.getElementById('diagram').innerHTML = svg;
            const box = document.querySelector('#diagram svg').getBoundingClientRect();
            result.textContent = 'rendered ' + Math.ceil(box.width) + 'x' + Math.ceil(box.height);
            result.style.display = 'none';
          } catch (e) {
            result.textContent = 'error: ' + (e && e.message ? e.message : String(e));
          }
        })();
        </script>
        </body></html>
        """;

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A profile of this run's own, so parallel runs never share one; virtual time lets the async render finish.
        var profile = Directory.CreateTempSubdirectory("gitops-chromium-");
        try
        {
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile.FullName}", "--virtual-time-budget=20000", "--allow-file-access-from-files" }.Concat(arguments))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Chromium did not finish in 2 minutes.");
            }

            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string? Chromium() =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex("<pre id=\"result\"[^>]*>(?<text>[^<]*)</pre>")]
    private static partial Regex ResultElement();

    [GeneratedRegex("^rendered (?<w>[0-9]+)x(?<h>[0-9]+)$")]
    private static partial Regex RenderedSize();
}
