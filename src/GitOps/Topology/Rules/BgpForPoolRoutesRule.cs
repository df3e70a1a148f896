using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// BGP off with a pool whose routes between nodes BIRD programs: tigera/operator
/// pkg/controller/installation/validation.go refuses it ("with BIRD cluster routing mode, unencapsulated IP pools
/// require that BGP is enabled", and the same for IPIP), so the operator would not install Calico. A lab that peers
/// with routers is checked by GITOPS164 instead.
/// </summary>
/// <remarks>Reports GITOPS167 (BgpRequiredByPool).</remarks>
internal sealed class BgpForPoolRoutesRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var calico = lab.Calico;
        if (calico.Peering is not null || calico.Bgp || calico.Pool.Encapsulation is IPPoolEncapsulation.VXLAN or IPPoolEncapsulation.VXLANCrossSubnet)
        {
            yield break;
        }

        yield return ModelErrors.Error(BgpRequiredByPool, "lab/calico/bgp",
            $"Calico's BGP is disabled (.Bgp(false)) but the pool {calico.Pool.Cidr} uses encapsulation {calico.Pool.Encapsulation}, whose routes between nodes BIRD (Calico's BGP) programs; the tigera operator refuses this Installation. " +
            "Remove .Bgp(false), or use .Encapsulate(IPPoolEncapsulation.VXLAN), whose routes Felix programs without BGP.", calico.Source);
    }
}
