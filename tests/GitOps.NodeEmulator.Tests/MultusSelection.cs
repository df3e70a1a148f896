using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// One element of a pod's <c>k8s.v1.cni.cncf.io/networks</c> annotation as Multus reads it, and the capability args
/// Multus hands the delegate for it.
/// </summary>
internal sealed record MultusSelection(string Namespace, string Name, string InterfaceRequest, IReadOnlyDictionary<string, JsonNode> CapabilityArgs)
{
    /// <summary>
    /// multus-cni (HEAD 95a09323) <c>pkg/k8sclient/k8sclient.go</c> <c>parsePodNetworkAnnotation</c>: JSON when the value
    /// contains any of <c>[{"</c>, else a comma-separated list of <c>[namespace/]name[@ifname]</c> (<c>parsePodNetworkObjectName</c>,
    /// each part a DNS-1123 label); a missing namespace is the pod's. <c>ips</c> and <c>mac</c> of a JSON element become
    /// the delegate's runtimeConfig <c>ips</c>/<c>mac</c> (<c>pkg/types/conf.go</c> <c>mergeCNIRuntimeConfig</c>), which
    /// libcni passes to the plugins that declare those capabilities.
    /// </summary>
    public static IReadOnlyList<MultusSelection> Parse(string annotation, string podNamespace)
    {
        Assert.False(string.IsNullOrEmpty(annotation), "empty network-selection annotation");
        if (annotation.AsSpan().IndexOfAny("[{\"") >= 0)
        {
            return JsonNode.Parse(annotation)!.AsArray().Select(e => e!.AsObject()).Select(e =>
            {
                var args = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
                if (e["ips"] is { } ips)
                {
                    args["ips"] = ips.DeepClone();
                }

                if ((string?)e["mac"] is { Length: > 0 } mac)
                {
                    args["mac"] = mac;
                }

                return new MultusSelection((string?)e["namespace"] is { Length: > 0 } ns ? ns : podNamespace, (string)e["name"]!, (string?)e["interface"] ?? "", args);
            }).ToList();
        }

        var label = new Regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        return annotation.Split(',').Select(item =>
        {
            var slash = item.Trim().Split('/');
            Assert.InRange(slash.Length, 1, 2);
            var at = slash[^1].Split('@');
            Assert.InRange(at.Length, 1, 2);
            var ns = slash.Length == 2 ? slash[0].Trim() : "";
            var name = at[0].Trim();
            Assert.True(label.IsMatch(name) && (ns.Length == 0 || label.IsMatch(ns)), $"Multus refuses '{item}': not DNS-1123 labels");
            return new MultusSelection(ns.Length > 0 ? ns : podNamespace, name, at.Length == 2 ? at[1].Trim() : "", new Dictionary<string, JsonNode>());
        }).ToList();
    }
}
