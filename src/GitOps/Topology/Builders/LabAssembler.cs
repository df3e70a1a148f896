using System.Net;
using System.Net.NetworkInformation;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Turns the builders into the immutable <see cref="Lab"/>: parses every address, resolves every
/// reference by name and checks every rule, collecting all problems with their model path and the
/// user's file and line.
/// </summary>
internal sealed partial class LabAssembler
{
    public const int MinMtu = 68;
    public const int MaxMtu = 9216;

    private readonly ModelErrors _errors = new();
    private readonly LabBuilder _lab;

    private LabAssembler(LabBuilder lab) => _lab = lab;

    public static Lab Assemble(LabBuilder builder) => new LabAssembler(builder).Assemble();

    private Lab Assemble()
    {
        CheckDnsName(_lab.Name, "lab/name", _lab.Source);
        var networks = BuildNetworks();
        var nodes = BuildNodes(networks);
        var cluster = BuildCluster(networks);
        var calico = BuildCalico();
        var multus = BuildMultus(cluster);
        var attachments = BuildAttachments(networks, nodes, multus);
        var workloads = BuildWorkloads(attachments);
        var nodeAgent = _lab.NodeAgentChoice.Build();
        CheckNodeAgent(nodeAgent);
        var gitOps = BuildGitOps(cluster, nodes);
        _errors.ThrowIfAny();

        var lab = new Lab(_lab.Name, networks.Values.ToArray(), nodes, cluster!, calico!, multus, attachments, workloads, nodeAgent) { GitOps = gitOps };
        CheckCrossRules(lab);
        CheckWorkingNetwork(lab);
        _errors.ThrowIfAny();
        return lab;
    }

    private Dictionary<string, Network> BuildNetworks()
    {
        var result = new Dictionary<string, Network>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in _lab.Networks)
        {
            var path = $"lab/networks/{n.Name}";
            CheckDnsName(n.Name, path, n.Source);
            if (!seen.Add(n.Name))
            {
                _errors.Add(DuplicateName, path, $"the network name '{n.Name}' is used twice; give each network its own name.", n.Source);
                continue;
            }

            var subnet = RequireCidr(n.SubnetText, $"{path}/subnet", n.Source, "add .Subnet(\"192.168.2.0/24\")");
            var gateway = RequireAddress(n.GatewayText, $"{path}/gateway", n.Source, "add .Gateway(\"192.168.2.1\")");
            if (n.VlanId is { } vlan && vlan.Value is < 1 or > 4094)
            {
                _errors.Add(VlanOutOfRange, $"{path}/vlan", $"VLAN ID {vlan.Value} is out of range; 802.1Q VLAN IDs are 1 to 4094 (use .Untagged() for the native VLAN).", vlan.Source);
            }

            if (n.MtuValue is { } mtu)
            {
                CheckMtu(mtu, $"{path}/mtu");
            }

            if (subnet is { } s && gateway is { } g)
            {
                CheckGatewayInside(s, g, $"{path}/gateway", n.GatewayText!.Value.Source);
            }

            if (subnet is null || gateway is null)
            {
                continue;
            }

            result[n.Name] = new Network(n.Name, subnet.Value, gateway, n.VlanId?.Value, n.MtuValue?.Value, n.AddressingMode, n.Source);
        }

        if (_lab.Networks.Count == 0)
        {
            _errors.Add(MissingElement, "lab/networks", "the lab has no networks; add at least the LAN with .Network(\"lan\", n => n.Subnet(\"192.168.2.0/24\").Gateway(\"192.168.2.1\")).", _lab.Source);
        }

