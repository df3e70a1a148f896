using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests;

/// <summary>
/// The upstream files the tests read are pinned in tests/upstream-files.tsv (URL at a commit, line range, sha256):
/// the folder the tests read holds exactly those bytes, and tests/fetch-upstream.sh fills a cache from the pins.
/// </summary>
public sealed partial class UpstreamFilesTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_pinned_file_that_is_present_has_its_pinned_hash()
    {
        var present = RepositoryPaths.UpstreamPins.Where(p => File.Exists(Path.Combine(RepositoryPaths.Upstream, p.Path))).ToArray();
        var changed = present
            .Select(p => (Pin: p, Actual: Sha256(Path.Combine(RepositoryPaths.Upstream, p.Path))))
            .Where(x => x.Actual != x.Pin.Sha256)
            .Select(x => $"{x.Pin.Path}: sha256 {x.Actual}, pinned {x.Pin.Sha256} ({x.Pin.Url})")
            .ToArray();
        output.WriteLine($"{present.Length} of {RepositoryPaths.UpstreamPins.Count} pinned files present in {RepositoryPaths.Upstream}");

        Assert.True(changed.Length == 0,
            $"{changed.Length} upstream file(s) in {RepositoryPaths.Upstream} differ from tests/upstream-files.tsv " +
            $"(update the pin, and its URL, only for a deliberate upstream change):{Environment.NewLine}{string.Join(Environment.NewLine, changed)}");
        UpstreamFiles.Require(RepositoryPaths.UpstreamPins.Select(p => p.Path));
    }

    [Fact]
    public void Every_pin_is_a_unique_path_with_a_sha256_and_a_url_at_a_full_commit()
    {
        Assert.NotEmpty(RepositoryPaths.UpstreamPins);
        var malformed = RepositoryPaths.UpstreamPins
            .Where(p => !Sha256Pattern().IsMatch(p.Sha256) || !UrlPattern().IsMatch(p.Url) || !LinesAreValid(p.Lines)
                || p.Path.StartsWith('/') || p.Path.Contains('\\') || p.Path.Split('/').Contains(".."))
            .Select(p => p.Path)
            .ToArray();
        var duplicates = RepositoryPaths.UpstreamPins.GroupBy(p => p.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();

        Assert.True(malformed.Length == 0, "malformed pins: " + string.Join(", ", malformed));
        Assert.True(duplicates.Length == 0, "pinned twice: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Every_corpus_file_in_the_upstream_folder_is_pinned()
    {
        UpstreamFiles.RequireFolder("corpus");
        var pinned = RepositoryPaths.UpstreamPins.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var corpus = Path.Combine(RepositoryPaths.Upstream, "corpus");

        // The corpus test reads every YAML file below corpus/ (CorpusPrecisionTests); its README is not upstream's.
        var unpinned = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Select(f => "corpus/" + Path.GetRelativePath(corpus, f).Replace('\\', '/'))
            .Where(f => f != "corpus/README.md" && !pinned.Contains(f))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(unpinned.Length == 0, "corpus files not pinned in tests/upstream-files.tsv: " + string.Join(", ", unpinned));
    }

    /// <summary>
    /// Runs the real script against a copy of the repository's two files, with a <c>curl</c> on PATH that serves each
    /// pinned URL from the upstream folder (no network): every pin whose URL is also pinned as a whole file (the
    /// top-level files, their extracts, the corpus files that are whole upstream files) is downloaded, cut and
    /// checked; a second run keeps them; a pin with a wrong hash is refused and not written.
    /// </summary>
    [Fact]
    public void Fetch_script_fills_the_cache_from_the_pins_and_refuses_a_wrong_hash()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "tests/fetch-upstream.sh is a bash script");
        var wholeFiles = RepositoryPaths.UpstreamPins.Where(p => p.Lines == "-").GroupBy(p => p.Url).ToDictionary(g => g.Key, g => g.First().Path);
        var servable = RepositoryPaths.UpstreamPins.Where(p => wholeFiles.ContainsKey(p.Url)).ToArray();
        UpstreamFiles.Require(servable.Select(p => p.Path).Distinct());
        Assert.Contains(servable, p => p.Lines != "-");

        var work = Directory.CreateTempSubdirectory("gitops-fetch-upstream-");
        try
        {
            var repo = Directory.CreateDirectory(Path.Combine(work.FullName, "repo", "tests")).Parent!.FullName;
            File.Copy(RepositoryPaths.In("tests", "fetch-upstream.sh"), Path.Combine(repo, "tests", "fetch-upstream.sh"));
            var manifest = Path.Combine(repo, "tests", "upstream-files.tsv");
            File.WriteAllLines(manifest, servable.Select(p => $"{p.Path}\t{p.Sha256}\t{p.Url}\t{p.Lines}").Prepend("# path\tsha256\turl\tlines"));

            var bin = Directory.CreateDirectory(Path.Combine(work.FullName, "bin")).FullName;
            var map = Path.Combine(work.FullName, "urls.tsv");
            File.WriteAllLines(map, wholeFiles.Select(kv => $"{kv.Key}\t{Path.Combine(RepositoryPaths.Upstream, kv.Value)}"));
            File.WriteAllText(Path.Combine(bin, "curl"),
                "#!/usr/bin/env bash\n" +
                "# Serves a pinned URL from the upstream folder: the last argument is the URL, -o names the output.\n" +
                "out=''; while [ $# -gt 1 ]; do [ \"$1\" = -o ] && { out=\"$2\"; shift; }; shift; done\n" +
                $"file=\"$(awk -F'\\t' -v u=\"$1\" '$1 == u {{ print $2 }}' '{map}')\"\n" +
                "[ -n \"$file\" ] && cp \"$file\" \"$out\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(bin, "curl"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var first = RunScript(repo, bin);
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Contains($"{servable.Length} downloaded, 0 already present, 0 failed", first.Output);
            var cache = Path.Combine(repo, "artifacts", "upstream-cache");
            Assert.All(servable, p => Assert.Equal(p.Sha256, Sha256(Path.Combine(cache, p.Path))));

            var second = RunScript(repo, bin);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains($"0 downloaded, {servable.Length} already present, 0 failed", second.Output);

            var extract = servable.First(p => p.Lines != "-");
            File.Delete(Path.Combine(cache, extract.Path));
            File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(extract.Sha256, new string('0', 64)));
            var refused = RunScript(repo, bin);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains($"{extract.Path}: sha256 {extract.Sha256}, pinned {new string('0', 64)}", refused.Output);
            Assert.False(File.Exists(Path.Combine(cache, extract.Path)));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) RunScript(string repo, string bin)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(repo, "tests", "fetch-upstream.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static bool LinesAreValid(string lines)
    {
        if (lines == "-")
        {
            return true;
        }

        var match = LinesPattern().Match(lines);
        return match.Success && int.Parse(match.Groups[1].Value) <= int.Parse(match.Groups[2].Value);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex("^https://raw\\.githubusercontent\\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[0-9a-f]{40}/[^ ]+$")]
    private static partial Regex UrlPattern();

    [GeneratedRegex("^([1-9][0-9]*)-([1-9][0-9]*)$")]
    private static partial Regex LinesPattern();
}
