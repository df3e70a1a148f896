using System.Globalization;
using System.Text;
using GitOps.Topology;

namespace GitOps.Picture;

/// <summary>
/// The text of <c>NETWORK.md</c>: a Mermaid flowchart (networks and VLANs, each node with its interfaces and bridges,
/// the cluster's Calico pool, attachments with their IPAM and route-fix, workloads, the BGP routers) and Markdown
/// tables of the same facts. Everything is listed in ordinal name order and numbers are written with the invariant
/// culture, so the bytes depend on the model only. Mermaid ids are generated (<c>net_0</c>, <c>node_1_if_0</c>…),
/// never taken from names; every label is quoted and <see cref="Label"/> writes any character outside a small safe
/// set as a Mermaid entity code (<c>#34;</c>), so no name the model allows can end a label or read as syntax.
/// </summary>
internal static class NetworkPictureRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(NetworkPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var lab = picture.Lab;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        Line($"# Network of the lab {Cell(lab.Name)}");
        Line();
        Line("Written by LabNetwork.GitOps from the lab model on every build: change the model, not this file.");
        Line("Not a manifest: it sits outside every Fleet bundle and Flux Kustomization folder.");
        Line();
        Line("```mermaid");
        foreach (var line in Diagram(lab))
        {
            Line(line);
        }

        Line("```");
        Tables(lab, Line);
        return text.ToString();
    }

    /// <summary>The node device an attachment plugs into: its bridge, or <c>macvlan on enp2s0</c> / <c>ipvlan on enp2s0</c>.</summary>
    private static string LinkDevice(Attachment a) =>
        a.Bridge ?? $"{(a.Macvlan is not null ? "macvlan" : "ipvlan")} on {a.Master}";

    /// <summary>The Mermaid flowchart, one line each, without the Markdown fence.</summary>
    public static IReadOnlyList<string> Diagram(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var lines = new List<string> { "flowchart LR" };
        var edges = new List<string>();
        var networks = SortedNetworks(lab);
        var networkId = networks.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => $"net_{p.i.ToString(Invariant)}");
        foreach (var network in networks)
        {
            var role = network == lab.Cluster.NodeNetwork ? "<br/>node network" : "";
            lines.Add($"  {networkId[network]}([\"{Label(network.Name)}<br/>{Tag(network)}<br/>{Label(network.Subnet.ToString())}{role}\"])");
        }

        var bridgeIds = new Dictionary<(string Node, string Bridge), string>();
        var interfaceIds = new Dictionary<(string Node, string Interface), string>();
        foreach (var (node, n) in SortedNodes(lab).Select((node, n) => (node, n)))
        {
            var nodeId = $"node_{n.ToString(Invariant)}";
            lines.Add($"  subgraph {nodeId}[\"node {Label(node.Name)}\"]");
            var bridges = node.Interfaces.Where(i => i.Bridge is not null).Select(i => i.Bridge!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            foreach (var (bridge, b) in bridges.Select((bridge, b) => (bridge, b)))
            {
                var id = $"{nodeId}_br_{b.ToString(Invariant)}";
                bridgeIds[(node.Name, bridge)] = id;
                lines.Add($"    {id}[[\"bridge {Label(bridge)}\"]]");
            }

            foreach (var (nic, i) in node.Interfaces.OrderBy(i => i.Name, StringComparer.Ordinal).Select((nic, i) => (nic, i)))
            {
                var id = $"{nodeId}_if_{i.ToString(Invariant)}";
                interfaceIds[(node.Name, nic.Name)] = id;
                lines.Add($"    {id}[\"{Label(nic.Name)}\"]");
                if (nic.Bridge is { } bridge)
                {
                    edges.Add($"  {bridgeIds[(node.Name, bridge)]} --- {id}");
                }

                edges.Add($"  {id} ---|\"{Tag(nic.Network)}\"| {networkId[nic.Network]}");
            }

            lines.Add("  end");
        }

        var pool = lab.Calico.Pool;
        lines.Add($"  subgraph cluster[\"cluster {Label(lab.Cluster.Name)}\"]");
        var poolCidrs = string.Join(", ", lab.Calico.Pools.Select(p => p.Cidr.ToString()));
        var blocks = string.Join(", ", lab.Calico.Pools.Select(p => "/" + p.BlockSize.ToString(Invariant)));
        lines.Add($"    pool[(\"Calico pool{(lab.Calico.DualStack ? "s" : "")} {Label(poolCidrs)}<br/>blocks {blocks}, {(pool.NatOutgoing ? "NAT outgoing" : "no NAT")}\")]");
        var attachments = SortedAttachments(lab);
        var attachmentId = attachments.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => $"att_{p.i.ToString(Invariant)}");
        foreach (var attachment in attachments)
        {
            lines.Add($"    {attachmentId[attachment]}[\"NAD {Label(attachment.QualifiedName)}<br/>{Label(IpamKind(attachment.Ipam))}, {(attachment.RouteFix is null ? "no route-fix" : "route-fix")}\"]");
            foreach (var node in SortedNodes(lab).Where(n => WorkloadPlacement.HasBridge(n, attachment)))
            {
                // A macvlan/ipvlan attachment hangs off the node's plain interface (its master), a bridge attachment off the bridge.
                var device = attachment.Bridge is { } bridge ? bridgeIds[(node.Name, bridge)] : interfaceIds[(node.Name, attachment.Master!)];
                edges.Add($"  {attachmentId[attachment]} -.- {device}");
            }
        }

        foreach (var (workload, w) in SortedWorkloads(lab).Select((workload, w) => (workload, w)))
        {
            var id = $"wl_{w.ToString(Invariant)}";
            lines.Add($"    {id}([\"{Label(workload.Namespace + "/" + workload.Name)}\"])");
            edges.Add($"  {id} -->|\"eth0\"| pool");
            foreach (var (attachment, index) in workload.Attachments.Select((a, i) => (a, i)))
            {
                edges.Add($"  {id} -->|\"{PodInterface(index)}\"| {attachmentId[attachment]}");
            }
        }

        lines.Add("  end");
        if (lab.Calico.Bgp && lab.Calico.Peering is { } peering)
        {
            foreach (var (router, r) in peering.Routers.OrderBy(r => r.Name, StringComparer.Ordinal).Select((router, r) => (router, r)))
            {
                var id = $"router_{r.ToString(Invariant)}";
                lines.Add($"  {id}{{{{\"{Label(router.Name)}<br/>BGP router, AS {router.AsNumber.ToString(Invariant)}\"}}}}");
                edges.Add($"  {networkId[lab.Cluster.NodeNetwork]} ---|\"{Label(router.Address.ToString())}\"| {id}");
                edges.Add($"  pool -.->|\"BGP, AS {peering.AsNumber.ToString(Invariant)}\"| {id}");
            }
        }

        lines.AddRange(edges);
        return lines;
    }

    private static void Tables(Lab lab, Action<string> line)
    {
        line("");
        line("## Networks");
        line("");
        line("| network | VLAN | subnet | gateway | MTU | host addressing | role |");
        line("|---|---|---|---|---|---|---|");
        foreach (var network in SortedNetworks(lab))
        {
            var role = network == lab.Cluster.NodeNetwork ? "node network (Kubernetes, Calico, BGP)" : "";
            line($"| {Cell(network.Name)} | {Tag(network)} | {network.Subnet} | {network.Gateway} | {network.EffectiveMtu.ToString(Invariant)} | {Addressing(network.Addressing)} | {role} |");
        }

        line("");
        line("## Nodes");
        line("");
        line("| node | interface | network | VLAN | bridge | MAC |");
        line("|---|---|---|---|---|---|");
        foreach (var node in SortedNodes(lab))
        {
            foreach (var nic in node.Interfaces.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                line($"| {Cell(node.Name)} | {Cell(nic.Name)} | {Cell(nic.Network.Name)} | {Tag(nic.Network)} | {Cell(nic.Bridge ?? "")} | {Mac(nic)} |");
            }
        }

        line("");
        line("## Pod networks");
        line("");
        var pool = lab.Calico.Pool;
        line("| what | CIDR | details |");
        line("|---|---|---|");
        line($"| Calico pool (every pod's eth0) | {pool.Cidr} | blocks /{pool.BlockSize.ToString(Invariant)}, encapsulation {pool.Encapsulation}, {(pool.NatOutgoing ? "NAT outgoing" : "no NAT outgoing")}, MTU {(lab.Calico.Mtu is { } mtu ? mtu.ToString(Invariant) : "auto")} |");
        if (lab.Calico.DualStack)
        {
            var v6 = lab.Calico.Pools[1];
            line($"| Calico IPv6 pool (every pod's eth0, dual stack) | {v6.Cidr} | blocks /{v6.BlockSize.ToString(Invariant)}, encapsulation {v6.Encapsulation}, {(v6.NatOutgoing ? "NAT outgoing" : "no NAT outgoing")} |");
        }

        line($"| Kubernetes services | {string.Join(", ", lab.Cluster.ServiceCidrs)} | cluster {Cell(lab.Cluster.Name)}, K3s |");

        var attachments = SortedAttachments(lab);
        if (attachments.Count > 0)
        {
            line("");
            line("## Attachments (NetworkAttachmentDefinitions)");
            line("");
            line("| attachment | network | bridge | IPAM | route-fix | MTU | nodes with the bridge |");
            line("|---|---|---|---|---|---|---|");
            foreach (var a in attachments)
            {
                var nodes = SortedNodes(lab).Where(n => WorkloadPlacement.HasBridge(n, a)).Select(n => n.Name);
                line($"| {Cell(a.QualifiedName)} | {Cell(a.Network.Name)} | {Cell(LinkDevice(a))} | {Cell(Ipam(a.Ipam))} | {Cell(RouteFix(a.RouteFix))} | {(a.Mtu is { } attachmentMtu ? attachmentMtu.ToString(Invariant) : "plugin default")} | {Cell(string.Join(", ", nodes))} |");
            }
        }

        var workloads = SortedWorkloads(lab);
        if (workloads.Count > 0)
        {
            line("");
            line("## Workloads");
            line("");
            line("| workload | image | interfaces | ports | runs on |");
            line("|---|---|---|---|---|");
            foreach (var w in workloads)
            {
                var interfaces = w.Attachments.Select((a, i) => $"{PodInterface(i)}: {a.QualifiedName}").Prepend("eth0: Calico");
                var containers = KubernetesObjects.PodTemplate(w.PodOwner)?.Spec?.Containers ?? [];
                var images = string.Join(", ", containers.Select(c => c.Image));
                var ports = containers.SelectMany(c => c.Ports ?? []).Select(p => $"{p.Name} {p.ContainerPort.ToString(Invariant)}".Trim());
                line($"| {Cell(w.Namespace + "/" + w.Name)} | {Cell(images)} | {Cell(string.Join(", ", interfaces))} | {Cell(string.Join(", ", ports))} | {Cell(string.Join(", ", WorkloadPlacement.NodesFor(lab, w).Select(n => n.Name).Order(StringComparer.Ordinal)))} |");
            }
        }

        if (lab.Calico.Bgp && lab.Calico.Peering is { } peering)
        {
            line("");
            line("## BGP");
            line("");
            line("| router | address | router AS | cluster AS | node-to-node mesh | router accepts |");
            line("|---|---|---|---|---|---|");
            var accepted = string.Join(", ", Hosts.FrrEmitter.AcceptedPrefixes(lab, peering).Select(p => p.ToString()));
            foreach (var router in peering.Routers.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                line($"| {Cell(router.Name)} | {router.Address} | {router.AsNumber.ToString(Invariant)} | {peering.AsNumber.ToString(Invariant)} | {(peering.NodeToNodeMesh ? "on" : "off")} | {accepted} |");
            }
        }
    }

    private static IReadOnlyList<Network> SortedNetworks(Lab lab) => lab.Networks.OrderBy(n => n.Name, StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<Node> SortedNodes(Lab lab) => lab.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<Attachment> SortedAttachments(Lab lab) => lab.Attachments.OrderBy(a => a.QualifiedName, StringComparer.Ordinal).ToArray();

    private static IReadOnlyList<Workload> SortedWorkloads(Lab lab) => lab.Workloads.OrderBy(w => w.Namespace + "/" + w.Name, StringComparer.Ordinal).ToArray();

    private static string Tag(Network network) => network.VlanId is { } id ? $"VLAN {id.ToString(Invariant)}" : "untagged";

    private static string Addressing(Addressing addressing) => addressing switch
    {
        Topology.Addressing.Dhcp => "DHCP",
        Topology.Addressing.Static => "static",
        _ => addressing.ToString(),
    };

    private static string Mac(NodeInterface nic) => nic.Mac is { } mac
        ? string.Join(":", mac.GetAddressBytes().Select(b => b.ToString("x2", Invariant)))
        : "";

    /// <summary>The interface Multus gives the pod's n-th attachment (0-based): net1, net2… (multus-cni pkg/multus/multus.go, <c>getIfname</c>: "net%d" of the delegate's position, the cluster network being 0).</summary>
    private static string PodInterface(int index) => "net" + (index + 1).ToString(Invariant);

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

    /// <summary>
    /// A name as Mermaid label text inside double quotes: letters, digits, space and <c>. , / ( ) + = _ -</c> as they
    /// are, every other character as a numeric entity code <c>#NN;</c>, which Mermaid turns back into the character
    /// (mermaid's <c>encodeEntities</c>/<c>decodeEntities</c>, src/mermaidAPI.ts). So a quote cannot end the label,
    /// <c>#</c> cannot start an entity, <c>&lt;</c> cannot open HTML and <c>:</c> cannot complete the style-line
    /// pattern mermaid rewrites before parsing.
    /// </summary>
    public static string Label(string text)
    {
        var label = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || " .,/()+=_-".Contains((char)rune.Value)))
            {
                label.Append((char)rune.Value);
            }
            else
            {
                label.Append('#').Append(rune.Value.ToString(Invariant)).Append(';');
            }
        }

        return label.ToString();
    }

    /// <summary>
    /// A name as the text of a Markdown table cell: characters that GitHub-flavoured Markdown would read as a cell
    /// border, inline markup, a link or HTML are backslash-escaped (any ASCII punctuation may be, CommonMark 0.31
    /// "Backslash escapes"); <c>|</c> must be, even inside code (GFM spec, "Tables").
    /// </summary>
    public static string Cell(string text)
    {
        var cell = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '&' or '~' or '#' or '!')
            {
                cell.Append('\\');
            }

            cell.Append(c);
        }

        return cell.ToString();
    }
}
