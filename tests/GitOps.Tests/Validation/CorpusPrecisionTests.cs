using GitOps.Tests.Support;
using System.Text.Json.Nodes;
using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>
/// Precision of the validator on YAML written by others: every object under <c>../shared/upstream/corpus/</c>
/// (real manifests and documentation examples published by the projects themselves, see its README.md) must
/// validate with no error, except the files named in <see cref="KnownInvalid"/> with the upstream reason they are
/// invalid. Files are found at run time, so adding YAML to the corpus needs no code: a new file is checked as
/// soon as it is there. Files are read the way Kubernetes reads user YAML (<see cref="YamlText"/>: YAML 1.1).
/// </summary>
public sealed class CorpusPrecisionTests(ITestOutputHelper output)
{
    /// <summary>
    /// Corpus files (path below corpus/) holding an object that upstream itself would reject, with the code every
    /// error of that file must carry and the reason, citing upstream.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, (string Code, string Reason)> KnownInvalid =
        new Dictionary<string, (string Code, string Reason)>(StringComparer.Ordinal)
        {
            ["multus-cni/docs/configuration.md__L377.yaml"] = (DiagnosticCodes.KubernetesUnknownField,
                "multus-cni docs/configuration.md (default-network annotation example) indents 'name' and 'annotations' at the top " +
                "level instead of under 'metadata': a Pod has no such fields, so kubectl apply (strict field validation, the default " +
                "since Kubernetes 1.27) rejects them as unknown, and without metadata.name the API server answers 'name or " +
                "generateName is required'. The block is an excerpt (it ends with '...'), not an applyable object."),
        };

    /// <summary>
    /// The folder holding <c>corpus/</c>: the upstream folder (its pinned corpus files present, else the test is
    /// skipped, in CI failed), or GITOPS_CORPUS_ROOT to run the same check over other YAML (e.g. a checkout of more
    /// upstream examples) without copying it anywhere.
    /// </summary>
    private static string CorpusRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("GITOPS_CORPUS_ROOT") is { Length: > 0 } root)
            {
                return root;
            }

            UpstreamFiles.RequireFolder("corpus");
            return RepositoryPaths.Upstream;
        }
    }

    [Fact]
    public void Every_corpus_object_validates_except_the_named_invalid_ones()
    {
        var result = CorpusRun.Cached(CorpusRoot);

        output.WriteLine(result.Figures(KnownInvalid));
        Assert.True(result.Objects > 0, "the corpus holds no Kubernetes objects");

        var falseRejections = result.Rejections.Where(r => !KnownInvalid.ContainsKey(r.File)).ToArray();
        Assert.True(falseRejections.Length == 0,
            $"{falseRejections.Length} corpus object(s) that upstream accepts were rejected:{Environment.NewLine}" +
            ValidationHarness.Show(falseRejections.SelectMany(r => r.Errors)));

        foreach (var (file, (code, reason)) in KnownInvalid)
        {
            var rejected = result.Rejections.Where(r => r.File == file).SelectMany(r => r.Errors).ToArray();
            Assert.True(rejected.Length > 0, $"{file} is listed as invalid ({reason}) but validates: remove it from KnownInvalid.");
            Assert.All(rejected, d => Assert.Equal(code, d.Code));
        }
    }

    [Fact]
    public void Unreadable_corpus_yaml_is_a_failure_not_a_skip()
    {
        var result = CorpusRun.Cached(CorpusRoot);

        Assert.True(result.Unreadable.Count == 0, string.Join(Environment.NewLine, result.Unreadable));
    }
}

