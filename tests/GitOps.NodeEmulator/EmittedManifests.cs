using System.Text.Json.Nodes;
using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;

namespace GitOps.NodeEmulator;

/// <summary>One object of the emitted YAML, with the file it is in.</summary>
public sealed record EmittedObject(string File, JsonObject Object)
{
    public string Kind => Object["kind"]?.GetValue<string>() ?? "";

    public string Name => Object["metadata"]?["name"]?.GetValue<string>() ?? "";
}

/// <summary>
/// What the library writes for a lab, read back from the rendered YAML bytes (the files a GitOps tool would apply),
/// not from the C# objects: the emulator runs exactly what is written.
/// </summary>
public static class EmittedManifests
{
    public static IReadOnlyList<EmittedObject> Of(Lab lab) =>
        YamlRenderer.Render(LabGenerator.GenerateSet(lab))
            .Where(f => f.RelativePath.EndsWith(".yaml", StringComparison.Ordinal) && !f.RelativePath.EndsWith("fleet.yaml", StringComparison.Ordinal))
            .SelectMany(f => YamlText.Documents(System.Text.Encoding.UTF8.GetString(f.Content))
                .Select(d => new EmittedObject(f.RelativePath, JsonNode.Parse(d.ToJsonString())!.AsObject())))
            .ToList();

    /// <summary>The systemd-networkd units written for <paramref name="node"/> (hosts/&lt;node&gt;/*.network, *.netdev): file name → bytes as written.</summary>
    public static IReadOnlyDictionary<string, byte[]> NetworkdUnits(Lab lab, string node) =>
        YamlRenderer.Render(LabGenerator.GenerateSet(lab))
            .Where(f => f.RelativePath.StartsWith($"hosts/{node}/", StringComparison.Ordinal) &&
                        (f.RelativePath.EndsWith(".network", StringComparison.Ordinal) || f.RelativePath.EndsWith(".netdev", StringComparison.Ordinal)))
            .ToDictionary(f => f.RelativePath[$"hosts/{node}/".Length..], f => f.Content, StringComparer.Ordinal);

    /// <summary>
    /// A sample's output as committed, read from its folder below the repository root (e.g.
    /// <c>samples/BareMetalLab/manifests</c>): every <c>.yaml</c> file below it, hosts/ included (the K3s server's
    /// day-0 manifests are there), with its path relative to the folder. The files themselves, not a copy.
    /// </summary>
    public static IReadOnlyList<EmittedObject> Committed(string folder)
    {
        var root = RepositoryPaths.In(folder.Split('/'));
        return Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith("fleet.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => YamlText.Documents(File.ReadAllText(Path.Combine(root, f)))
                .Select(d => new EmittedObject(f, JsonNode.Parse(d.ToJsonString())!.AsObject())))
            .ToList();
    }

    /// <summary>The systemd-networkd units committed for <paramref name="node"/> under <paramref name="folder"/>/hosts/&lt;node&gt;/: file name → bytes as committed.</summary>
    public static IReadOnlyDictionary<string, byte[]> CommittedNetworkdUnits(string folder, string node)
    {
        var dir = RepositoryPaths.In([.. folder.Split('/'), "hosts", node]);
        return Directory.EnumerateFiles(dir)
            .Where(f => f.EndsWith(".network", StringComparison.Ordinal) || f.EndsWith(".netdev", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
    }

    public static IReadOnlyList<EmittedObject> Of(IReadOnlyList<EmittedObject> objects, string kind) => objects.Where(o => o.Kind == kind).ToList();

    /// <summary>The node-side workloads: DaemonSets (they run on every node).</summary>
    public static IReadOnlyList<EmittedObject> DaemonSets(IReadOnlyList<EmittedObject> objects) => Of(objects, "DaemonSet");

    /// <summary>A NetworkAttachmentDefinition's spec.config, the conflist Multus delegates to.</summary>
    public static string Conflist(IReadOnlyList<EmittedObject> objects, string ns, string name) =>
        objects.Single(o => o.Kind == "NetworkAttachmentDefinition" && o.Name == name && o.Object["metadata"]!["namespace"]!.GetValue<string>() == ns)
            .Object["spec"]!["config"]!.GetValue<string>();
}
