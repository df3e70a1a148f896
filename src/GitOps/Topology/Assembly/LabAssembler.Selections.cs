using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// Per-workload addresses and MACs in the network selection (<c>.Attach("ns/name", s => s.Ip(...).Mac(...))</c>):
/// Multus passes them as libcni capability args <c>ips</c>/<c>mac</c> (multus-cni pkg/types/conf.go), which reach only
/// plugins declaring that capability; the static IPAM reads <c>runtimeConfig.ips</c> (plugins/ipam/static/main.go),
/// tuning and macvlan <c>runtimeConfig.mac</c> (plugins/meta/tuning/tuning.go, plugins/main/macvlan/macvlan.go).
/// </summary>
internal sealed partial class LabAssembler
{
    /// <summary>The selections of <paramref name="w"/>, one per attachment it resolves (the order of its joined attachments).</summary>
    /// <remarks>Reports GITOPS184, GITOPS185, GITOPS186, GITOPS102 (InvalidAddress), GITOPS114 (InvalidMac), GITOPS117 (AddressOutsideSubnet).</remarks>
    private List<NetworkSelection> BuildSelections(WorkloadBuilder w, string path, List<Attachment> attachments)
    {
        var result = new List<NetworkSelection>();
        for (var i = 0; i < w.Attachments.Count; i++)
        {
            var reference = w.Attachments[i];
            // A handle from another lab builder (GITOPS128, reported by JoinedAttachments) joins nothing here.
            var target = NamesThisLab(w.AttachmentIssuers[i]) ? attachments.FirstOrDefault(a => a.QualifiedName == reference.Value) : null;
            if (target is null)
            {
                continue;
            }

            var selection = w.Selections[i];
            var here = $"{path}/attachments/{target.QualifiedName}";
            var ips = new List<string>();
            foreach (var ip in selection.Ips)
            {
                if (target.Ipam is not PodAddressIpamOptions)
                {
                    _errors.Add(PodAddressIpamMismatch, $"{here}/ips",
                        $"the workload asks for {ip.Value} on '{target.QualifiedName}', whose {IpamName(target.Ipam)} IPAM ignores a pod's 'ips'; give the attachment .PodAddresses() or drop .Ip(\"{ip.Value}\").", ip.Source);
                    continue;
                }

                if (ParseAddressWithPrefix(ip.Value, $"{here}/ips", ip.Source) is not { } parsed)
                {
                    continue;
                }

                var subnet = target.Network.Subnet;
                if (!subnet.Contains(parsed.Address) || parsed.Prefix != subnet.PrefixLength || parsed.Address.Equals(subnet.BaseAddress) ||
                    (IpMath.IsIPv4(parsed.Address) && parsed.Address.Equals(IpMath.LastAddress(subnet))))
                {
                    _errors.Add(AddressOutsideSubnet, $"{here}/ips",
                        $"{ip.Value} is not a host address of network '{target.Network.Name}' ({subnet}) with its prefix; pick one such as {IpMath.Offset(subnet.BaseAddress, 50)}/{subnet.PrefixLength}.", ip.Source);
                    continue;
                }

                ips.Add($"{parsed.Address}/{parsed.Prefix}");
            }

            if (target.Ipam is PodAddressIpamOptions && selection.Ips.Count == 0)
            {
                _errors.Add(PodAddressIpamMismatch, $"{here}/ips",
                    $"'{target.QualifiedName}' takes each pod's address from its network selection, but the workload names none, so the static IPAM would have no address; add .Attach(\"{target.QualifiedName}\", s => s.Ip(\"{IpMath.Offset(target.Network.Subnet.BaseAddress, 50)}/{target.Network.Subnet.PrefixLength}\")).",
                    reference.Source);
            }

            string? mac = null;
            if (selection.MacText is { } macText)
            {
                if (!target.PodMac)
                {
                    _errors.Add(PodMacNotEnabled, $"{here}/mac",
                        $"the workload asks for MAC {macText.Value} on '{target.QualifiedName}', whose chain declares no 'mac' capability, so Multus's request would be dropped; give the attachment .PodMac().", macText.Source);
                }
                else if (ParseMac(macText, $"{here}/mac") is { } parsed)
                {
                    var bytes = parsed.GetAddressBytes();
                    if ((bytes[0] & 1) != 0)
                    {
                        _errors.Add(PodMacNotUnicast, $"{here}/mac",
                            $"{macText.Value} is a multicast MAC (the first octet's lowest bit is set); an interface needs a unicast one, e.g. a locally administered \"02:{macText.Value[3..]}\".", macText.Source);
                    }
                    else
                    {
                        mac = string.Join(':', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }

            result.Add(new NetworkSelection(target, ReadOnly.Copy(ips), mac));
        }

        return result;
    }

    private static string IpamName(AttachmentIpam ipam) => ipam switch
    {
        DhcpIpamOptions => "dhcp",
        StaticIpamOptions => "fixed static",
        HostLocalIpamOptions => "host-local",
        _ => ipam.GetType().Name,
    };
}
