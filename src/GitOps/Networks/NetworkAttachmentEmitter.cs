using GitOps.Cni;
using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.Networks;

/// <summary>One NetworkAttachmentDefinition per layer-2 attachment, its config the typed bridge → IPAM → route-fix chain.</summary>
internal static class NetworkAttachmentEmitter
{
    /// <summary>The attachments' files, in the attachments' order (built on every core for a large lab).</summary>
    public static IEnumerable<BundleFile> Emit(Lab lab)
    {
        var files = new BundleFile[lab.Attachments.Count];
        ParallelChunks.For(files.Length, i =>
        {
            var attachment = lab.Attachments[i];
            files[i] = new BundleFile(Bundle.Networks, $"networkattachmentdefinition-{attachment.Namespace}-{attachment.Name}.yaml",
                [Build(lab, attachment)]) { Source = attachment.Source };
        });
        return files;
    }

    public static NetworkAttachmentDefinition Build(Lab lab, Attachment attachment) => new()
    {
        Metadata = new V1ObjectMeta { Name = attachment.Name, NamespaceProperty = attachment.Namespace },
        Spec = new NetworkAttachmentDefinitionSpec { Config = LayerTwoConflist.Build(lab, attachment).ToJson() },
    };
}
