using System.Text.Json.Nodes;
using GitOps.Fleet;
using GitOps.Validation;

namespace GitOps.Tests.Fleet;

/// <summary>
/// Walks a generated output folder (path → file text) the way a cluster brings it up, from an empty K3s with
/// <c>flannel-backend: none</c> to the last bundle, in ordered phases, and lists every step that could not happen:
/// <list type="number">
/// <item><b>k3s-manifests</b>: K3s starts and applies its auto-deploy manifests directory: the Rancher Cluster's
/// <c>additionalManifest</c> (Rancher writes it to server/manifests/rancher/addons.yaml) or the host files under
/// <c>hosts/&lt;node&gt;/var/lib/rancher/k3s/server/manifests/</c>. No pod network exists: every pod must use
/// hostNetwork, every HelmChart must be <c>bootstrap: true</c> (its Job then runs with hostNetwork), and no Fleet/Flux
/// object can work (their controllers are ordinary pods).</item>
/// <item><b>bootstrap-charts</b>: helm-controller installs the bootstrap charts; the tigera-operator chart creates its
/// namespace (<c>createNamespace</c>), the operator (hostNetwork in the chart's 02-tigera-operator.yaml) and calico-node.
/// The CNI layer is up when phase 1 held Calico's operator chart and, if Multus is used, the Multus DaemonSet.</item>
/// <item><b>gitops-agents</b>: only now can Fleet's agent or Flux's controllers run.</item>
/// <item><b>bundle:&lt;folder&gt;</b>: each Fleet bundle / Flux Kustomization after the ones it depends on.</item>
/// </list>
/// Namespaced objects need their namespace to exist by their step (built-in, or created in the same or an earlier step).
/// </summary>
public static class DayZeroWalk
{
    private static readonly HashSet<string> BuiltInNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private static readonly HashSet<string> PodKinds = ["Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job"];
    private static readonly HashSet<string> GitOpsKinds = ["GitRepo", "Bundle", "Kustomization", "GitRepository", "HelmRelease", "HelmRepository", "OCIRepository"];

    public sealed record Step(string Name, IReadOnlyList<JsonNode> Objects);

    public sealed record Result(IReadOnlyList<Step> Steps, IReadOnlyList<string> Violations);

    public static Result Walk(IReadOnlyDictionary<string, string> files)
    {
        var violations = new List<string>();
        var day0 = Day0Objects(files);
        var steps = new List<Step> { new("k3s-manifests", day0) };

        foreach (var obj in day0)
        {
            var what = Describe(obj);
            if (PodKinds.Contains(Kind(obj)) && PodSpec(obj)?["hostNetwork"]?.GetValue<bool>() != true)
            {
                violations.Add($"k3s-manifests: {what} has no hostNetwork, so it needs a pod network before the CNI layer is up");
            }

            if (Kind(obj) == "HelmChart" && obj["spec"]?["bootstrap"]?.GetValue<bool>() != true)
            {
                violations.Add($"k3s-manifests: {what} is not bootstrap: true, so its install Job needs a pod network before the CNI layer is up");
            }

            if (GitOpsKinds.Contains(Kind(obj)))
            {
                violations.Add($"k3s-manifests: {what} needs the Fleet/Flux controller, a pod that needs the CNI layer first");
            }
        }

        var charts = day0.Where(o => Kind(o) == "HelmChart" && o["spec"]?["bootstrap"]?.GetValue<bool>() == true).ToArray();
        var chartNamespaces = charts.Where(c => c["spec"]?["createNamespace"]?.GetValue<bool>() == true)
            .Select(c => (string?)c["spec"]!["targetNamespace"]).OfType<string>().ToArray();
        steps.Add(new("bootstrap-charts", charts));
        steps.Add(new("gitops-agents", []));

        var bundles = Bundles(files, violations);
        steps.AddRange(bundles);

        // The CNI layer must be complete at day 0, never in a bundle (delivered by an agent that needs it).
        var calicoAtDay0 = charts.Any(c => (string?)c["spec"]?["chart"] == "tigera-operator");
        var multusAtDay0 = day0.Any(IsMultus);
        if (!calicoAtDay0)
        {
            violations.Add("k3s-manifests: no bootstrap HelmChart installs the tigera-operator, so no CNI comes up without a pod network");
        }

        // From Calico v3.32 the operator chart has no CRDs; their chart must be installed at day 0 too
        // (projectcalico/calico charts/tigera-operator/README.md).
        foreach (var operatorChart in charts.Where(c => (string?)c["spec"]?["chart"] == "tigera-operator"))
        {
            var version = (string?)operatorChart["spec"]?["version"] ?? "";
            var parts = version.TrimStart('v').Split('.');
            var needsCrdChart = parts.Length == 3 && int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) == 3 &&
                int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 32;
            if (needsCrdChart && !charts.Any(c => (string?)c["spec"]?["chart"] == "crd.projectcalico.org.v1" && (string?)c["spec"]?["version"] == version))
            {
                violations.Add($"k3s-manifests: tigera-operator {version} ships no CRDs and no bootstrap HelmChart installs crd.projectcalico.org.v1 {version}, so its Installation never applies");
            }
        }

