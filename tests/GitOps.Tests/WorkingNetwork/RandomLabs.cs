using System.Globalization;
using CsCheck;
using GitOps.Topology;

namespace GitOps.Tests.WorkingNetwork;

/// <summary>One network of a random lab: 192.168.<see cref="Third"/>.0/24.</summary>
public sealed record NetSpec(string Name, int Third, int? Vlan, int GatewayHost, int? Mtu);

/// <summary>One node interface; <see cref="Name"/> may be a VLAN sub-interface (parent.N).</summary>
public sealed record IfaceSpec(string Name, string Network, string? Bridge, string? Mac);

public sealed record NodeSpec(string Name, IReadOnlyList<IfaceSpec> Interfaces);

/// <summary>IPAM 0 = DHCP, 1 = static 192.168.x.<see cref="A"/>, 2 = host-local .A to .A+B.</summary>
public sealed record AttachmentSpec(string Name, string Network, string Bridge, int Ipam, int A, int B)
{
    /// <summary>Two in three attachments leave route-fix out, so a workload can join two (GITOPS125/127 allow one route-fix per destination).</summary>
    public bool WithoutRouteFix => (A + B) % 3 != 0;
}

public sealed record WorkloadSpec(string Name, IReadOnlyList<string> Attach);

/// <summary>A lab drawn at random inside the builder API; <see cref="ToString"/> prints the C# that builds it.</summary>
public sealed record LabSpec(
    IReadOnlyList<NetSpec> Networks,
    IReadOnlyList<NodeSpec> Nodes,
    string Pool,
    string ServiceCidr,
    int Detection,
    bool MultusV4,
    IReadOnlyList<AttachmentSpec> Attachments,
    IReadOnlyList<WorkloadSpec> Workloads,
    bool Rancher,
    bool HostFiles)
{
    public Lab Build()
    {
        var lab = Lab.Create("random-lab");
        foreach (var n in Networks)
        {
            lab.Network(n.Name, b =>
            {
                b.Subnet($"192.168.{n.Third}.0/24").Gateway($"192.168.{n.Third}.{n.GatewayHost}");
                if (n.Vlan is { } v)
                {
                    b.Vlan(v);
                }

                if (n.Mtu is { } m)
                {
                    b.Mtu(m);
                }
            });
        }

        foreach (var node in Nodes)
        {
            lab.Node(node.Name, b =>
            {
                foreach (var i in node.Interfaces)
                {
                    b.Interface(i.Name, i.Network, x =>
                    {
                        if (i.Bridge is { } bridge)
                        {
                            x.Bridge(bridge);
                        }

                        if (i.Mac is { } mac)
                        {
                            x.Mac(mac);
                        }
                    });
                }
            });
        }

        lab.Cluster("lab", c => c.NodeNetwork("k8s").ServiceCidr(ServiceCidr));
        lab.Calico(c =>
        {
            c.IPPool(Pool, blockSize: 26).NatOutgoingTraffic();
            _ = Detection switch
            {
                1 => c.DetectNodeAddress(NodeAddress.Interface),
                2 => c.DetectNodeAddress(NodeAddress.Gateway),
                _ => c,
            };
        });
        lab.Multus(m => m.Version(MultusV4 ? MultusVersion.V4 : MultusVersion.V3));
        foreach (var a in Attachments)
        {
            var third = Networks.FirstOrDefault(n => n.Name == a.Network)?.Third ?? 250;
            lab.Attachment($"default/{a.Name}", b =>
            {
                b.Network(a.Network).Bridge(a.Bridge);
                _ = a.Ipam switch
                {
                    1 => b.StaticAddress($"192.168.{third}.{a.A}/24"),
                    2 => b.HostLocalRange($"192.168.{third}.{a.A}", $"192.168.{third}.{Math.Min(254, a.A + a.B)}"),
                    _ => b.Dhcp(d => d.ProvidePodName()),
                };
                if (a.WithoutRouteFix)
                {
                    b.RouteFix(false);
                }
            });
        }

        foreach (var w in Workloads)
        {
            lab.Workload($"apps/{w.Name}", b =>
            {
                b.Image("ghcr.io/home-assistant/home-assistant:2025.11");
                foreach (var a in w.Attach)
                {
                    b.Attach($"default/{a}");
                }
            });
        }

        if (Rancher || HostFiles)
        {
            lab.GitOps(g =>
            {
                g.Repository("https://github.com/you/lab.git");
                if (Rancher)
                {
                    g.RancherCluster("v1.33.5+k3s1");
                }

                if (HostFiles)
                {
                    g.HostFiles();
                }
            });
        }

        return lab.Build();
    }

    public override string ToString()
    {
        var text = new System.Text.StringBuilder("Lab.Create(\"random-lab\")\n");
        foreach (var n in Networks)
        {
            text.Append(CultureInfo.InvariantCulture, $"  .Network(\"{n.Name}\", n => n.Subnet(\"192.168.{n.Third}.0/24\").Gateway(\"192.168.{n.Third}.{n.GatewayHost}\")")
                .Append(n.Vlan is { } v ? $".Vlan({v})" : "").Append(n.Mtu is { } m ? $".Mtu({m})" : "").Append(")\n");
        }

        foreach (var node in Nodes)
        {
            text.Append(CultureInfo.InvariantCulture, $"  .Node(\"{node.Name}\", n => n");
            foreach (var i in node.Interfaces)
            {
                text.Append(CultureInfo.InvariantCulture, $".Interface(\"{i.Name}\", \"{i.Network}\"")
                    .Append(i.Bridge is null && i.Mac is null ? "" : $", i => i{(i.Bridge is { } b ? $".Bridge(\"{b}\")" : "")}{(i.Mac is { } mac ? $".Mac(\"{mac}\")" : "")}")
                    .Append(')');
            }

            text.Append(")\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  .Cluster(\"lab\", c => c.NodeNetwork(\"k8s\").ServiceCidr(\"{ServiceCidr}\"))\n")
            .Append(CultureInfo.InvariantCulture, $"  .Calico(c => c.IPPool(\"{Pool}\").NatOutgoingTraffic(){Detection switch { 1 => ".DetectNodeAddress(NodeAddress.Interface)", 2 => ".DetectNodeAddress(NodeAddress.Gateway)", _ => "" }})\n")
            .Append(CultureInfo.InvariantCulture, $"  .Multus(m => m.Version(MultusVersion.{(MultusV4 ? "V4" : "V3")}))\n");
        foreach (var a in Attachments)
        {
            var third = Networks.FirstOrDefault(n => n.Name == a.Network)?.Third ?? 250;
            var ipam = a.Ipam switch
            {
                1 => $".StaticAddress(\"192.168.{third}.{a.A}/24\")",
                2 => $".HostLocalRange(\"192.168.{third}.{a.A}\", \"192.168.{third}.{Math.Min(254, a.A + a.B)}\")",
                _ => ".Dhcp(d => d.ProvidePodName())",
            };
            text.Append(CultureInfo.InvariantCulture, $"  .Attachment(\"default/{a.Name}\", a => a.Network(\"{a.Network}\").Bridge(\"{a.Bridge}\"){ipam}{(a.WithoutRouteFix ? ".RouteFix(false)" : "")})\n");
        }

        foreach (var w in Workloads)
        {
            text.Append(CultureInfo.InvariantCulture, $"  .Workload(\"apps/{w.Name}\", w => w.Image(\"...\"){string.Concat(w.Attach.Select(a => $".Attach(\"default/{a}\")"))})\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  GitOps: rancher={Rancher}, hostFiles={HostFiles}");
        return text.ToString();
    }
}

