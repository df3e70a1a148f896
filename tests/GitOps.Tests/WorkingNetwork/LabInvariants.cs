using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Output;
using GitOps.Tests.Hosts;
using GitOps.Topology;
using GitOps.Validation;

namespace GitOps.Tests.WorkingNetwork;

/// <summary>
/// What must hold for every lab that builds, checked on the generated output (read back from the rendered
/// bytes) against the model's facts about the nodes. Each check returns what it found wrong, in words.
/// </summary>
public sealed class LabInvariants
{
    private readonly Lab _lab;
    private readonly List<(string Path, JsonNode Document)> _documents = [];
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    internal LabInvariants(Lab lab, ManifestSet set)
    {
        _lab = lab;
        foreach (var file in set.Files)
        {
            var text = System.Text.Encoding.UTF8.GetString(YamlRenderer.Render(file).Content);
            if (file.RelativePath.EndsWith(".yaml", StringComparison.Ordinal))
            {
                foreach (var document in YamlText.Documents(text))
                {
                    AddExpanded(file.RelativePath, document);
                }
            }
            else
            {
                _texts[file.RelativePath] = text;
            }
        }
    }

    /// <summary>
    /// Objects inside objects count too, wherever the output nests them: a Rancher Cluster's <c>additionalManifest</c>
    /// (a YAML stream K3s applies) and the tigera-operator HelmChart's <c>valuesContent</c> (its <c>installation:</c> is
    /// the Installation's spec).
    /// </summary>
    private void AddExpanded(string path, JsonNode document)
    {
        _documents.Add((path, document));
        if ((string?)document["spec"]?["rkeConfig"]?["additionalManifest"] is { Length: > 0 } stream)
        {
            foreach (var inner in YamlText.Documents(stream))
            {
                AddExpanded(path + "#additionalManifest", inner);
            }
        }

        if ((string?)document["kind"] == "HelmChart" && (string?)document["spec"]?["valuesContent"] is { Length: > 0 } values &&
            YamlText.Documents(values).SingleOrDefault()?["installation"] is JsonObject installation)
        {
            _documents.Add((path + "#valuesContent", new JsonObject { ["kind"] = "Installation", ["spec"] = installation.DeepClone() }));
        }
    }

    public static readonly string[] Names = ["autodetection", "bridge-on-landing-nodes", "pod-addresses", "host-file-interfaces", "k3s-api-pool"];

    public IEnumerable<(string Invariant, string Problem)> Check() =>
        Autodetection().Select(p => (Names[0], p))
            .Concat(BridgesWherePodsLand().Select(p => (Names[1], p)))
            .Concat(PodAddresses().Select(p => (Names[2], p)))
            .Concat(HostFileInterfaces().Select(p => (Names[3], p)))
            .Concat(K3sApiAndPool().Select(p => (Names[4], p)));

    private IEnumerable<JsonNode> Kind(string kind) => _documents.Where(d => (string?)d.Document["kind"] == kind).Select(d => d.Document);

    /// <summary>Each device of the node that holds an address: interfaces not in a bridge, and each bridge (on its uplinks' network).</summary>
    private static IEnumerable<(string Device, Network Network)> Addressed(Node node) =>
        node.Interfaces.Where(i => i.Bridge is null).Select(i => (i.Name, i.Network))
            .Concat(node.Interfaces.Where(i => i.Bridge is not null).GroupBy(i => i.Bridge!).SelectMany(g => g.Select(i => i.Network).Distinct().Select(n => (g.Key, n))));

    /// <summary>The Installation's method selects exactly the node-network address on every node.</summary>
    private IEnumerable<string> Autodetection()
    {
        var detection = Kind("Installation").Single()["spec"]!["calicoNetwork"]!["nodeAddressAutodetectionV4"]!.AsObject();
        foreach (var node in _lab.Nodes)
        {
            var devices = Addressed(node).ToArray();
            (string Device, Network Network)[] selected;
            if (detection["cidrs"] is JsonArray cidrs)
            {
                var nets = cidrs.Select(c => IPNetwork.Parse((string)c!)).ToArray();
                selected = devices.Where(d => nets.Any(c => c.Contains(d.Network.Subnet.BaseAddress) || d.Network.Subnet.Contains(c.BaseAddress))).ToArray();
            }
            else if (detection["interface"] is JsonValue regex)
            {
                // calico-node matches the regex unanchored (Go regexp.MatchString); .NET's IsMatch is the same for these patterns.
                selected = devices.Where(d => Regex.IsMatch(d.Device, (string)regex!)).ToArray();
            }
            else
            {
                var target = IPAddress.Parse((string)detection["canReach"]!);
                selected = devices.Where(d => d.Network.Subnet.Contains(target)).ToArray();
            }

            if (selected.Length != 1 || selected[0].Network != _lab.Cluster.NodeNetwork)
            {
                yield return $"node {node.Name}: {detection.ToJsonString()} selects [{string.Join(", ", selected.Select(s => $"{s.Device} on {s.Network.Name}"))}], not one device on '{_lab.Cluster.NodeNetwork.Name}'";
            }
        }
    }

