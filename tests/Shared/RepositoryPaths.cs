namespace GitOps.TestSupport;

/// <summary>
/// The one way tests find the repository: the folder that holds GitOps.sln, walking up from the test assembly
/// (compile-time paths cannot be used: CI builds map source paths to /_/), and the upstream files the tests read
/// (pinned in <c>tests/upstream-files.tsv</c>, never copied into the repository). This file is linked into every
/// test project (<c>&lt;Compile Include="../Shared/RepositoryPaths.cs" Link="Shared/RepositoryPaths.cs" /&gt;</c>).
/// It has no xunit dependency (the namespace harness and the node emulator link it too); GitOps.Tests turns a
/// missing upstream file into a skip or, in CI, a failure (<c>Support/UpstreamFiles.cs</c>).
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>Names the folder holding the upstream files; overrides <c>../shared/upstream</c> and the cache.</summary>
    public const string UpstreamVariable = "GITOPS_UPSTREAM_DIR";

    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Lazy<string> UpstreamPath = new(FindUpstream);
    private static readonly Lazy<IReadOnlyList<UpstreamPin>> Pins = new(ReadPins);

    /// <summary>The repository root (the folder holding GitOps.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The sample's output folder, <c>manifests/</c> (its own golden copy).</summary>
    public static string Manifests => Path.Combine(Root, "manifests");

    /// <summary>
    /// The folder the upstream files are read from: <c>$GITOPS_UPSTREAM_DIR</c> when set; else <c>../shared/upstream</c>
    /// beside the repository (CI and the main checkout; for a git worktree nested deeper, the nearest ancestor holding
    /// <c>shared/upstream/SOURCES.md</c>); else <see cref="UpstreamCache"/>, which <c>tests/fetch-upstream.sh</c> fills.
    /// </summary>
    public static string Upstream => UpstreamPath.Value;

    /// <summary><c>artifacts/upstream-cache</c>: where <c>tests/fetch-upstream.sh</c> downloads the pinned files.</summary>
    public static string UpstreamCache => In("artifacts", "upstream-cache");

    /// <summary>
    /// Every upstream file the tests read, from <c>tests/upstream-files.tsv</c> (tab-separated: path below
    /// <see cref="Upstream"/>, sha256, URL at a commit, line range or <c>-</c>; <c>#</c> lines are comments).
    /// </summary>
    public static IReadOnlyList<UpstreamPin> UpstreamPins => Pins.Value;

    /// <summary>A path below the repository root, e.g. <c>In("src", "GitOps")</c>.</summary>
    public static string In(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// Null when every named upstream file (a path of <see cref="UpstreamPins"/>, '/'-separated) is in
    /// <see cref="Upstream"/>; otherwise why not, naming the files, the folder and the command that fetches them.
    /// Throws <see cref="ArgumentException"/> for a name that is not pinned: every file a test reads is pinned.
    /// </summary>
    public static string? MissingUpstream(IEnumerable<string> names)
    {
        var pinned = UpstreamPins.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (!pinned.Contains(name))
            {
                throw new ArgumentException($"'{name}' is not pinned in tests/upstream-files.tsv; add it (URL at a commit, sha256) before a test reads it.", nameof(names));
            }

            if (!File.Exists(Path.Combine(Upstream, name)))
            {
                missing.Add(name);
            }
        }

        if (missing.Count == 0)
        {
            return null;
        }

        var shown = string.Join(", ", missing.Take(3)) + (missing.Count > 3 ? $" and {missing.Count - 3} more" : "");
        var fetch = Path.GetFullPath(Upstream) == Path.GetFullPath(UpstreamCache)
            ? "tests/fetch-upstream.sh"
            : $"tests/fetch-upstream.sh, then the tests with {UpstreamVariable}={UpstreamCache},";
        return $"upstream file(s) {shown} not in {Upstream} ({UpstreamVariable}, else ../shared/upstream, else artifacts/upstream-cache); " +
            $"run {fetch} to download the files pinned in tests/upstream-files.tsv";
    }

    private static string FindUpstream()
    {
        if (Environment.GetEnvironmentVariable(UpstreamVariable) is { Length: > 0 } chosen)
        {
            return Path.GetFullPath(chosen);
        }

        for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "upstream");
            if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
            {
                return candidate;
            }
        }

        return UpstreamCache;
    }

    private static IReadOnlyList<UpstreamPin> ReadPins()
    {
        var pins = new List<UpstreamPin>();
        foreach (var line in File.ReadLines(In("tests", "upstream-files.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length != 4)
            {
                throw new InvalidDataException($"tests/upstream-files.tsv: '{line}' has {cells.Length} columns, expected 4 (path, sha256, url, lines).");
            }

            pins.Add(new UpstreamPin(cells[0], cells[1], cells[2], cells[3]));
        }

        return pins;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOps.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No GitOps.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>One row of <c>tests/upstream-files.tsv</c>.</summary>
/// <param name="Path">Path below <see cref="RepositoryPaths.Upstream"/>, '/'-separated.</param>
/// <param name="Sha256">Lower-case hex sha256 of the file's bytes.</param>
/// <param name="Url">The upstream file at a commit (raw.githubusercontent.com/owner/repo/commit/path).</param>
/// <param name="Lines">"a-b": the file is lines a to b of <paramref name="Url"/>, byte for byte; "-": the whole file.</param>
internal sealed record UpstreamPin(string Path, string Sha256, string Url, string Lines);