/// <summary>
/// CsCheck generators of <see cref="LabSpec"/>: 1–4 nodes with interfaces from a small name pool (so names
/// repeat across nodes and networks), VLAN sub-interfaces on interfaces and bridges, bridges only some nodes
/// have, MACs from a small pool, the three node-address methods, all three IPAM kinds, workloads joining 0–2
/// attachments. Small pools on purpose: collisions are what the rules are about.
/// </summary>
public static class RandomLabs
{
    private static readonly string[] Physical = ["eth0", "eth1", "eth2", "enp1s0", "enp2s0", "enp3s0", "eno1"];
    private static readonly string[] Bridges = ["cni0", "br0", "br-iot"];
    private static readonly string[] Macs = ["00:15:5d:02:cb:09", "00:15:5d:02:cb:0a", "00:15:5d:02:cb:0b", "52:54:00:12:34:56", "52:54:00:12:34:57", "52:54:00:12:34:58", "52:54:00:12:34:59"];

    private static readonly Gen<int?> Vlan = Gen.OneOf(Gen.Const((int?)null), Gen.Int[2, 5].Select(v => (int?)(v * 10)));
    private static readonly Gen<int?> Mtu = Gen.Int[0, 3].Select(i => i switch { 1 => (int?)1500, 2 => 9000, _ => null });

