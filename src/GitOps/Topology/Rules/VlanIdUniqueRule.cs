using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Two networks with one VLAN ID are one broadcast domain on the switch: their subnets would share an L2.</summary>
/// <remarks>Reports GITOPS135 (VlanIdDuplicate).</remarks>
internal sealed class VlanIdUniqueRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var seen = new Dictionary<int, Network>();
        foreach (var network in lab.Networks.Where(n => n.VlanId is not null))
        {
            if (!seen.TryAdd(network.VlanId!.Value, network))
            {
                var first = seen[network.VlanId.Value];
                var path = $"lab/networks/{network.Name}/vlan";
                yield return ModelErrors.Error(VlanIdDuplicate, path,
                    $"VLAN ID {network.VlanId} is also the VLAN of network '{first.Name}'; two subnets on one VLAN share one broadcast domain and each network's DHCP answers the other's hosts. " +
                    $"Give '{network.Name}' its own VLAN ID (the one its switch port tags), or declare it once.",
                    sources[path]);
            }
        }
    }
}
