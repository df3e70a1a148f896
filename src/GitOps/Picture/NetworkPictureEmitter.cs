using GitOps.Output;
using GitOps.Topology;

namespace GitOps.Picture;

/// <summary>
/// <c>NETWORK.md</c> at the top of the output folder: a Mermaid diagram of the lab and tables of its subnets,
/// gateways, MTUs and which node has what (<see cref="NetworkPictureRenderer"/>). A top-level file is in no bundle:
/// delivery places only bundled files in folders (<see cref="Delivery.BundleLayout"/>), Fleet's GitRepo <c>paths:</c> and
/// Flux's Kustomization paths name those folders, and the Fleet bundle size is measured per folder.
/// </summary>
internal static class NetworkPictureEmitter
{
    /// <summary>The file name, at the root of the output folder.</summary>
    public const string FileName = "NETWORK.md";

    /// <summary>One file for every lab.</summary>
    public static IEnumerable<ManifestFile> Emit(Lab lab)
    {
        ArgumentNullException.ThrowIfNull(lab);
        yield return new ManifestFile(FileName, [new NetworkPicture(lab)]);
    }
}

/// <summary>The document of <c>NETWORK.md</c>: the lab it pictures (rendered by <see cref="NetworkPictureRenderer"/>).</summary>
internal sealed record NetworkPicture(Lab Lab) : ITextFileDocument
{
    /// <inheritdoc />
    public string RenderText() => NetworkPictureRenderer.Render(this);
}
