using System.Net;
using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Per-workload addresses and MACs in the network selection (<c>.Attach("ns/name", s => s.Ip(...).Mac(...))</c>): no
/// two pods get one address or one MAC on a network; no pod takes the gateway or an address a host-local range hands out.
/// </summary>
/// <remarks>Reports GITOPS134 (AddressIsGateway), GITOPS137 (PodAddressShared), GITOPS187 (PodMacShared).</remarks>
internal sealed class SelectionsSharedRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        var ips = new Dictionary<(Network, string), string>();
        var macs = new Dictionary<(Network, string), string>();
        foreach (var workload in lab.Workloads)
        {
            var name = $"{workload.Namespace}/{workload.Name}";
            var source = workload.Source;
            foreach (var s in workload.Selections)
            {
                var path = $"lab/workloads/{name}/attachments/{s.Attachment.QualifiedName}";
                foreach (var ip in s.Ips)
                {
                    var address = IPAddress.Parse(ip[..ip.IndexOf('/')]);
                    if (address.Equals(s.Attachment.Network.Gateway))
                    {
                        yield return ModelErrors.Error(AddressIsGateway, $"{path}/ips", $"{ip} is the gateway of network '{s.Attachment.Network.Name}' (the router); pick a free host address.", source);
                    }

                    foreach (var range in lab.Attachments.Where(a => a.Network == s.Attachment.Network).Select(a => a.Ipam).OfType<HostLocalIpamOptions>().Where(h => IpMath.Within(address, h.RangeStart, h.RangeEnd)))
                    {
                        yield return ModelErrors.Error(PodAddressShared, $"{path}/ips", $"{ip} lies in the host-local range {range.RangeStart}-{range.RangeEnd} on network '{s.Attachment.Network.Name}', which may hand it to another pod; pick an address outside it.", source);
                    }

                    if (!ips.TryAdd((s.Attachment.Network, address.ToString()), name))
                    {
                        yield return ModelErrors.Error(PodAddressShared, $"{path}/ips", $"{ip} is also requested by '{ips[(s.Attachment.Network, address.ToString())]}' on network '{s.Attachment.Network.Name}'; give each workload its own address.", source);
                    }
                }

                if (s.Mac is { } mac && !macs.TryAdd((s.Attachment.Network, mac), name))
                {
                    yield return ModelErrors.Error(PodMacShared, $"{path}/mac", $"MAC {mac} is also requested by '{macs[(s.Attachment.Network, mac)]}' on network '{s.Attachment.Network.Name}'; two interfaces with one MAC break the LAN's switching and ARP. Give each workload its own MAC.", source);
                }
            }
        }
    }
}
