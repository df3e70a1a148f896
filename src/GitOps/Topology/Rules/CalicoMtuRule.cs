using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// The pod MTU Calico is given must leave room for the pool's encapsulation on the node network: at most the node
/// network's MTU minus Calico's own overheads (projectcalico/calico felix/dataplane/linux/int_dataplane.go:
/// ipipMTUOverhead 20, vxlanMTUOverhead 50, vxlanV6MTUOverhead 70; docs.tigera.io "Configure MTU to maximize network
/// performance"). Unset, nothing is written (Installation <c>mtu</c> omitted, conflist <c>mtu: 0</c>) and Calico
/// detects the MTU from the node's interface and subtracts the same overheads itself.
/// </summary>
/// <remarks>Reports GITOPS143 (CalicoMtuAboveNodeNetwork).</remarks>
internal sealed class CalicoMtuRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        if (lab.Calico.Mtu is not { } mtu)
        {
            yield break;
        }

        var encapsulation = lab.Calico.Pool.Encapsulation;
        var overhead = EncapsulationOverhead(encapsulation, IpMath.IsIPv4(lab.Calico.Pool.Cidr.BaseAddress));
        var nodeNetwork = lab.Cluster.NodeNetwork;
        var max = nodeNetwork.EffectiveMtu - overhead;
        if (mtu > max)
        {
            var why = overhead == 0
                ? "pod packets leave unencapsulated"
                : $"{encapsulation} adds {overhead} bytes to every pod packet between nodes";
            yield return ModelErrors.Error(CalicoMtuAboveNodeNetwork, "lab/calico/mtu",
                $"Calico's pod MTU {mtu} is above {max}, the most the node network '{nodeNetwork.Name}' (MTU {nodeNetwork.EffectiveMtu}) carries: {why}, so full-size packets are dropped or fragmented. " +
                $"Use .Mtu({max}) or less, give network '{nodeNetwork.Name}' .Mtu({mtu + overhead}), or leave .Mtu(...) out and let Calico detect it.", sources["lab/calico/mtu"]);
        }
    }

    /// <summary>Bytes Calico subtracts for the pool's encapsulation (felix/dataplane/linux/int_dataplane.go); IPIP is IPv4 only.</summary>
    internal static int EncapsulationOverhead(IPPoolEncapsulation encapsulation, bool ipv4) => encapsulation switch
    {
        IPPoolEncapsulation.IPIP or IPPoolEncapsulation.IPIPCrossSubnet => 20,
        IPPoolEncapsulation.VXLAN or IPPoolEncapsulation.VXLANCrossSubnet => ipv4 ? 50 : 70,
        _ => 0,
    };
}
