using GitOps.Tests.Fleet;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Hosts;

/// <summary>The Hyper-V host script: what it sets per VM adapter, where it goes, and that it stays byte-identical.</summary>
public sealed class HyperVScriptTests
{
    [Fact]
    public void Each_adapter_gets_its_vlan_and_bridge_ports_get_mac_spoofing()
    {
        var lines = HyperVLabs.Script(HyperVLabs.TwoVms()).Split('\n');

        Assert.Contains("#Requires -Modules Hyper-V", lines);
        Assert.Contains("$ErrorActionPreference = 'Stop'", lines);
        Assert.StartsWith("# hv-host-1: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("'home-lab'", lines[0], StringComparison.Ordinal);
        string[] commands =
        [
            "Set-VMNetworkAdapterVlan -VMName 'k8s-1' -VMNetworkAdapterName 'lan' -Untagged",
            "Set-VMNetworkAdapter -VMName 'k8s-1' -Name 'lan' -MacAddressSpoofing On",
            "Set-VMNetworkAdapterVlan -VMName 'k8s-1' -VMNetworkAdapterName 'k8s' -Access -VlanId 20",
            "Set-VMNetworkAdapterVlan -VMName 'k8s 2 (o''brien)' -VMNetworkAdapterName 'LAN' -Untagged",
            "Set-VMNetworkAdapter -VMName 'k8s 2 (o''brien)' -Name 'LAN' -MacAddressSpoofing On",
            "Set-VMNetworkAdapterVlan -VMName 'k8s 2 (o''brien)' -VMNetworkAdapterName 'K8s VLAN 20' -Access -VlanId 20",
        ];
        Assert.Equal(commands, lines.Where(l => l.StartsWith("Set-", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_macvlan_master_gets_mac_spoofing_and_a_plain_adapter_does_not()
    {
        var lab = BlogLab.Build(new LabChange
        {
            Node = n => n.HyperV(HyperVLabs.Host),
            Eth0 = i => i.VmAdapter("lan"),
            Attachment = a => a.Macvlan(),
            SecondNode = n => n.HyperV(HyperVLabs.Host)
                .Interface("eth0", "lan", i => i.VmAdapter("lan"))
                .Interface("eth1", "k8s", i => i.VmAdapter("k8s")),
        });

        var script = HyperVLabs.Script(lab);

        Assert.Contains("Set-VMNetworkAdapter -VMName 'k8s-2' -Name 'lan' -MacAddressSpoofing On", script, StringComparison.Ordinal);
        Assert.DoesNotContain("-Name 'k8s' -MacAddressSpoofing", script, StringComparison.Ordinal);
    }

    [Fact]
    public void One_script_per_host_and_none_without_host_files()
    {
        Assert.Equal(["hosts/hyperv/hyperv-1.ps1", "hosts/hyperv/hyperv-2.ps1"], GitOpsLabs.Files(BlogLab.Build()).Keys.Where(k => k.StartsWith("hosts/hyperv/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var noHostFiles = BlogLab.Build(new LabChange { Node = n => n.HyperV(HyperVLabs.Host), Eth0 = i => i.VmAdapter("lan"), Omit = LabSection.GitOps });
        Assert.DoesNotContain(GitOpsLabs.Files(noHostFiles).Keys, k => k.StartsWith("hosts/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_script_is_byte_identical_across_runs_and_has_lf_line_ends()
    {
        var first = HyperVLabs.Script(HyperVLabs.TwoVms());
        Assert.Equal(first, HyperVLabs.Script(HyperVLabs.TwoVms()));
        Assert.DoesNotContain('\r', first);
        Assert.EndsWith("\n", first, StringComparison.Ordinal);
    }
}
