using System.Net.NetworkInformation;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Reading the nodes: node names, interfaces, bridges, MACs and Hyper-V names.</summary>
internal sealed partial class LabAssembler
{
    /// <remarks>Reports GITOPS112 (DuplicateName), GITOPS113 (MissingElement), GITOPS188 (VmAdapterWithoutHyperV), GITOPS189 (InvalidHyperVName).</remarks>
    private List<Node> BuildNodes(Dictionary<string, Network> networks)
    {
        var nodes = new List<Node>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var n in _lab.Nodes)
        {
            var path = $"lab/nodes/{n.Name}";
            CheckDnsName(n.Name, path, n.Source);
            if (!seen.TryAdd(n.Name, n.Source))
            {
                _errors.Add(DuplicateName, path, $"the node name '{n.Name}' is used twice{seen[n.Name].FirstDeclared}; node names are unique in a cluster.", n.Source);
                continue;
            }

            var hyperV = BuildHyperV(n, path);
            var adapters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var interfaces = new List<NodeInterface>();
            var names = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            var allNames = n.Interfaces.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var i in n.Interfaces)
            {
                var ipath = $"{path}/interfaces/{i.Name}";
                CheckInterfaceName(i.Name, ipath, i.Source);
                if (!names.TryAdd(i.Name, i.Source))
                {
                    _errors.Add(DuplicateName, ipath, $"the interface '{i.Name}' is declared twice on node '{n.Name}'{names[i.Name].FirstDeclared}.", i.Source);
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
                    _sources.Add($"{ipath}/mac", macText.Source);
                    mac = ParseMac(macText, $"{ipath}/mac");
                }

                if (i.VmAdapterName is { } adapter)
                {
                    CheckVmAdapter(n, i, adapter, adapters, $"{ipath}/vmAdapter");
                }

                var network = ResolveNetwork(networks, i.NetworkName, i.NetworkIssuer, $"{ipath}/network", i.Source);
                if (network is not null)
                {
                    interfaces.Add(new NodeInterface(i.Name, network, i.BridgeName?.Value, mac, i.Source, i.VmAdapterName?.Value));
                }
            }

            nodes.Add(new Node(n.Name, ReadOnly.Copy(interfaces), n.Source, hyperV));
        }

        if (_lab.Nodes.Count == 0)
        {
            _errors.Add(MissingElement, "lab/nodes", "the lab has no nodes; add each node and its interfaces with .Node(\"k8s-1\", n => n.Interface(\"eth0\", \"lan\", i => i.Bridge(\"cni0\")).Interface(\"eth1\", \"k8s\")).", _lab.Source);
        }

        return nodes;
    }

    private HyperVVm? BuildHyperV(NodeBuilder n, string path)
    {
        if (n.HyperVHost is not { } host)
        {
            return null;
        }

        CheckDnsName(host.Value, $"{path}/hyperv/host", host.Source);
        var vm = n.HyperVVmName ?? n.Name;
        if (!IsOneLineName(vm))
        {
            _errors.Add(InvalidHyperVName, $"{path}/hyperv/vm", $"the Hyper-V VM name '{vm}' of node '{n.Name}' is empty or holds a control character; give the name Hyper-V shows for the VM, e.g. n.HyperV(\"{host.Value}\", vm: \"{n.Name}\").", host.Source);
        }

        return new HyperVVm(host.Value, vm, host.Source);
    }

    private void CheckVmAdapter(NodeBuilder n, InterfaceBuilder i, Located<string> adapter, HashSet<string> adapters, string path)
    {
        if (n.HyperVHost is null)
        {
            _errors.Add(VmAdapterWithoutHyperV, path, $"interface '{i.Name}' of node '{n.Name}' names the Hyper-V adapter '{adapter.Value}', but the node is not declared as a Hyper-V VM; add .HyperV(\"<host>\") to the node, e.g. .Node(\"{n.Name}\", n => n.HyperV(\"hv-host-1\")...), or remove .VmAdapter(...).", adapter.Source);
        }

        if (!IsOneLineName(adapter.Value))
        {
            _errors.Add(InvalidHyperVName, path, $"the Hyper-V adapter name '{adapter.Value}' of interface '{i.Name}' on node '{n.Name}' is empty or holds a control character; give the name Get-VMNetworkAdapter shows, e.g. .VmAdapter(\"{i.Name}\").", adapter.Source);
        }
        else if (!adapters.Add(adapter.Value))
        {
            // Hyper-V adapter names select adapters by name (-VMNetworkAdapterName); two interfaces on one adapter name would both set it.
            _errors.Add(DuplicateName, path, $"the Hyper-V adapter '{adapter.Value}' is named by two interfaces of node '{n.Name}'; each interface is its own VM adapter, so rename one (Rename-VMNetworkAdapter) and name it here.", adapter.Source);
        }
    }

    private static bool IsOneLineName(string name) => !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl);
}
