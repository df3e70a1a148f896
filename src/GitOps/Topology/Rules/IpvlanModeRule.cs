using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// ipvlan L3/L3S children "will not receive nor can send multicast / broadcast traffic" (kernel
/// Documentation/networking/ipvlan.rst, "L3 mode"; L3S is L3 with netfilter), so the dhcp IPAM's DISCOVER never
/// leaves and route-fix's 224.0.0.0/4 and 255.255.255.255 routes would lead nowhere.
/// </summary>
/// <remarks>Reports GITOPS182 (IpvlanL3WithDhcp), GITOPS183 (IpvlanL3WithBroadcastRoutes).</remarks>
internal sealed class IpvlanModeRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        foreach (var a in lab.Attachments)
        {
            if (a.Ipvlan is not { } v || v.Mode == IpvlanMode.L2)
            {
                continue;
            }

            var path = $"lab/attachments/{a.QualifiedName}";
            var mode = v.Mode == IpvlanMode.L3 ? "l3" : "l3s";
            if (a.Ipam is DhcpIpamOptions)
            {
                yield return ModelErrors.Error(IpvlanL3WithDhcp, $"{path}/ipam",
                    $"ipvlan mode {mode} carries no broadcast, so the dhcp plugin's DISCOVER never reaches the LAN's DHCP server; use .Ipvlan(i => i.Mode(IpvlanMode.L2)), or .StaticAddress(...) / .HostLocalRange(...).",
                    sources[$"{path}/ipam"]);
            }

            if (a.RouteFix is { } r && (r.Multicast || r.Broadcast))
            {
                yield return ModelErrors.Error(IpvlanL3WithBroadcastRoutes, $"{path}/routeFix",
                    $"ipvlan mode {mode} carries no multicast or broadcast, but route-fix would route 224.0.0.0/4 and 255.255.255.255 out of it; use .RouteFix(r => r.Multicast(false).Broadcast(false)), .RouteFix(false), or mode L2.",
                    sources[$"{path}/routeFix"]);
            }
        }
    }
}
