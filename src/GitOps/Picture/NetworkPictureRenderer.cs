using System.Buffers;
using System.Globalization;
using System.Text;

namespace GitOps.Picture;

/// <summary>
/// The text of <c>NETWORK.md</c> from its <see cref="NetworkPicture"/>, never from the model: a Mermaid flowchart
/// (networks and VLANs, each node with its interfaces and bridges, the cluster's Calico pool, attachments with their
/// IPAM and route-fix, workloads, the BGP routers) and Markdown tables of the same facts, in the picture's order
/// (ordinal by name); numbers are written with the invariant culture, so the bytes depend on the picture only. Mermaid
/// ids are generated (<c>net_0</c>, <c>node_1_if_0</c>…), never taken from names; every label is quoted and
/// <see cref="Label"/> writes any character outside a small safe set as a Mermaid entity code (<c>#34;</c>), so no name
/// the model allows can end a label or read as syntax.
/// </summary>
internal static class NetworkPictureRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The characters a Mermaid label keeps as they are (<see cref="Label"/>): ASCII letters, digits, space and <c>. , / ( ) + = _ -</c>.</summary>
    private static readonly SearchValues<char> LabelAsIs = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,/()+=_-");

    /// <summary>The characters a Markdown table cell backslash-escapes (<see cref="Cell"/>).</summary>
    private static readonly SearchValues<char> CellEscaped = SearchValues.Create("|\\`*_[]<>&~#!");

    public static string Render(NetworkPicture picture)
    {
        using var text = new StringWriter { NewLine = "\n" };
        Write(picture, text);
        return text.ToString();
    }

    /// <summary>The text of NETWORK.md, written line by line to <paramref name="text"/>.</summary>
    public static void Write(NetworkPicture picture, TextWriter text)
    {
        ArgumentNullException.ThrowIfNull(picture);
        void Line(string line = "")
        {
            text.Write(line);
            text.Write('\n');
        }

        Line($"# Network of the lab {Cell(picture.LabName)}");
        Line();
        Line("Written by LabNetwork.GitOps from the lab model on every build: change the model, not this file.");
        Line("Not a manifest: it sits outside every Fleet bundle and Flux Kustomization folder.");
        Line();
        var (diagram, grouped) = DiagramWithin(picture);
        if (grouped)
        {
            Line($"The diagram draws alike attachments (same device, nodes, IPAM and route-fix) as one box, so that its " +
                $"{picture.Attachments.Count.ToString(Invariant)} attachments stay within what Mermaid draws; the tables list each.");
            Line();
        }

        Line("```mermaid");
        foreach (var line in diagram)
        {
            Line(line);
        }

        Line("```");
        Tables(picture, Line);
    }

    /// <summary>Mermaid's defaults for the largest diagram it draws (mermaid <c>defaultConfig</c>: <c>maxTextSize: 50000</c>,
    /// <c>maxEdges: 500</c>); beyond either it shows an error instead of the diagram, as GitHub's renderer does.</summary>
    internal const int MermaidMaxTextSize = 50_000;

    /// <inheritdoc cref="MermaidMaxTextSize"/>
    internal const int MermaidMaxEdges = 500;

    /// <summary>The Mermaid flowchart, one line each, without the Markdown fence. A lab too large for Mermaid's limits
    /// (<see cref="MermaidMaxTextSize"/>, <see cref="MermaidMaxEdges"/>; a bench lab of 1,000 attachments is twice the
    /// text and four times the edges) gets one box per group of alike attachments (same device, nodes, IPAM and route-fix)
    /// instead of one per attachment; the tables below still list each.</summary>
    public static IReadOnlyList<string> Diagram(NetworkPicture picture) => DiagramWithin(picture).Lines;

    /// <summary>The diagram, and whether alike attachments share a box to keep it within Mermaid's limits.</summary>
    private static (IReadOnlyList<string> Lines, bool Grouped) DiagramWithin(NetworkPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        if (AttachmentEdges(picture) <= MermaidMaxEdges) // else one box per attachment has too many edges for certain
        {
            var (diagram, edges) = Diagram(picture, groupAttachments: false);
            if (edges <= MermaidMaxEdges && diagram.Sum(line => line.Length + 1) <= MermaidMaxTextSize)
            {
                return (diagram, false);
            }
        }

        return (Diagram(picture, groupAttachments: true).Lines, true);
    }

    /// <summary>The edges from attachment boxes to node devices when each attachment has a box of its own (one per node
    /// that has its device): fewer than that diagram's edges, so a lab above <see cref="MermaidMaxEdges"/> here is grouped
    /// without drawing it apart first (a bench lab of 10,000 attachments would draw 10,000 boxes only to drop them).</summary>
    private static int AttachmentEdges(NetworkPicture picture)
    {
        var edges = 0;
        foreach (var attachment in picture.Attachments)
        {
            edges += attachment.Nodes.Count;
        }

        return edges;
    }

    /// <summary>The attachment boxes: one per attachment, or one per group of alike attachments (same device, nodes, IPAM
    /// and route-fix), in the order of each group's first attachment.</summary>
    private static IReadOnlyList<IReadOnlyList<PictureAttachment>> AttachmentBoxes(NetworkPicture picture, bool groupAttachments) =>
        groupAttachments
            ? picture.Attachments.GroupBy(a => (a.Bridge, a.Master, a.IpamKind, a.RouteFix, string.Join(',', a.Nodes))).Select(g => (IReadOnlyList<PictureAttachment>)g.ToArray()).ToArray()
            : picture.Attachments.Select(a => (IReadOnlyList<PictureAttachment>)[a]).ToArray();

    /// <returns>The lines, and how many of them are edges.</returns>
    private static (IReadOnlyList<string> Lines, int Edges) Diagram(NetworkPicture picture, bool groupAttachments)
    {
        var lines = new List<string> { "flowchart LR" };
        var edges = new List<string>();
        var networkId = picture.Networks.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => $"net_{p.i.ToString(Invariant)}");
        foreach (var network in picture.Networks)
        {
            var role = network.IsNodeNetwork ? "<br/>node network" : "";
            lines.Add($"  {networkId[network]}([\"{Label(network.Name)}<br/>{Tag(network)}<br/>{Label(network.Subnet.ToString())}{role}\"])");
        }

        var bridgeIds = new Dictionary<(string Node, string Bridge), string>();
        var interfaceIds = new Dictionary<(string Node, string Interface), string>();
        foreach (var (node, n) in picture.Nodes.Select((node, n) => (node, n)))
        {
            var nodeId = $"node_{n.ToString(Invariant)}";
            lines.Add($"  subgraph {nodeId}[\"node {Label(node.Name)}\"]");
            foreach (var (bridge, b) in node.Bridges.Select((bridge, b) => (bridge, b)))
            {
                var id = $"{nodeId}_br_{b.ToString(Invariant)}";
                bridgeIds[(node.Name, bridge)] = id;
                lines.Add($"    {id}[[\"bridge {Label(bridge)}\"]]");
            }

            foreach (var (nic, i) in node.Interfaces.Select((nic, i) => (nic, i)))
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

        var cluster = picture.Cluster;
        var pool = cluster.Pools[0];
        lines.Add($"  subgraph cluster[\"cluster {Label(cluster.Name)}\"]");
        var poolCidrs = string.Join(", ", cluster.Pools.Select(p => p.Cidr.ToString()));
        var blocks = string.Join(", ", cluster.Pools.Select(p => "/" + p.BlockSize.ToString(Invariant)));
        lines.Add($"    pool[(\"Calico pool{(cluster.DualStack ? "s" : "")} {Label(poolCidrs)}<br/>blocks {blocks}, {(pool.NatOutgoing ? "NAT outgoing" : "no NAT")}\")]");
        var boxes = AttachmentBoxes(picture, groupAttachments);
        var attachmentId = new Dictionary<PictureAttachment, string>(picture.Attachments.Count);
        for (var g = 0; g < boxes.Count; g++)
        {
            var box = boxes[g];
            var id = $"att_{g.ToString(Invariant)}";
            foreach (var member in box)
            {
                attachmentId[member] = id;
            }

            var attachment = box[0];
            var name = box.Count == 1 ? $"NAD {Label(attachment.QualifiedName)}"
                : $"{box.Count.ToString(Invariant)} NADs<br/>{Label(attachment.QualifiedName)} to {Label(box[^1].QualifiedName)}";
            lines.Add($"    {id}[\"{name}<br/>{Label(attachment.IpamKind)}, {(attachment.RouteFix ? "route-fix" : "no route-fix")}\"]");
            foreach (var node in attachment.Nodes)
            {
                // A macvlan/ipvlan attachment hangs off the node's plain interface (its master), a bridge attachment off the bridge.
                var device = attachment.Bridge is { } bridge ? bridgeIds[(node, bridge)] : interfaceIds[(node, attachment.Master!)];
                edges.Add($"  {id} -.- {device}");
            }
        }

        var workloadEdges = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (workload, w) in picture.Workloads.Select((workload, w) => (workload, w)))
        {
            var id = $"wl_{w.ToString(Invariant)}";
            lines.Add($"    {id}([\"{Label(workload.Name)}\"])");
            edges.Add($"  {id} -->|\"eth0\"| pool");
            foreach (var (attachment, index) in workload.Attachments.Select((a, i) => (a, i)))
            {
                var edge = $"  {id} -->|\"{PodInterface(index)}\"| {attachmentId[attachment]}";
                if (workloadEdges.Add(edge)) // one edge per box, also when two of a pod's attachments share a box
                {
                    edges.Add(edge);
                }
            }
        }

        lines.Add("  end");
        if (picture.Bgp is { } bgp)
        {
            foreach (var (router, r) in bgp.Routers.Select((router, r) => (router, r)))
            {
                var id = $"router_{r.ToString(Invariant)}";
                lines.Add($"  {id}{{{{\"{Label(router.Name)}<br/>BGP router, AS {router.AsNumber.ToString(Invariant)}\"}}}}");
                edges.Add($"  {networkId[cluster.NodeNetwork]} ---|\"{Label(router.Address.ToString())}\"| {id}");
                edges.Add($"  pool -.->|\"BGP, AS {bgp.ClusterAs.ToString(Invariant)}\"| {id}");
            }
        }

        lines.AddRange(edges);
        return (lines, edges.Count);
    }

    private static void Tables(NetworkPicture picture, Action<string> line)
    {
        line("");
        line("## Networks");
        line("");
        line("| network | VLAN | subnet | gateway | MTU | host addressing | role |");
        line("|---|---|---|---|---|---|---|");
        foreach (var network in picture.Networks)
        {
            var role = network.IsNodeNetwork ? "node network (Kubernetes, Calico, BGP)" : "";
            line($"| {Cell(network.Name)} | {Tag(network)} | {network.Subnet} | {network.Gateway} | {network.Mtu.ToString(Invariant)} | {network.Addressing} | {role} |");
        }

        line("");
        line("## Nodes");
        line("");
        line("| node | interface | network | VLAN | bridge | MAC |");
        line("|---|---|---|---|---|---|");
        foreach (var node in picture.Nodes)
        {
            foreach (var nic in node.Interfaces)
            {
                line($"| {Cell(node.Name)} | {Cell(nic.Name)} | {Cell(nic.Network.Name)} | {Tag(nic.Network)} | {Cell(nic.Bridge ?? "")} | {Mac(nic)} |");
            }
        }

        line("");
        line("## Pod networks");
        line("");
        var cluster = picture.Cluster;
        var pool = cluster.Pools[0];
        line("| what | CIDR | details |");
        line("|---|---|---|");
        line($"| Calico pool (every pod's eth0) | {pool.Cidr} | blocks /{pool.BlockSize.ToString(Invariant)}, encapsulation {pool.Encapsulation}, {(pool.NatOutgoing ? "NAT outgoing" : "no NAT outgoing")}, MTU {(cluster.CalicoMtu is { } mtu ? mtu.ToString(Invariant) : "auto")} |");
        if (cluster.DualStack)
        {
            var v6 = cluster.Pools[1];
            line($"| Calico IPv6 pool (every pod's eth0, dual stack) | {v6.Cidr} | blocks /{v6.BlockSize.ToString(Invariant)}, encapsulation {v6.Encapsulation}, {(v6.NatOutgoing ? "NAT outgoing" : "no NAT outgoing")} |");
        }

        line($"| Kubernetes services | {string.Join(", ", cluster.ServiceCidrs)} | cluster {Cell(cluster.Name)}, K3s |");

        if (picture.Attachments.Count > 0)
        {
            line("");
            line("## Attachments (NetworkAttachmentDefinitions)");
            line("");
            line("| attachment | network | bridge | IPAM | route-fix | MTU | nodes with the bridge |");
            line("|---|---|---|---|---|---|---|");
            foreach (var a in picture.Attachments)
            {
                line($"| {Cell(a.QualifiedName)} | {Cell(a.Network.Name)} | {Cell(a.Device)} | {Cell(a.Ipam)} | {Cell(a.RouteFixDetails)} | {(a.Mtu is { } attachmentMtu ? attachmentMtu.ToString(Invariant) : "plugin default")} | {Cell(string.Join(", ", a.Nodes))} |");
            }
        }

        if (picture.Workloads.Count > 0)
        {
            line("");
            line("## Workloads");
            line("");
            line("| workload | image | interfaces | ports | runs on |");
            line("|---|---|---|---|---|");
            foreach (var w in picture.Workloads)
            {
                var interfaces = w.Attachments.Select((a, i) => $"{PodInterface(i)}: {a.QualifiedName}").Prepend("eth0: Calico");
                var images = string.Join(", ", w.Images);
                var ports = w.Ports.Select(p => $"{p.Name} {p.ContainerPort.ToString(Invariant)}".Trim());
                line($"| {Cell(w.Name)} | {Cell(images)} | {Cell(string.Join(", ", interfaces))} | {Cell(string.Join(", ", ports))} | {Cell(string.Join(", ", w.Nodes))} |");
            }
        }

        if (picture.Bgp is { } bgp)
        {
            line("");
            line("## BGP");
            line("");
            line("| router | address | router AS | cluster AS | node-to-node mesh | router accepts |");
            line("|---|---|---|---|---|---|");
            var accepted = string.Join(", ", bgp.Accepted.Select(p => p.ToString()));
            foreach (var router in bgp.Routers)
            {
                line($"| {Cell(router.Name)} | {router.Address} | {router.AsNumber.ToString(Invariant)} | {bgp.ClusterAs.ToString(Invariant)} | {(bgp.NodeToNodeMesh ? "on" : "off")} | {accepted} |");
            }
        }
    }

    private static string Tag(PictureNetwork network) => network.VlanId is { } id ? $"VLAN {id.ToString(Invariant)}" : "untagged";

    private static string Mac(PictureInterface nic) => nic.Mac is { } mac
        ? string.Join(":", mac.GetAddressBytes().Select(b => b.ToString("x2", Invariant)))
        : "";

    /// <summary>The interface Multus gives the pod's n-th attachment (0-based): net1, net2… (multus-cni pkg/multus/multus.go, <c>getIfname</c>: "net%d" of the delegate's position, the cluster network being 0).</summary>
    private static string PodInterface(int index) => "net" + (index + 1).ToString(Invariant);

    /// <summary>
    /// A name as Mermaid label text inside double quotes: letters, digits, space and <c>. , / ( ) + = _ -</c> as they
    /// are, every other character as a numeric entity code <c>#NN;</c>, which Mermaid turns back into the character
    /// (mermaid's <c>encodeEntities</c>/<c>decodeEntities</c>, src/mermaidAPI.ts). So a quote cannot end the label,
    /// <c>#</c> cannot start an entity, <c>&lt;</c> cannot open HTML and <c>:</c> cannot complete the style-line
    /// pattern mermaid rewrites before parsing.
    /// </summary>
    public static string Label(string text)
    {
        if (!text.AsSpan().ContainsAnyExcept(LabelAsIs))
        {
            return text; // nothing to encode (most names): the text itself
        }

        var label = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && LabelAsIs.Contains((char)rune.Value))
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
        if (!text.AsSpan().ContainsAny(CellEscaped))
        {
            return text; // nothing to escape (most names): the text itself
        }

        var cell = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CellEscaped.Contains(c))
            {
                cell.Append('\\');
            }

            cell.Append(c);
        }

        return cell.ToString();
    }
}
