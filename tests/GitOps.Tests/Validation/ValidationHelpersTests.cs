using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Validation;

/// <summary>The small parsers the rules rely on: Go-compatible IP/CIDR, Multus image tags, typo suggestions.</summary>
public sealed class ValidationHelpersTests
{
    [Theory]
    [InlineData("192.168.2.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::", true)]
    [InlineData("1", false)]            // .NET alone would read 0.0.0.1
    [InlineData("192.168.2", false)]
    [InlineData("192.168.2.256", false)]
    [InlineData("fe80::1%eth0", false)] // Go's ParseIP takes no zone
    [InlineData("eth1", false)]
    public void Ip_addresses_are_read_as_go_reads_them(string text, bool valid)
    {
        Assert.Equal(valid, SchemaFormats.IsIpAddress(text));
    }

    [Theory]
    [InlineData("192.168.2.0/24", true)]
    [InlineData("192.168.2.158/24", true)] // host bits may be set (net.ParseCIDR accepts it)
    [InlineData("0.0.0.0/0", true)]
    [InlineData("fd00::/64", true)]
    [InlineData("192.168.2.0", false)]
    [InlineData("192.168.2.0/33", false)]
    [InlineData("fd00::/129", false)]
    [InlineData("192.168.2.0/", false)]
    [InlineData("192.168.2.0/+8", false)]
    public void Cidrs_are_read_as_go_reads_them(string text, bool valid)
    {
        Assert.Equal(valid, SchemaFormats.IsCidr(text));
    }

    [Theory]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni:v3.9.3", "3.9.3")]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.1.0-thick", "4.1.0")]
    [InlineData("registry.local:5000/mirror/multus-cni:v3.8", "3.8.0")]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni:stable", null)]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni:snapshot-thick", null)]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni", null)]
    [InlineData("docker.io/calico/cni:v3.9.3", null)]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "4.3.0")]
    [InlineData("ghcr.io/k8snetworkplumbingwg/multus-cni@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null)]
    public void Multus_version_is_read_from_the_image_tag(string image, string? expected)
    {
        Assert.Equal(expected, MultusImageVersion.FromImage(image)?.ToString(3));
    }

    [Theory]
    [InlineData("3.9.3", "0.4.0", true)]
    [InlineData("3.9.3", "0.3.1", true)]
    [InlineData("3.9.3", "1.0.0", false)]
    [InlineData("4.0.0", "1.0.0", true)]
    [InlineData("4.0.0", "1.1.0", true)]
    public void Multus_3_reads_cni_versions_up_to_0_4_0(string multus, string cniVersion, bool reads)
    {
        Assert.Equal(reads, MultusImageVersion.ReadsCniVersion(Version.Parse(multus), cniVersion));
    }

    [Theory]
    [InlineData("Nonee", "None")]
    [InlineData("imagePullPolicyy", "imagePullPolicy")]
    [InlineData("LABELS", "labels")]
    [InlineData("bogus", null)]
    public void Typo_suggestions_are_close_or_absent(string typo, string? expected)
    {
        Assert.Equal(expected, SchemaErrorReporter.Closest(typo, ["None", "IPIP", "VXLAN", "imagePullPolicy", "image", "labels"]));
    }
}