    private static Gen<NetSpec> Network(string name, int third) =>
        Gen.Select(Vlan, Gen.OneOf(Gen.Const(1), Gen.Const(254)), Mtu, (v, g, m) => new NetSpec(name, third, v, g, m));

    private static readonly Gen<IReadOnlyList<NetSpec>> Networks =
        Gen.Select(Network("k8s", 3), Network("lan", 2).Select(n => n with { Vlan = n.Vlan is null ? null : n.Vlan + 1 }), Network("iot", 30), Network("cam", 40), Gen.Int[0, 2],
            (k8s, lan, iot, cam, extra) => (IReadOnlyList<NetSpec>)new[] { k8s, lan, iot, cam }.Take(2 + extra).ToArray());

    /// <summary>Interfaces of one node: the node-network device, a LAN device (maybe bridged), maybe one more.</summary>
    private static Gen<NodeSpec> Node(int index, IReadOnlyList<NetSpec> networks) =>
        Gen.Select(Gen.Int[0, Physical.Length - 1], Gen.Int[0, Physical.Length - 1], Gen.Int[0, 3], Gen.Int[0, Bridges.Length - 1], Gen.Int[0, Macs.Length - 1], Gen.Int[0, 6], Gen.Int[0, Physical.Length - 1], Gen.Int[0, Bridges.Length - 1])
            .Select(Gen.Int[0, 9], (t, kind) =>
            {
                var (k8sName, lanOffset, lanKind, lanBridge, mac, extraKind, extraOffset, extraBridge) = t;
                // Distinct names on one node (a repeated name is GITOPS112, not interesting); they repeat across nodes.
                var lanName = (k8sName + 1 + lanOffset % (Physical.Length - 2)) % Physical.Length;
                var extraName = Enumerable.Range(0, Physical.Length).Select(o => (k8sName + extraOffset + o) % Physical.Length).First(x => x != k8sName && x != lanName);
                var list = new List<IfaceSpec>();
                var k8s = networks[0];
                var lan = new IfaceSpec(Physical[lanName], "lan", lanKind >= 2 ? Bridges[lanBridge] : null, lanKind >= 2 || lanKind == 1 ? Macs[mac] : null);
                list.Add(lan);
                // The node network on its own NIC, or (kind 0) as a VLAN sub-interface of the LAN device.
                list.Add(kind == 0 && k8s.Vlan is { } v
                    ? new IfaceSpec($"{lan.Bridge ?? lan.Name}.{v}", "k8s", null, null)
                    : new IfaceSpec(Physical[k8sName], "k8s", null, null));
                var other = networks.Count > 2 ? networks[2 + (extraKind % (networks.Count - 2))] : null;
                if (other is not null && extraKind >= 1)
                {
                    var vlanOf = other.Vlan ?? (extraKind % 2 == 0 ? 30 : 31);
                    // Tagged on the bridge, on the bridge's port (both work: vlan_do_receive runs before the bridge's rx_handler) or on an undeclared device (GITOPS413).
                    var parent = extraBridge switch { 0 => lan.Name, 1 when index == 1 => "eth9", _ => lan.Bridge ?? lan.Name };
                    list.Add(extraKind switch
                    {
                        1 or 2 => new IfaceSpec($"{parent}.{vlanOf}", other.Name, null, extraKind == 2 ? lan.Mac : null),
                        3 => new IfaceSpec(Physical[extraName], other.Name, extraBridge == 1 && lan.Bridge is { } shared ? shared : Bridges[extraBridge], Macs[(mac + 1 + index) % Macs.Length]),
                        _ => new IfaceSpec(Physical[extraName], other.Name, null, null),
                    });
                }

                return new NodeSpec($"k8s-{index + 1}", list);
            });

