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
        var calico = WithPeering(BuildCalico(), cluster, nodes);
        var multus = BuildMultus(cluster);
        var attachments = BuildAttachments(networks, nodes, multus);
        CheckOneDhcpDaemonSocket();
        var workloads = BuildWorkloads(attachments);
        var nodeAgent = _lab.NodeAgentChoice.Build();
        CheckNodeAgent(nodeAgent);
        var gitOps = BuildGitOps(cluster, nodes, calico?.Version ?? CalicoVersion.Default);
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

        var version = CheckCalicoVersion(c);
        if (c.MtuValue is { } mtu)
        {
            CheckMtu(mtu, "lab/calico/mtu");
        }

        return pool is null
            ? null
            : new CalicoSettings(new IpPool(pool.Value, blockSize.Value, c.Encapsulation, c.NatOutgoing), c.BgpEnabled, c.Dataplane, c.Detection, c.ControlPlaneSelector, c.RollingMaxUnavailable.Value, c.Source)
            {
                Version = version,
                Mtu = c.MtuValue?.Value,
                ContainerIpForwarding = c.IpForwarding,
            };
    }

    /// <summary>The Calico release: a tag the library's derivations were checked against, and one that has every feature the lab uses.</summary>
    private CalicoVersion CheckCalicoVersion(CalicoBuilder c)
    {
        if (c.VersionText is not { } text)
        {
            return CalicoVersion.Default;
        }

        if (CalicoVersion.TryParse(text.Value) is not { } version)
        {
            _errors.Add(CalicoVersionInvalid, "lab/calico/version", $"'{text.Value}' is not a Calico release tag; pin one like \"{CalicoVersion.Default}\" (v, major, minor and patch; no \"latest\").", text.Source);
            return CalicoVersion.Default;
        }

        if (version < CalicoVersion.Oldest)
        {
            _errors.Add(CalicoVersionInvalid, "lab/calico/version", $"Calico {version} is older than {CalicoVersion.Oldest}, the oldest release whose node CNI plugins the library knows; use {CalicoVersion.Oldest} or later, e.g. \"{CalicoVersion.Default}\".", text.Source);
        }
        else if (c.Dataplane == Topology.LinuxDataplane.Nftables && version < CalicoVersion.WithNftablesDataplane)
        {
            _errors.Add(CalicoFeatureNeedsNewerVersion, "lab/calico/linuxDataplane", $"linuxDataplane Nftables does not exist in Calico {version} (it arrived in {CalicoVersion.WithNftablesDataplane}, tigera/operator v1.36.0); use Calico {CalicoVersion.WithNftablesDataplane} or later, or LinuxDataplane.Iptables.", text.Source);
        }

        return version;
    }

    private MultusSettings BuildMultus(ClusterSettings? cluster)
    {
        var m = _lab.MultusChoice;
        var plugin = m.PluginChoice?.Value ?? MultusSettings.DefaultPlugin(m.Line);
        if (m.Line == MultusVersion.V3 && plugin == MultusPlugin.Thick)
        {
            _errors.Add(MultusPluginUnsupported, "lab/multus/plugin", "the thick plugin is offered only for Multus v4 (v3's thick plugin was never emitted by the library and is unmaintained); use .Version(MultusVersion.V4) for the thick plugin, or drop plugin: MultusPlugin.Thick to keep the blog's v3.9.3 thin plugin.", m.PluginChoice!.Value.Source);
            plugin = MultusPlugin.Thin; // reported once; the remaining rules see the only v3 plugin there is
        }

        var tag = m.Tag?.Value ?? MultusSettings.DefaultImageTag(m.Line, plugin);
        if (m.Tag is { } t)
        {
            CheckMultusTag(t, m.Line, plugin);
        }

        var thick = plugin == MultusPlugin.Thick;
        var conf = m.ConfFileName ?? new(MultusSettings.DefaultConfFileName, default);
        if (thick && m.ConfFileName is { } explicitConf)
        {
            _errors.Add(MultusSettingNotApplicable, "lab/multus/confFile", $"'{explicitConf.Value}' is not used by the thick plugin: multus-daemon's auto mode always writes {MultusSettings.ThickAutoConfFileName} from Calico's conflist; remove .ConfFile(...), or choose the thin plugin with .Version(MultusVersion.V4, plugin: MultusPlugin.Thin).", explicitConf.Source);
        }
        else if (string.IsNullOrWhiteSpace(conf.Value) || conf.Value.Contains('/') || conf.Value.Contains('"') || conf.Value.Any(char.IsWhiteSpace) ||
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
            if (thick)
            {
                _errors.Add(MultusSettingNotApplicable, "lab/multus/kubeconfig", $"'{k.Value}' is not used by the thick plugin: multus-daemon talks to the API server with its in-cluster service account, whose token client-go re-reads; remove .KubeconfigPath(...), or choose the thin plugin with .Version(MultusVersion.V4, plugin: MultusPlugin.Thin).", k.Source);
            }
            else
            {
                CheckAbsolutePath(k, "lab/multus/kubeconfig");
            }
        }

        var kubeconfig = thick ? null : m.Kubeconfig?.Value ?? (cluster is null ? null : $"{cluster.CniConfDir}/multus.d/multus.kubeconfig");
        var confFileName = thick ? MultusSettings.ThickAutoConfFileName : conf.Value;
        return new MultusSettings(m.Line, tag, confFileName, m.CniVersionText.Value, kubeconfig, m.Source) { Plugin = plugin };
    }

    /// <summary>
    /// The tag must be a release of the chosen line whose image has the paths the DaemonSet runs
    /// (k8snetworkplumbingwg/multus-cni <c>images/Dockerfile</c>, <c>images/Dockerfile.thick</c> at each tag):
    /// v3 images have <c>/entrypoint.sh</c> only; v4 thin images add <c>/thin_entrypoint</c> and <c>/install_multus</c>;
    /// v4 <c>-thick</c> images have neither at <c>/</c>. Both v4 images carry every binary under
    /// <c>/usr/src/multus-cni/bin</c> (hack/build-go.sh builds all of cmd/), so the thick DaemonSet also runs on a thin tag.
    /// </summary>
    private void CheckMultusTag(Located<string> t, MultusVersion line, MultusPlugin plugin)
    {
        const string Path = "lab/multus/imageTag";
        var value = t.Value;
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace) || value.Contains(':'))
        {
            _errors.Add(InvalidImage, Path, $"'{value}' is not an image tag; give only the tag, e.g. \"v3.9.3\".", t.Source);
            return;
        }

        var example = MultusSettings.DefaultImageTag(line, plugin);
        if (MultusTag.TryParse(value) is not { } release)
        {
            _errors.Add(MultusImageTagMismatch, Path, $"'{value}' is not a Multus release tag, so what the image contains cannot be checked against Multus {LineName(line)}; pin a release, e.g. \"{example}\".", t.Source);
            return;
        }

        var lineMajor = line == MultusVersion.V3 ? 3 : 4;
        if (release.Major != lineMajor)
        {
            var runs = line == MultusVersion.V3 ? "runs /entrypoint.sh, which v4 images do not have" : plugin == MultusPlugin.Thick ? "runs /usr/src/multus-cni/bin/multus-daemon and install_multus, which v3 images do not have" : "runs /thin_entrypoint and /install_multus, but v3 images have only /entrypoint.sh";
            var otherLine = release.Major is 3 or 4 ? $", or .Version(MultusVersion.V{release.Major})" : "";
            _errors.Add(MultusImageTagMismatch, Path, $"image tag {value} is a Multus {release.Major} release, but .Version(MultusVersion.{line}) {runs}; use a {LineName(line)} tag, e.g. \"{example}\"{otherLine}.", t.Source);
            return;
        }

        if (release.Thick && plugin == MultusPlugin.Thin)
        {
            var missing = line == MultusVersion.V3 ? "/entrypoint.sh" : "/thin_entrypoint or /install_multus";
            var thickAlternative = line == MultusVersion.V4 ? $", or the thick plugin with .Version(MultusVersion.V4, \"{value}\", MultusPlugin.Thick)" : "";
            _errors.Add(MultusImageTagMismatch, Path, $"image tag {value} is the thick image, which has no {missing} for the thin plugin; use \"{release.WithoutSuffix}\"{thickAlternative}.", t.Source);
            return;
        }

        if (line == MultusVersion.V4 && plugin == MultusPlugin.Thin && release.Minor == 0)
        {
            _errors.Add(MultusKubeconfigNotWritten, Path, $"Multus {value} thin writes multus.kubeconfig only with --multus-conf-file=auto (fixed in v4.1.0, multus-cni PR #1317), but the library's thin plugin passes its own conf file, which names that kubeconfig; use v4.1.0 or later, e.g. \"{example}\", or the thick plugin.", t.Source);
        }
    }

    /// <summary>
    /// CNI dirs other than the defaults must reach the Installation (<c>spec.cni.binDir</c>/<c>confDir</c>), or
    /// calico-node installs Calico's plugins and conflist where kubelet and Multus do not look. Those fields
    /// first exist in tigera/operator v1.40.0, the operator of Calico v3.31.0 (v3.30.x ships v1.38.x; the
    /// fields came with tigera/operator PR #3882 in v1.39.0, which no Calico release chart uses).
    /// </summary>
    private void CheckCalicoCniDirs(Lab lab)
    {
        if (lab.Calico.Version >= CalicoVersion.WithCniDirectories)
        {
            return;
        }

        var cluster = _lab.ClusterChoice!;
        foreach (var (dir, fallback, path) in new[]
        {
            (cluster.BinDir, ClusterSettings.DefaultCniBinDir, "lab/cluster/cniBinDir"),
            (cluster.ConfDir, ClusterSettings.DefaultCniConfDir, "lab/cluster/cniConfDir"),
        })
        {
            if (dir.Value.TrimEnd('/') != fallback)
            {
                _errors.Add(CalicoFeatureNeedsNewerVersion, path, $"'{dir.Value}' differs from {fallback}, where Calico {lab.Calico.Version} installs its CNI files; the Installation can move them only from Calico {CalicoVersion.WithCniDirectories} (spec.cni.binDir/confDir, tigera/operator v1.40.0); use Calico {CalicoVersion.WithCniDirectories} or later, or keep {fallback}.", dir.Source);
            }
        }
    }

    private static string LineName(MultusVersion line) => line == MultusVersion.V3 ? "v3" : "v4";

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
