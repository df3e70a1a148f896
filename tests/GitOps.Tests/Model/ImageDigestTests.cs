using GitOps.Output;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// Images pinned by digest (<c>.NodeAgent(n => n.RouteFixImage("…@sha256:…"))</c>, e.g. a mirror of the released
/// route-fix image): accepted and written exactly as given; a digest the kubelet could not parse (go-digest: a
/// registered algorithm and all of its lower-case hex digits) is GITOPS118 at the call.
/// </summary>
public sealed class ImageDigestTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("registry.example.net/mirror/route-fix@sha256:" + Hex)]
    [InlineData("registry.example.net:5000/mirror/route-fix:0.1.0@sha256:" + Hex)]
    [InlineData("ghcr.io/lab-network/route-fix@sha512:" + Hex + Hex)]
    public void A_route_fix_image_pinned_by_digest_is_written_into_the_installer_as_given(string image)
    {
        var files = LabGenerator.GenerateSet(BlogLab.Build(new() { NodeAgent = n => n.RouteFixImage(image) })).Files;
        var installer = files.Single(f => f.RelativePath == "node-agent/daemonset-route-fix-installer.yaml");
        var yaml = YamlText.Documents(YamlRenderer.RenderObject(installer.Objects[0]))[0]!;
        var images = yaml["spec"]!["template"]!["spec"]!["initContainers"]!.AsArray().Select(c => (string?)c!["image"]).ToArray();
        Assert.Contains(image, images);
    }

    [Theory]
    [InlineData("@sha256:" + "0123456789abcdef", "sha256:0123456789abcdef")] // too short
    [InlineData("@sha256:" + "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", "sha256:0123456789ABCDEF")] // upper-case hex
    [InlineData("@md5:0123456789abcdef0123456789abcdef", "md5:")] // an algorithm go-digest does not register
    [InlineData("@" + Hex, Hex)] // no algorithm
    public void A_digest_the_kubelet_cannot_parse_is_rejected_at_the_call(string digest, string named) =>
        Expect.Error(new() { NodeAgent = n => n.RouteFixImage("ghcr.io/lab-network/route-fix:0.1.0" + digest) },
            InvalidImage, "lab/nodeAgent/routeFixImage", value: named, fix: "copy the digest the registry reports");

    [Fact]
    public void Upper_case_in_the_repository_is_still_rejected_when_a_digest_follows() =>
        Expect.Error(new() { NodeAgent = n => n.RouteFixImage("ghcr.io/Lab-Network/route-fix@sha256:" + Hex) },
            InvalidImage, "lab/nodeAgent/routeFixImage", value: "'ghcr.io/Lab-Network/route-fix@sha256:", fix: "registry/repository:tag");
}