        var multusAnywhere = multusAtDay0 || bundles.Any(b => b.Objects.Any(IsMultus));
        if (multusAnywhere && !multusAtDay0)
        {
            violations.Add("k3s-manifests: the Multus DaemonSet is not in the CNI layer");
        }

        foreach (var bundle in bundles)
        {
            foreach (var obj in bundle.Objects.Where(o => IsMultus(o) || Kind(o) is "Installation" or "HelmChart" || IsCrdNeededAtDay0(o)))
            {
                violations.Add($"{bundle.Name}: {Describe(obj)} belongs to the CNI layer but is delivered by Fleet/Flux, whose agent needs a pod network first");
            }
        }

        // Namespaces, step by step.
        var existing = new HashSet<string>(BuiltInNamespaces, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            existing.UnionWith(step.Objects.Where(o => Kind(o) == "Namespace" && (string?)o["apiVersion"] == "v1").Select(o => (string)o["metadata"]!["name"]!));
            if (step.Name == "bootstrap-charts")
            {
                existing.UnionWith(chartNamespaces);
            }

            foreach (var obj in step.Objects)
            {
                if ((string?)obj["metadata"]?["namespace"] is { } ns && !existing.Contains(ns))
                {
                    violations.Add($"{step.Name}: {Describe(obj)} lives in namespace '{ns}', which no step up to this one creates");
                }
            }
        }

