using GitOps.Tests.Support;
using GitOps.Topology;

namespace GitOps.Tests.Picture;

/// <summary>The labs NETWORK.md is shown with beyond the sample.</summary>
internal static class PictureLabs
{
    /// <summary>
    /// The blog's lab grown: a second node whose interface and bridge names hold every character Mermaid or Markdown
    /// could read as syntax (quote, '#', ';', '&lt;', '&amp;', '|', backtick, '*', '_', brackets), a VLAN sub-interface
    /// on a third network, a static-address attachment without route-fix and a second workload on both attachments.
    /// </summary>
    public static Lab Variation() => BlogLab.OneNode(
        extra: l => l
            .Network("iot", n => n.Vlan(30).Subnet("192.168.30.0/24").Gateway("192.168.30.1"))
            .Attachment("iot/cameras", a => a.Network("iot").Bridge("b`*_[x]{end}").StaticAddress("192.168.30.50/24", "192.168.30.1").RouteFix(false))
            .Workload("iot/recorder", w => w.Image("ghcr.io/example/recorder:1.0").Port("rtsp", 554)
                .Attach("default/layer2-bridge").Attach("iot/cameras")),
        secondNode: n => n
            .Interface("e\"#1;<&>|x", "lan", i => i.Bridge("cni0"))
            .Interface("eth1", "k8s")
            .Interface("eth1.30", "iot", i => i.Bridge("b`*_[x]{end}")));
}
