using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>A bridge forwards between all its ports: uplinks on two networks make them one segment (two DHCP servers, one broadcast domain).</summary>
/// <remarks>Reports GITOPS141 (BridgeJoinsNetworks).</remarks>
internal sealed class BridgeJoinsNetworksRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var node in lab.Nodes)
        {
            foreach (var bridge in node.Interfaces.Where(i => i.Bridge is not null).GroupBy(i => i.Bridge!, StringComparer.Ordinal))
            {
                var first = bridge.First();
                foreach (var other in bridge.Where(i => i.Network != first.Network))
                {
                    yield return ModelErrors.Error(BridgeJoinsNetworks, $"lab/nodes/{node.Name}/interfaces/{other.Name}/bridge",
                        $"bridge '{bridge.Key}' on node '{node.Name}' has uplink '{first.Name}' on network '{first.Network.Name}' and '{other.Name}' on network '{other.Network.Name}'; " +
                        $"a bridge forwards between its ports, so the two networks become one segment. Give '{other.Name}' its own bridge, e.g. .Bridge(\"br-{other.Network.Name}\").",
                        other.Source);
                }
            }
        }
    }
}
