using GitOps.Tests.Fleet;
using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.Hosts;

/// <summary>The blog's lab with both nodes as Hyper-V VMs on one host, as the seed runs them (docs: the seed's "VM Network Adapter Configuration").</summary>
internal static class HyperVLabs
{
    public const string Host = "hv-host-1";

    /// <summary>k8s-1 under its own name with the blog lab's adapters "lan"/"k8s"; k8s-2 under a VM name with a space and a quote.</summary>
    public static Lab TwoVms() => BlogLab.Build(new LabChange
    {
        Node = n => n.HyperV(Host),
        Eth0 = i => i.VmAdapter("lan"),
        SecondNode = n => n.HyperV(Host, vm: "k8s 2 (o'brien)")
            .Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a").VmAdapter("LAN"))
            .Interface("eth1", "k8s", i => i.VmAdapter("K8s VLAN 20")),
    });

    public static string Script(Lab lab, string host = Host) => GitOpsLabs.Text(GitOpsLabs.Files(lab)[$"hosts/hyperv/{host}.ps1"]);
}