/// <summary>One pass of the validator over the corpus, with the counts the README reports.</summary>
internal sealed record CorpusRun(
    int Files,
    int Patches,
    int Documents,
    int Objects,
    int Validated,
    IReadOnlyList<CorpusRejection> Rejections,
    IReadOnlyList<string> Unreadable,
    IReadOnlyDictionary<string, int> Warnings)
{
    /// <summary>File names the bundle has a schema for (<c>x-gitops-files</c>, e.g. fleet.yaml).</summary>
    private static readonly IReadOnlySet<string> FileSchemas = ReadFileSchemas();

    private static HashSet<string> ReadFileSchemas()
    {
        using var bundle = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryPaths.In("src", "GitOps", "Validation", "Schemas", "kubernetes.schema.json")));
        return bundle.RootElement.GetProperty("x-gitops-files").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CorpusRun>> Runs = new(StringComparer.Ordinal);

    /// <summary>One run per corpus root and test process (both tests read the same pass).</summary>
    public static CorpusRun Cached(string upstream) => Runs.GetOrAdd(upstream, root => new Lazy<CorpusRun>(() => Run(root))).Value;

    public static CorpusRun Run(string upstream)
    {
        var corpus = Path.Combine(upstream, "corpus");
        var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(corpus, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        // Kustomize patches are partial objects merged into a base, never applied on their own.
        var patches = KustomizePatches(corpus, files);
        files = files.Where(f => !patches.Contains(f)).ToArray();

        int documents = 0, objects = 0, validated = 0;
        var rejections = new List<CorpusRejection>();
        var unreadable = new List<string>();
        var warnings = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            IReadOnlyList<JsonNode?> nodes;
            try
            {
                nodes = YamlText.Documents(File.ReadAllText(Path.Combine(corpus, file)));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                unreadable.Add($"{file}: {e.Message}");
                continue;
            }

            documents += nodes.Count;
            // A file with a schema of its own (fleet.yaml) is validated whole; elsewhere only Kubernetes objects
            // (apiVersion and kind), not Helm values or Chart.yaml.
            var kube = FileSchemas.Contains(Path.GetFileName(file))
                ? nodes.OfType<JsonObject>().ToArray()
                : nodes.OfType<JsonObject>()
                    .Where(n => n["apiVersion"] is JsonValue a && a.TryGetValue<string>(out _) && n["kind"] is JsonValue k && k.TryGetValue<string>(out _))
                    .ToArray();
            objects += kube.Length;

            // The Multus version rule reads the DaemonSet of the whole file, as a manifest set would.
            var all = ManifestValidator.Shared.Validate(new ManifestSet([new ManifestFile("corpus/" + file, kube.Cast<object>().ToArray())]));
            for (var i = 0; i < kube.Length; i++)
            {
                var alone = ManifestValidator.Shared.Validate(new ManifestSet([new ManifestFile("corpus/" + file, [kube[i]])]));
                if (!alone.Any(d => d.Code == DiagnosticCodes.NoSchemaForKind))
                {
                    validated++;
                }

                foreach (var warning in alone.Where(d => d.Severity == DiagnosticSeverity.Warning))
                {
                    warnings[warning.Code] = warnings.GetValueOrDefault(warning.Code) + 1;
                }

                var errors = alone.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                if (errors.Length > 0)
                {
                    rejections.Add(new CorpusRejection(file, i, errors));
                }
            }

            // Errors only the whole file shows (the Multus version taken from its DaemonSet).
            var extra = all.Where(d => d.Severity == DiagnosticSeverity.Error && d.Code == DiagnosticCodes.CniVersionUnsupportedByMultus).ToArray();
            if (extra.Length > 0)
            {
                rejections.Add(new CorpusRejection(file, -1, extra));
            }
        }

        return new CorpusRun(files.Length, patches.Count, documents, objects, validated, rejections, unreadable, warnings);
    }

    /// <summary>
    /// Files a kustomization.yaml in the same folder names as a patch (<c>patchesStrategicMerge</c> entries,
    /// <c>patches[].path</c>, <c>patchesJson6902[].path</c>: kubernetes-sigs/kustomize api/types/kustomization.go).
    /// </summary>
    private static HashSet<string> KustomizePatches(string corpus, IReadOnlyList<string> files)
    {
        var patches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => Path.GetFileName(f) is "kustomization.yaml" or "kustomization.yml" or "Kustomization"))
        {
            var folder = Path.GetDirectoryName(file) ?? "";
            JsonNode? root;
            try
            {
                root = YamlText.Documents(File.ReadAllText(Path.Combine(corpus, file))).FirstOrDefault();
            }
            catch (YamlDotNet.Core.YamlException)
            {
                continue; // reported by the main pass
            }

            var named = (root?["patchesStrategicMerge"] as JsonArray ?? []).Select(p => p is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
                .Concat((root?["patches"] as JsonArray ?? []).Concat(root?["patchesJson6902"] as JsonArray ?? []).Select(p => p?["path"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null));
            foreach (var path in named.OfType<string>())
            {
                patches.Add(Path.GetRelativePath(".", Path.Combine(folder, path)).Replace('\\', '/'));
            }
        }

        return patches;
    }

    public string Figures(IReadOnlyDictionary<string, (string Code, string Reason)> knownInvalid)
    {
        var rejectedObjects = Rejections.Select(r => (r.File, r.Index)).Distinct().ToArray();
        var truly = rejectedObjects.Count(r => knownInvalid.ContainsKey(r.File));
        return $"corpus: {Files} files (+{Patches} kustomize patches skipped), {Documents} YAML documents, {Objects} Kubernetes objects read, {Validated} validated against a schema, " +
            $"{rejectedObjects.Length - truly} false rejections, {truly} true rejections; warnings: " +
            string.Join(", ", Warnings.Select(w => $"{w.Key} x{w.Value}"));
    }
}

internal sealed record CorpusRejection(string File, int Index, IReadOnlyList<Diagnostic> Errors);