        return new Result(steps, violations);
    }

    /// <summary>Renders a generated set the way it lands on disk.</summary>
    internal static IReadOnlyDictionary<string, string> Texts(GitOps.Output.ManifestSet set) =>
        GitOps.Output.YamlRenderer.Render(set).ToDictionary(f => f.RelativePath, f => System.Text.Encoding.UTF8.GetString(f.Content), StringComparer.Ordinal);

    private static List<JsonNode> Day0Objects(IReadOnlyDictionary<string, string> files)
    {
        var objects = new List<JsonNode>();
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (path.StartsWith("hosts/", StringComparison.Ordinal) && path.Contains("/var/lib/rancher/k3s/server/manifests/", StringComparison.Ordinal))
            {
                objects.AddRange(Docs(text));
                break; // every server holds the same file; K3s applies one copy per server, identically
            }
        }

        foreach (var (path, text) in files.Where(f => f.Key.EndsWith(".yaml", StringComparison.Ordinal) && !f.Key.EndsWith("fleet.yaml", StringComparison.Ordinal)))
        {
            if (path.StartsWith("hosts/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var doc in Docs(text).Where(d => (string?)d["apiVersion"] == "provisioning.cattle.io/v1" && Kind(d) == "Cluster"))
            {
                if ((string?)doc["spec"]?["rkeConfig"]?["additionalManifest"] is { } manifest)
                {
                    objects.AddRange(Docs(manifest));
                }
            }
        }

        return objects;
    }

    /// <summary>Downstream bundles in the order their dependsOn allows: Fleet's fleet.yaml folders, else Flux's Kustomizations.</summary>
    private static List<Step> Bundles(IReadOnlyDictionary<string, string> files, List<string> violations)
    {
        var folders = new Dictionary<string, (string Name, string[] DependsOn)>(StringComparer.Ordinal);
        var fleetRepo = files.Where(f => (f.Key.StartsWith("rancher/gitrepo-", StringComparison.Ordinal) || f.Key.StartsWith("rancher-local/gitrepo-", StringComparison.Ordinal)))
            .SelectMany(f => Docs(f.Value)).FirstOrDefault(d => (string?)d["metadata"]?["namespace"] != FleetSettingsLocal);
        if (fleetRepo is not null)
        {
            var repoName = (string)fleetRepo["metadata"]!["name"]!;
            foreach (var path in fleetRepo["spec"]!["paths"]!.AsArray().Select(p => (string)p!))
            {
                var folder = path[(path.LastIndexOf('/') + 1)..];
                if (!files.TryGetValue($"{folder}/fleet.yaml", out var fleetYaml))
                {
                    violations.Add($"bundle:{folder}: the GitRepo lists it but it has no fleet.yaml");
                    continue;
                }

                var depends = Docs(fleetYaml).Single()["dependsOn"]?.AsArray().Select(d => (string)d!["name"]!).ToArray() ?? [];
                folders[folder] = (FleetNames.BundleName(repoName, path), depends);
            }
        }
        else
        {
            foreach (var (path, text) in files.Where(f => f.Key.StartsWith("flux/kustomization-", StringComparison.Ordinal)))
            {
                var k = Docs(text).Single();
                var folderPath = (string)k["spec"]!["path"]!;
                var folder = folderPath[(folderPath.LastIndexOf('/') + 1)..];
                folders[folder] = ((string)k["metadata"]!["name"]!, k["spec"]!["dependsOn"]?.AsArray().Select(d => (string)d!["name"]!).ToArray() ?? []);
            }
        }

        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<Step>();
        while (ordered.Count < folders.Count)
        {
            var ready = folders.Where(f => !done.Contains(f.Value.Name) && f.Value.DependsOn.All(done.Contains)).OrderBy(f => f.Key, StringComparer.Ordinal).ToArray();
            if (ready.Length == 0)
            {
                foreach (var stuck in folders.Where(f => !done.Contains(f.Value.Name)))
                {
                    violations.Add($"bundle:{stuck.Key}: waits forever for {string.Join(", ", stuck.Value.DependsOn.Where(d => !done.Contains(d)))}");
                }

                break;
            }

            foreach (var (folder, (name, _)) in ready)
            {
                done.Add(name);
                var objects = files.Where(f => f.Key.StartsWith(folder + "/", StringComparison.Ordinal) && !f.Key.EndsWith("/fleet.yaml", StringComparison.Ordinal) && !f.Key.EndsWith("/kustomization.yaml", StringComparison.Ordinal))
                    .OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => Docs(f.Value)).ToArray();
                ordered.Add(new Step($"bundle:{folder}", objects));
            }
        }

        return ordered;
    }

    private const string FleetSettingsLocal = GitOps.Topology.FleetSettings.LocalNamespace;

    private static bool IsMultus(JsonNode obj) => Kind(obj) == "DaemonSet" &&
        PodSpec(obj)?["containers"]?.AsArray().Any(c => ((string?)c!["image"])?.Contains("multus", StringComparison.Ordinal) == true) == true;

    /// <summary>The NAD CRD: Multus reads NADs, so its CRD belongs with Multus.</summary>
    private static bool IsCrdNeededAtDay0(JsonNode obj) => Kind(obj) == "CustomResourceDefinition" &&
        (string?)obj["spec"]?["group"] == "k8s.cni.cncf.io";

    private static JsonNode? PodSpec(JsonNode obj) => Kind(obj) == "Pod" ? obj["spec"] : obj["spec"]?["template"]?["spec"];

    private static string Kind(JsonNode obj) => (string?)obj["kind"] ?? "";

    private static string Describe(JsonNode obj) =>
        $"{Kind(obj)} '{((string?)obj["metadata"]?["namespace"] is { } ns ? ns + "/" : "")}{(string?)obj["metadata"]?["name"]}'";

    private static IEnumerable<JsonNode> Docs(string text) => YamlText.Documents(text).OfType<JsonNode>();
}
