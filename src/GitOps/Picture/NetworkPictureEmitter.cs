using System.Globalization;
using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Picture;

/// <summary>
/// <c>NETWORK.md</c> at the top of the output folder: a Mermaid diagram of the lab and tables of its subnets,
/// gateways, MTUs and which node has what. The emitter reads the lab into a <see cref="NetworkPicture"/> (every list in
/// ordinal name order, every fact the renderer prints); <see cref="NetworkPictureRenderer"/> writes it. A top-level file
/// is in no bundle: delivery places only bundled files in folders (<see cref="Delivery.BundleLayout"/>), Fleet's GitRepo
/// <c>paths:</c> and Flux's Kustomization paths name those folders, and the Fleet bundle size is measured per bundle.
/// </summary>
internal static class NetworkPictureEmitter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The file name, at the root of the output folder.</summary>
    public const string FileName = "NETWORK.md";

    /// <summary>One file for every lab.</summary>
    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        yield return new ManifestFile(FileName, [Build(lab)]);
    }

    /// <summary>The lab's picture.</summary>
    public static NetworkPicture Build(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var networks = lab.Networks.OrderBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => (Model: n, Picture: new PictureNetwork(n.Name, n.VlanId, n.Subnet, n.Gateway, n.EffectiveMtu, Addressing(n.Addressing), n == lab.Cluster.NodeNetwork)))
            .ToArray();
        var networkOf = networks.ToDictionary(n => n.Model, n => n.Picture);
        var nodes = lab.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToArray();
        var attachments = lab.Attachments.OrderBy(a => a.QualifiedName, StringComparer.Ordinal)
            .Select(a => (Model: a, Picture: Attachment(a, networkOf[a.Network], nodes)))
            .ToArray();
        var attachmentOf = attachments.ToDictionary(a => a.Model, a => a.Picture);
        var cluster = new PictureCluster(
            lab.Cluster.Name,
            networkOf[lab.Cluster.NodeNetwork],
            lab.Cluster.ServiceCidrs,
            [.. lab.Calico.Pools.Select(p => new PicturePool(p.Cidr, p.BlockSize, p.Encapsulation.ToString(), p.NatOutgoing))],
            lab.Calico.Mtu);
        var bgp = lab.Calico.Bgp && lab.Calico.Peering is { } peering
            ? new PictureBgp(
                peering.AsNumber,
                peering.NodeToNodeMesh,
                [.. peering.Routers.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => new PictureRouter(r.Name, r.Address, r.AsNumber))],
                Hosts.FrrEmitter.AcceptedPrefixes(lab, peering))
            : null;
        return new NetworkPicture(
            lab.Name,
            [.. networks.Select(n => n.Picture)],
            [.. nodes.Select(n => Node(n, networkOf))],
            cluster,
            [.. attachments.Select(a => a.Picture)],
            [.. lab.Workloads.OrderBy(w => w.Namespace + "/" + w.Name, StringComparer.Ordinal).Select(w => Workload(lab, w, attachmentOf))],
            bgp);
    }

    private static PictureNode Node(Node node, IReadOnlyDictionary<Network, PictureNetwork> networks) => new(
        node.Name,
        [.. node.Interfaces.Where(i => i.Bridge is not null).Select(i => i.Bridge!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        [.. node.Interfaces.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => new PictureInterface(i.Name, networks[i.Network], i.Bridge, i.Mac))]);

    private static PictureAttachment Attachment(Attachment a, PictureNetwork network, IReadOnlyList<Node> sortedNodes) => new(
        a.QualifiedName,
        network,
        a.Bridge,
        a.Master,
        a.Bridge ?? $"{(a.Macvlan is not null ? "macvlan" : "ipvlan")} on {a.Master}",
        IpamKind(a.Ipam),
        Ipam(a.Ipam),
        a.RouteFix is not null,
        RouteFix(a.RouteFix),
        a.Mtu,
        [.. sortedNodes.Where(n => WorkloadPlacement.HasBridge(n, a)).Select(n => n.Name)]);

    private static PictureWorkload Workload(Lab lab, Workload w, IReadOnlyDictionary<Attachment, PictureAttachment> attachments)
    {
        var containers = KubernetesObjects.PodTemplate(w.PodOwner)?.Spec?.Containers ?? [];
        return new PictureWorkload(
            w.Namespace + "/" + w.Name,
            [.. w.Attachments.Select(a => attachments[a])],
            [.. containers.Select(c => c.Image)],
            [.. containers.SelectMany(c => c.Ports ?? []).Select(p => new PicturePort(p.Name, p.ContainerPort))],
            [.. WorkloadPlacement.NodesFor(lab, w).Select(n => n.Name).Order(StringComparer.Ordinal)]);
    }

    private static string Addressing(Addressing addressing) => addressing switch
    {
        Topology.Addressing.Dhcp => "DHCP",
        Topology.Addressing.Static => "static",
        _ => addressing.ToString(),
    };

    private static string IpamKind(AttachmentIpam ipam) => ipam switch
    {
        DhcpIpamOptions => "DHCP",
        StaticIpamOptions s => $"static {s.Address}/{s.PrefixLength.ToString(Invariant)}",
        HostLocalIpamOptions => "host-local",
        WhereaboutsIpamOptions w => $"whereabouts {w.Range}",
        PodAddressIpamOptions => "static, per pod",
        _ => throw new InvalidOperationException($"no picture text for IPAM {ipam.GetType().Name}"),
    };

    private static string Ipam(AttachmentIpam ipam) => ipam switch
    {
        DhcpIpamOptions dhcp => dhcp.Provide.Count == 0 ? "DHCP" : $"DHCP (sends {string.Join(", ", dhcp.Provide.Select(p => $"option {p.Option.ToString(Invariant)} from {p.FromArg}"))})",
        StaticIpamOptions s => $"static {s.Address}/{s.PrefixLength.ToString(Invariant)}" + (s.Gateway is { } gw ? $" via {gw}" : ""),
        HostLocalIpamOptions h => $"host-local {h.RangeStart}-{h.RangeEnd}",
        WhereaboutsIpamOptions w => $"whereabouts {w.Range}" + (w.NetworkName is { } name ? $" (pool {name})" : ""),
        PodAddressIpamOptions => "static, per pod (the pods' selections name the addresses)",
        _ => throw new InvalidOperationException($"no picture text for IPAM {ipam.GetType().Name}"),
    };

    private static string RouteFix(RouteFixOptions? routeFix)
    {
        if (routeFix is null)
        {
            return "no route-fix";
        }

        var parts = new List<string>();
        if (routeFix.Multicast)
        {
            parts.Add("multicast");
        }

        if (routeFix.Broadcast)
        {
            parts.Add("broadcast");
        }

        if (routeFix.RemoveDefaultRoute)
        {
            parts.Add("no default route");
        }

        parts.AddRange(routeFix.ExtraRoutes.Select(r => r.Gateway is { } gw ? $"{r.Destination} via {gw}" : r.Destination.ToString()));
        return parts.Count == 0 ? "route-fix" : $"route-fix ({string.Join(", ", parts)})";
    }
}