    private IReadOnlyDictionary<string, JsonNode> Nads() =>
        Kind("NetworkAttachmentDefinition").ToDictionary(
            n => $"{n["metadata"]!["namespace"]}/{n["metadata"]!["name"]}",
            n => JsonNode.Parse((string)n["spec"]!["config"]!)!);

    private Attachment ModelAttachment(string qualified) => _lab.Attachments.Single(a => a.QualifiedName == qualified);

    private IEnumerable<(string Name, IReadOnlyList<string> Networks, IReadOnlyList<Node> Landing)> Pods()
    {
        foreach (var d in Kind("Deployment"))
        {
            var template = d["spec"]!["template"]!;
            var annotation = (string?)template["metadata"]?["annotations"]?["k8s.v1.cni.cncf.io/networks"];
            var networks = annotation is null ? [] : annotation.Split(',');
            var terms = template["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.AsArray();
            var landing = terms is null
                ? _lab.Nodes
                : _lab.Nodes.Where(n => terms.Any(t => t!["matchExpressions"]!.AsArray().All(e =>
                    (string?)e!["key"] == "kubernetes.io/hostname" && (string?)e["operator"] == "In" && e["values"]!.AsArray().Any(v => (string?)v == n.Name)))).ToArray();
            yield return ($"{d["metadata"]!["namespace"]}/{d["metadata"]!["name"]}", networks, landing);
        }
    }

    private static string BridgeOf(JsonNode config) => (string)config["plugins"]!.AsArray().First(p => (string?)p!["type"] == "bridge")!["bridge"]!;

    private static JsonNode IpamOf(JsonNode config) => config["plugins"]!.AsArray().First(p => (string?)p!["type"] == "bridge")!["ipam"]!;

    private static bool HasBridge(Node node, string bridge, Network network) => node.Interfaces.Any(i => i.Bridge == bridge && i.Network == network);

    /// <summary>Every attachment's bridge (with an uplink on its network) exists on every node its pods can land on; some node remains.</summary>
    private IEnumerable<string> BridgesWherePodsLand()
    {
        var nads = Nads();
        foreach (var (name, networks, landing) in Pods())
        {
            if (landing.Count == 0)
            {
                yield return $"{name}: no node to land on";
            }

            foreach (var network in networks)
            {
                var bridge = BridgeOf(nads[network]);
                var model = ModelAttachment(network);
                foreach (var node in landing.Where(n => !HasBridge(n, bridge, model.Network)))
                {
                    yield return $"{name} can land on {node.Name}, which has no bridge '{bridge}' on '{model.Network.Name}' ({network})";
                }

                // The bridge is the attachment's network and nothing else: an uplink on another network would join the two.
                foreach (var node in landing)
                {
                    foreach (var uplink in node.Interfaces.Where(i => i.Bridge == bridge && i.Network != model.Network))
                    {
                        yield return $"{name} can land on {node.Name}, whose bridge '{bridge}' also has uplink '{uplink.Name}' on '{uplink.Network.Name}'";
                    }
                }
            }
        }
    }

    /// <summary>No two pods (nor a pod and the router) can be given one address.</summary>
    private IEnumerable<string> PodAddresses()
    {
        var nads = Nads();
        var ranges = new List<(string Nad, Network Network, IPAddress First, IPAddress Last)>();
        var statics = new List<(string Nad, Network Network, IPAddress Address)>();
        foreach (var (name, config) in nads)
        {
            var network = ModelAttachment(name).Network;
            var ipam = IpamOf(config);
            switch ((string?)ipam["type"])
            {
                case "static":
                    var address = IPAddress.Parse(((string)ipam["addresses"]![0]!["address"]!).Split('/')[0]);
                    if (address.Equals(network.Gateway) || address.Equals(network.Subnet.BaseAddress) || address.Equals(Last(network.Subnet)))
                    {
                        yield return $"{name}: static {address} is the gateway, network or broadcast address of {network.Subnet}";
                    }

                    statics.Add((name, network, address));
                    break;
                case "host-local":
                    var range = ipam["ranges"]![0]![0]!;
                    var first = IPAddress.Parse((string)range["rangeStart"]!);
                    var last = IPAddress.Parse((string)range["rangeEnd"]!);
                    var nodes = _lab.Nodes.Where(n => HasBridge(n, BridgeOf(config), network)).Select(n => n.Name).ToArray();
                    if (nodes.Length > 1)
                    {
                        yield return $"{name}: host-local {first}-{last} allocates independently on {string.Join(", ", nodes)}";
                    }

                    if (In(network.Gateway, first, last))
                    {
                        yield return $"{name}: host-local {first}-{last} contains the gateway {network.Gateway}";
                    }

                    ranges.Add((name, network, first, last));
                    break;
            }
        }

        var slots = Pods().SelectMany(p => p.Networks.Select(n => (Pod: p.Name, Nad: n))).ToArray();
        foreach (var group in slots.SelectMany(s => statics.Where(x => x.Nad == s.Nad).Select(x => (s.Pod, x.Network, x.Address)))
                     .GroupBy(x => (x.Network.Name, x.Address.ToString())).Where(g => g.Count() > 1))
        {
            yield return $"pods {string.Join(", ", group.Select(g => g.Pod))} are all given {group.Key.Item2}";
        }

        foreach (var s in statics)
        {
            foreach (var r in ranges.Where(r => r.Network == s.Network && In(s.Address, r.First, r.Last)))
            {
                yield return $"{s.Nad}: static {s.Address} is inside host-local {r.First}-{r.Last} of {r.Nad}";
            }
        }

        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                if (ranges[i].Network == ranges[j].Network && Cmp(ranges[i].First, ranges[j].Last) <= 0 && Cmp(ranges[j].First, ranges[i].Last) <= 0)
                {
                    yield return $"host-local ranges of {ranges[i].Nad} and {ranges[j].Nad} overlap";
                }
            }
        }
    }

    /// <summary>Every interface a node's networkd files name exists: declared NICs, or a .netdev of the right kind in that folder.</summary>
    private IEnumerable<string> HostFileInterfaces()
    {
        if (_lab.GitOps?.HostFiles != true)
        {
            yield break;
        }

        foreach (var node in _lab.Nodes)
        {
            var folder = $"hosts/{node.Name}/";
            var units = _texts.Where(t => t.Key.StartsWith(folder, StringComparison.Ordinal)).ToDictionary(t => t.Key[folder.Length..], t => NetworkdIni.Parse(t.Value));
            var netdevs = units.Where(u => u.Key.EndsWith(".netdev", StringComparison.Ordinal))
                .ToDictionary(u => u.Value.Single(s => s.Name == "NetDev")["Name"]!, u => u.Value);
            var physical = node.Interfaces.Select(i => i.Name).Where(n => !VlanSubInterface.TryParse(n, out _, out _)).ToHashSet();
            var networks = units.Where(u => u.Key.EndsWith(".network", StringComparison.Ordinal)).Select(u => u.Value).ToArray();
            var matched = networks.Select(n => n.Single(s => s.Name == "Match")["Name"]!).ToArray();
            foreach (var name in matched.Where(m => !physical.Contains(m) && !netdevs.ContainsKey(m)))
            {
                yield return $"{node.Name}: a .network matches '{name}', which is neither a NIC nor a .netdev";
            }

            foreach (var nic in node.Interfaces.Where(i => !matched.Contains(i.Name)))
            {
                yield return $"{node.Name}: interface '{nic.Name}' has no .network";
            }

            var vlanLines = new List<(string Parent, string Vlan)>();
            foreach (var unit in networks)
            {
                var match = unit.Single(s => s.Name == "Match")["Name"]!;
                foreach (var entry in unit.Where(s => s.Name == "Network").SelectMany(s => s.Entries))
                {
                    if (entry.Key == "Bridge" && (!netdevs.TryGetValue(entry.Value, out var b) || b.Single(s => s.Name == "NetDev")["Kind"] != "bridge"))
                    {
                        yield return $"{node.Name}: {match} joins bridge '{entry.Value}', which has no Kind=bridge .netdev";
                    }

                    if (entry.Key == "VLAN")
                    {
                        vlanLines.Add((match, entry.Value));
                    }
                }
            }

            int MtuOf(string device) =>
                int.Parse(networks.FirstOrDefault(n => n.Single(s => s.Name == "Match")["Name"] == device)?.FirstOrDefault(s => s.Name == "Link")?["MTUBytes"]
                    ?? (netdevs.TryGetValue(device, out var d) ? d.Single(s => s.Name == "NetDev")["MTUBytes"] : null) ?? "1500", System.Globalization.CultureInfo.InvariantCulture);

            foreach (var (name, netdev) in netdevs.Where(n => n.Value.Single(s => s.Name == "NetDev")["Kind"] == "vlan"))
            {
                var parents = vlanLines.Where(l => l.Vlan == name).Select(l => l.Parent).ToArray();
                VlanSubInterface.TryParse(name, out var expectedParent, out var id);
                var tag = netdev.Single(s => s.Name == "VLAN")["Id"];
                var modelVlan = node.Interfaces.Single(i => i.Name == name).Network.VlanId;
                if (parents.Length != 1 || parents[0] != expectedParent || tag != id.ToString(System.Globalization.CultureInfo.InvariantCulture) || modelVlan != id)
                {
                    yield return $"{node.Name}: VLAN '{name}' is listed by [{string.Join(", ", parents)}] with Id {tag}; its network is VLAN {modelVlan}";
                    continue;
                }

                // A VLAN on a bridge port is no fault: Linux hands tagged frames to the VLAN device before the bridge's
                // rx_handler (net/core/dev.c __netif_receive_skb_core; read in source, this kernel has no 8021q).
                if (MtuOf(name) > MtuOf(parents[0]))
                {
                    yield return $"{node.Name}: VLAN '{name}' has MTU {MtuOf(name)}, above its parent '{parents[0]}' ({MtuOf(parents[0])})";
                }
            }

            foreach (var line in vlanLines.Where(l => !netdevs.ContainsKey(l.Vlan)))
            {
                yield return $"{node.Name}: {line.Parent} lists VLAN={line.Vlan}, which has no .netdev";
            }
        }
    }

    /// <summary>The ranges K3s runs with (stated or its defaults) agree with the Calico pool and the delegate's API root (where there is one: the thin plugin's).</summary>
    private IEnumerable<string> K3sApiAndPool()
    {
        var pool = (string)Kind("Installation").Single()["spec"]!["calicoNetwork"]!["ipPools"]![0]!["cidr"]!;
        var apiRoots = Kind("ConfigMap").SelectMany(c => c["data"]?.AsObject().Select(d => (string?)d.Value) ?? [])
            .Where(v => v is not null && v.Contains("k8s_api_root", StringComparison.Ordinal))
            .Select(v => FindString(JsonNode.Parse(v!), "k8s_api_root")).Distinct().ToArray();
        var configured = _documents.Any(d => ((string?)d.Document["apiVersion"])?.StartsWith("provisioning.cattle.io/", StringComparison.Ordinal) == true && (string?)d.Document["kind"] == "Cluster") ||
            _documents.Any(d => d.Path.EndsWith("etc/rancher/k3s/config.yaml", StringComparison.Ordinal)) ||
            _texts.Keys.Any(p => p.EndsWith("etc/rancher/k3s/config.yaml", StringComparison.Ordinal));
        if (!configured)
        {
            // No K3s settings in the output (K3s installed by hand): the delegate must at least follow the model.
            foreach (var apiRoot in apiRoots.Where(r => r != _lab.Cluster.KubernetesApiRoot))
            {
                yield return $"k8s_api_root {apiRoot} is not the model's {_lab.Cluster.KubernetesApiRoot}";
            }

            yield break;
        }

        var flags = K3sFlagsReader.Read(_documents.Select(d => d.Document), _texts.Values);
        if (flags.ClusterCidr != pool)
        {
            yield return $"K3s runs pods in {flags.ClusterCidr}, Calico's pool is {pool}";
        }

        var service = IPNetwork.Parse(flags.ServiceCidr);
        var expected = $"https://{Offset(service.BaseAddress, 1)}:443";
        foreach (var apiRoot in apiRoots.Where(r => r != expected))
        {
            yield return $"K3s's service CIDR {flags.ServiceCidr} puts the API at {expected}, the delegate says {apiRoot}";
        }
    }

    private static string? FindString(JsonNode? node, string key) => node switch
    {
        JsonObject o => o.Select(p => p.Key == key ? (string?)p.Value : FindString(p.Value, key)).FirstOrDefault(s => s is not null),
        JsonArray a => a.Select(x => FindString(x, key)).FirstOrDefault(s => s is not null),
        _ => null,
    };

    private static IPAddress Offset(IPAddress a, int n)
    {
        var b = a.GetAddressBytes();
        var v = ((uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3]) + (uint)n;
        return new IPAddress([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
    }

    private static IPAddress Last(IPNetwork n) => Offset(n.BaseAddress, (int)((1L << (32 - n.PrefixLength)) - 1));

    private static int Cmp(IPAddress a, IPAddress b) => a.GetAddressBytes().AsSpan().SequenceCompareTo(b.GetAddressBytes());

    private static bool In(IPAddress x, IPAddress first, IPAddress last) => Cmp(first, x) <= 0 && Cmp(x, last) <= 0;
}
