using GitOps.Cni;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Networks;

/// <summary>One NetworkAttachmentDefinition per layer-2 attachment, its config the typed bridge → IPAM → route-fix chain.</summary>
internal static class NetworkAttachmentEmitter
{
    public static IEnumerable<BundleFile> Emit(Lab lab) =>
        lab.Attachments.Select(a => new BundleFile(
            Bundle.Networks,
            $"networkattachmentdefinition-{a.Namespace}-{a.Name}.yaml",
            [Build(lab, a)]) { Source = a.Source });

    public static NetworkAttachmentDefinition Build(Lab lab, Attachment attachment) => new()
    {
        Metadata = new V1ObjectMeta { Name = attachment.Name, NamespaceProperty = attachment.Namespace },
        Spec = new NetworkAttachmentDefinitionSpec { Config = LayerTwoConflist.Build(lab, attachment).ToJson() },
    };
}