        return result;
    }

    private List<Node> BuildNodes(Dictionary<string, Network> networks)
    {
        var nodes = new List<Node>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in _lab.Nodes)
        {
            var path = $"lab/nodes/{n.Name}";
            CheckDnsName(n.Name, path, n.Source);
            if (!seen.Add(n.Name))
            {
                _errors.Add(DuplicateName, path, $"the node name '{n.Name}' is used twice; node names are unique in a cluster.", n.Source);
                continue;
            }

            var interfaces = new List<NodeInterface>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            var allNames = n.Interfaces.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var i in n.Interfaces)
            {
                var ipath = $"{path}/interfaces/{i.Name}";
                CheckInterfaceName(i.Name, ipath, i.Source);
                if (!names.Add(i.Name))
                {
                    _errors.Add(DuplicateName, ipath, $"the interface '{i.Name}' is declared twice on node '{n.Name}'.", i.Source);
                }

                if (i.BridgeName is { } bridge)
                {
                    CheckInterfaceName(bridge.Value, $"{ipath}/bridge", bridge.Source);
                    if (allNames.Contains(bridge.Value))
                    {
                        _errors.Add(DuplicateName, $"{ipath}/bridge", $"the bridge '{bridge.Value}' has the name of an interface of node '{n.Name}'; pick another bridge name.", bridge.Source);
                    }
                }

                PhysicalAddress? mac = null;
                if (i.MacText is { } macText)
                {
                    mac = ParseMac(macText, $"{ipath}/mac");
                }

                var network = ResolveNetwork(networks, i.NetworkName, $"{ipath}/network", i.Source);
                if (network is not null)
                {
                    interfaces.Add(new NodeInterface(i.Name, network, i.BridgeName?.Value, mac, i.Source));
                }
            }

            nodes.Add(new Node(n.Name, interfaces, n.Source));
        }

        if (_lab.Nodes.Count == 0)
        {
            _errors.Add(MissingElement, "lab/nodes", "the lab has no nodes; add each node and its interfaces with .Node(\"k8s-1\", n => n.Interface(\"eth0\", \"lan\", i => i.Bridge(\"cni0\")).Interface(\"eth1\", \"k8s\")).", _lab.Source);
        }

        return nodes;
    }

    private ClusterSettings? BuildCluster(Dictionary<string, Network> networks)
    {
        if (_lab.ClusterChoice is not { } c)
        {
            _errors.Add(MissingElement, "lab/cluster", "the lab has no cluster; add .Cluster(\"name\", c => c.K3s().NodeNetwork(\"k8s\")).", _lab.Source);
            return null;
        }

        CheckDnsName(c.Name, "lab/cluster/name", c.Source);
        var serviceCidr = ParseCidr(c.ServiceCidrText, "lab/cluster/serviceCidr");
        CheckAbsolutePath(c.ConfDir, "lab/cluster/cniConfDir");
        CheckAbsolutePath(c.BinDir, "lab/cluster/cniBinDir");
        if (c.NodeNetworkName is not { } nodeNetworkName)
        {
            _errors.Add(MissingElement, "lab/cluster/nodeNetwork", "the cluster does not say which network carries the node addresses; add .NodeNetwork(\"k8s\") (the Kubernetes VLAN).", c.Source);
            return null;
        }

        var nodeNetwork = ResolveNetwork(networks, nodeNetworkName.Value, "lab/cluster/nodeNetwork", nodeNetworkName.Source);
        if (serviceCidr is null || nodeNetwork is null)
        {
            return null;
        }

        return new ClusterSettings(c.Name, c.Distribution, serviceCidr.Value, c.ConfDir.Value.TrimEnd('/'), c.BinDir.Value.TrimEnd('/'), nodeNetwork, c.Source);
    }

    private CalicoSettings? BuildCalico()
    {
        if (_lab.CalicoChoice is not { } c)
        {
            _errors.Add(MissingElement, "lab/calico", "the lab has no Calico primary network; add .Calico(c => c.IpPool(\"192.168.7.0/24\", blockSize: 26)).", _lab.Source);
            return null;
        }

        if (c.PoolCidr is not { } poolText)
        {
            _errors.Add(MissingElement, "lab/calico/ipPool", "Calico has no IP pool; add .IpPool(\"192.168.7.0/24\", blockSize: 26).", c.Source);
            return null;
        }

        var pool = ParseCidr(poolText, "lab/calico/ipPool/cidr");
        var blockSize = c.PoolBlockSize;
        if (pool is { } p)
        {
            var maxBits = IpMath.IsIPv4(p.BaseAddress) ? 32 : 128;
            var min = IpMath.IsIPv4(p.BaseAddress) ? 20 : 116;
            if (blockSize.Value < min || blockSize.Value > maxBits)
            {
                _errors.Add(BlockSizeOutOfRange, "lab/calico/ipPool/blockSize", $"block size {blockSize.Value} is out of range; Calico accepts {min} to {maxBits} for this pool (26 is the default).", blockSize.Source);
            }
            else if (blockSize.Value < p.PrefixLength)
            {
                _errors.Add(BlockSizeOutOfRange, "lab/calico/ipPool/blockSize", $"block size /{blockSize.Value} is larger than the pool {p} itself; use a block size of at least {p.PrefixLength}.", blockSize.Source);
            }
        }

        if (c.RollingMaxUnavailable.Value < 1)
        {
            _errors.Add(InvalidValue, "lab/calico/maxUnavailable", $"maxUnavailable {c.RollingMaxUnavailable.Value} would never update a node; use 1 or more.", c.RollingMaxUnavailable.Source);
        }

        foreach (var (label, value) in c.ControlPlaneSelector)
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                _errors.Add(InvalidValue, "lab/calico/controlPlaneNodeSelector", $"the node selector label '{label}' is empty; use e.g. node-role.kubernetes.io/control-plane.", c.Source);
            }
        }

        return pool is null
            ? null
            : new CalicoSettings(new IpPool(pool.Value, blockSize.Value, c.Encapsulation, c.NatOutgoing), c.BgpEnabled, c.Dataplane, c.Detection, c.ControlPlaneSelector, c.RollingMaxUnavailable.Value, c.Source);
    }

    private MultusSettings BuildMultus(ClusterSettings? cluster)
    {
        var m = _lab.MultusChoice;
        var tag = m.Tag?.Value ?? MultusSettings.DefaultImageTag(m.Line);
        if (m.Tag is { } t && (string.IsNullOrWhiteSpace(t.Value) || t.Value.Any(char.IsWhiteSpace) || t.Value.Contains(':')))
        {
            _errors.Add(InvalidImage, "lab/multus/imageTag", $"'{t.Value}' is not an image tag; give only the tag, e.g. \"v3.9.3\".", t.Source);
        }

        var conf = m.ConfFileName;
        if (string.IsNullOrWhiteSpace(conf.Value) || conf.Value.Contains('/') || conf.Value.Contains('"') || conf.Value.Any(char.IsWhiteSpace) ||
            !(conf.Value.EndsWith(".conf", StringComparison.Ordinal) || conf.Value.EndsWith(".conflist", StringComparison.Ordinal)))
        {
            _errors.Add(InvalidConfFileName, "lab/multus/confFile", $"'{conf.Value}' is not a CNI config file name; use a plain file name ending in .conf, e.g. \"0-multus.conf\".", conf.Source);
        }
        else if (string.CompareOrdinal(conf.Value, CalicoConfFileName) >= 0)
        {
            _errors.Add(InvalidConfFileName, "lab/multus/confFile", $"'{conf.Value}' sorts after Calico's '{CalicoConfFileName}', so kubelet would use Calico directly and Multus would never run; use a name that sorts first, e.g. \"0-multus.conf\".", conf.Source);
        }

        CheckCniVersion(m.CniVersionText, "lab/multus/cniVersion", m.Line);
        if (m.Kubeconfig is { } k)
        {
            CheckAbsolutePath(k, "lab/multus/kubeconfig");
        }

        var kubeconfig = m.Kubeconfig?.Value ?? (cluster is null ? null : $"{cluster.CniConfDir}/multus.d/multus.kubeconfig");
        return new MultusSettings(m.Line, tag, conf.Value, m.CniVersionText.Value, kubeconfig, m.Source);
    }

    /// <summary>The file Calico's install-cni writes; Multus's must sort before it. (tigera/operator, calico node install.go)</summary>
    internal const string CalicoConfFileName = "10-calico.conflist";

    private void CheckNodeAgent(NodeAgentSettings agent)
    {
        CheckDnsName(agent.Namespace, "lab/nodeAgent/namespace", _lab.Source);
        foreach (var (image, path) in new[] { (agent.RouteFixImage, "routeFixImage"), (agent.PluginsImage, "pluginsImage"), (agent.PauseImage, "pauseImage") })
        {
            CheckImage(new(image, _lab.Source), $"lab/nodeAgent/{path}");
        }

        CheckAbsolutePath(new(agent.PluginsSourceDir, _lab.Source), "lab/nodeAgent/pluginsSourceDir");
    }

    private Network? ResolveNetwork(Dictionary<string, Network> networks, string name, string path, SourceLocation source)
    {
        if (networks.TryGetValue(name, out var network))
        {
            return network;
        }

        // A network that failed to parse was already reported; only unknown names are new problems.
        if (_lab.Networks.All(n => n.Name != name))
        {
            var known = networks.Count == 0 ? "none" : string.Join(", ", networks.Keys.Order(StringComparer.Ordinal));
            _errors.Add(UnknownReference, path, $"there is no network named '{name}' (declared: {known}); declare it with .Network(\"{name}\", ...) or fix the name.", source);
        }

        return null;
    }
}
