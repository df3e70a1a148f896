using GitOps.K3s;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Hosts;

/// <summary>
/// Day 0 for a K3s cluster without Rancher, as files for each K3s server (copy hosts/&lt;node&gt;/etc and
/// hosts/&lt;node&gt;/var to / before installing K3s):
/// <list type="bullet">
/// <item><c>etc/rancher/k3s/config.yaml</c>: the server settings (<see cref="K3sServerConfig"/>); K3s reads this file
/// at start (docs.k3s.io "Configuration File").</item>
/// <item><c>var/lib/rancher/k3s/server/manifests/&lt;lab&gt;-cni-layer.yaml</c>: the CNI layer (<see cref="Delivery.CniLayer"/>),
/// applied by K3s at start and whenever the file changes (docs.k3s.io "Auto-Deploying Manifests (AddOns)").</item>
/// </list>
/// Day 2: the files change in git; copying them to the servers (a config-management step outside the cluster) is
/// what applies them, since nothing inside a cluster without a pod network could.
/// </summary>
internal static class K3sHostFilesEmitter
{
    /// <summary>K3s's default config file (docs.k3s.io "Configuration File"), relative to the host's root.</summary>
    public const string ConfigPath = "etc/rancher/k3s/config.yaml";

    /// <summary>K3s's auto-deploy manifests directory on servers (docs.k3s.io "Auto-Deploying Manifests"), relative to the host's root.</summary>
    public const string ManifestsPath = "var/lib/rancher/k3s/server/manifests";

    /// <summary>Both files for each server in <paramref name="servers"/>; <paramref name="layer"/> is the CNI layer in apply order.</summary>
    public static IEnumerable<DeliveryFile> Emit(Lab lab, IReadOnlyList<string> servers, IReadOnlyList<object> layer)
    {
        var config = new K3sConfigFile(K3sServerConfig.For(lab));
        DeliveryFile? first = null;
        foreach (var server in servers)
        {
            yield return new DeliveryFile(DeliveryFolder.Hosts, $"{server}/{ConfigPath}", [config]) { Source = lab.GitOps?.Source };
            // The same objects on every server; validated and checked for duplicates once, in the first server's file.
            var manifest = new DeliveryFile(DeliveryFolder.Hosts, $"{server}/{ManifestsPath}/{LayerFileName(lab)}", layer) { CopyOf = first, Source = lab.GitOps?.Source };
            yield return manifest;
            first ??= manifest;
        }
    }

    /// <summary>"home-lab-cni-layer.yaml".</summary>
    public static string LayerFileName(Lab lab) => $"{lab.Name}-cni-layer.yaml";
}