    /// <summary>Mostly a bridge some node has, on its uplink's network; sometimes any bridge on any network.</summary>
    private static Gen<AttachmentSpec> Attachment(int index, IReadOnlyList<NetSpec> networks, IReadOnlyList<NodeSpec> nodes)
    {
        var bridges = nodes.SelectMany(n => n.Interfaces).Where(i => i.Bridge is not null).Select(i => (Bridge: i.Bridge!, i.Network)).Distinct().ToArray();
        return Gen.Select(Gen.Int[0, 9], Gen.Int[0, 99], Gen.Int[0, networks.Count - 1], Gen.Int[0, Bridges.Length - 1], Gen.Int[0, 2], Gen.Int[1, 254], Gen.Int[0, 20])
            .Select(t =>
            {
                var (any, pick, network, bridge, ipam, a, b) = t;
                var (bridgeName, networkName) = bridges.Length > 0 && any > 0 ? bridges[pick % bridges.Length] : (Bridges[bridge], networks[network].Name);
                return new AttachmentSpec($"l2-{index}", networkName, bridgeName, ipam, a, b);
            });
    }

    private static Gen<WorkloadSpec> Workload(int index, int attachments) =>
        attachments == 0
            ? Gen.Const(new WorkloadSpec($"app-{index}", []))
            : Gen.Int[0, attachments - 1].Array[0, 2].Select(a => new WorkloadSpec($"app-{index}", a.Select(i => $"l2-{i}").ToArray()));

    public static readonly Gen<LabSpec> Lab =
        from networks in Networks
        from nodeCount in Gen.Int[1, 4]
        from nodes in Sequence(Enumerable.Range(0, nodeCount).Select(i => Node(i, networks)))
        from attachmentCount in Gen.Int[0, 3]
        from attachments in Sequence(Enumerable.Range(0, attachmentCount).Select(i => Attachment(i, networks, nodes)))
        from workloadCount in Gen.Int[0, 3]
        from workloads in Sequence(Enumerable.Range(0, workloadCount).Select(i => Workload(i, attachmentCount)))
        from pool in Gen.OneOf("192.168.7.0/24", "10.42.0.0/16", "10.244.0.0/16")
        from service in Gen.OneOf("10.43.0.0/16", "10.96.0.0/12", "172.20.0.0/16")
        from detection in Gen.Int[0, 2]
        from v4 in Gen.Bool
        from rancher in Gen.Bool
        from hostFiles in Gen.Bool
        select new LabSpec(networks, nodes, pool, service, detection, v4, attachments, workloads, rancher, hostFiles);

    private static Gen<IReadOnlyList<T>> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const((IReadOnlyList<T>)[]), (acc, g) => acc.SelectMany(list => g.Select(x => (IReadOnlyList<T>)[.. list, x])));

    /// <summary><paramref name="count"/> labs from one fixed PCG stream and seed: the same labs on every run.</summary>
    public static IEnumerable<LabSpec> Sample(ulong seed, int count)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            yield return Lab.Generate(pcg, null, out _);
        }
    }
}
