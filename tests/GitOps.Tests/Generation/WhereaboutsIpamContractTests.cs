using System.Net;
using System.Text.Json;
using GitOps.Tests.Support;
using GitOps.TestSupport;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// The whereabouts IPAM JSON the library emits, read back from the NAD, against whereabouts' own parsing rules
/// (k8snetworkplumbingwg/whereabouts v0.9.4). whereabouts cannot run here (it needs a kube-apiserver for its IPPools),
/// so this replays what its <c>pkg/config/config.go</c> <c>LoadIPAMConfig</c> does with each field:
/// <list type="bullet">
/// <item>field names and JSON types: <c>pkg/types/types.go</c> <c>IPAMConfig.UnmarshalJSON</c> (<c>range</c>,
/// <c>range_start</c>, <c>range_end</c>, <c>gateway</c>, <c>network_name</c>: string; <c>exclude</c>: []string);</item>
/// <item><c>range</c> without '-' goes through <c>ParseCIDRSloppy</c>; <c>range_start</c>/<c>range_end</c> through
/// <c>backwardsCompatibleIPAddress</c> (an IP) and are honoured only inside the range (<c>pkg/iphelpers</c> <c>GetIPRange</c>);</item>
/// <item><c>exclude</c> entries through <c>parseExcludedRange</c> (<c>pkg/allocate</c>): a CIDR or one IP;
/// <c>gateway</c> through <c>ParseIPSloppy</c>.</item>
/// </list>
/// </summary>
public sealed class WhereaboutsIpamContractTests
{
    [Fact]
    public void Emitted_ipam_uses_only_whereabouts_fields_with_their_types_and_values_it_parses()
    {
        var ipam = EmittedIpam(a => a.Whereabouts("192.168.2.128/26", w => w
            .RangeStart("192.168.2.130").RangeEnd("192.168.2.180").Exclude("192.168.2.150/31").Exclude("192.168.2.160")
            .Gateway("192.168.2.1").NetworkName("lan-pods")));

        WhereaboutsContract.Check(System.Text.Json.Nodes.JsonNode.Parse(ipam.GetRawText())!.AsObject());
        Assert.Equal(WhereaboutsContract.Fields.Keys.Order(StringComparer.Ordinal), ipam.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
        var range = ipam.GetProperty("range").GetString()!;
        Assert.DoesNotContain('-', range);
        var cidr = IPNetwork.Parse(range);
        // The network's subnet, so the pod's address carries the LAN's prefix (whereabouts gives the range's mask,
        // allocate.go AssignIP); the explicit start and end keep allocation inside the model's /26.
        Assert.Equal("192.168.2.0/24", cidr.ToString());
        Assert.Equal("192.168.2.130", ipam.GetProperty("range_start").GetString());
        Assert.Equal("192.168.2.180", ipam.GetProperty("range_end").GetString());
        Assert.True(IPAddress.TryParse(ipam.GetProperty("gateway").GetString(), out _));
        Assert.Equal(["192.168.2.150/31", "192.168.2.160/32"], ipam.GetProperty("exclude").EnumerateArray().Select(e => e.GetString()!));
        Assert.All(ipam.GetProperty("exclude").EnumerateArray(), e => Assert.True(cidr.Contains(IPNetwork.Parse(e.GetString()!).BaseAddress)));
    }

    [Theory]
    [InlineData("192.168.2.128/26", "192.168.2.129", "192.168.2.190")]
    [InlineData("192.168.2.64/27", "192.168.2.65", "192.168.2.94")]
    public void A_range_narrower_than_the_subnet_is_the_subnet_from_the_ranges_first_to_last_usable_address(string model, string first, string last)
    {
        // What whereabouts would hand out for the narrower range (iphelpers.go GetIPRange: FirstUsableIP = network + 1,
        // LastUsableIP = broadcast - 1), now with the subnet's prefix on the pod.
        var ipam = EmittedIpam(a => a.Whereabouts(model));
        Assert.Equal("192.168.2.0/24", ipam.GetProperty("range").GetString());
        Assert.Equal(first, ipam.GetProperty("range_start").GetString());
        Assert.Equal(last, ipam.GetProperty("range_end").GetString());
    }

    [Fact]
    public void Minimal_whereabouts_ipam_is_upstreams_readme_example_narrowed_by_start_and_end()
    {
        var ipam = EmittedIpam(a => a.Whereabouts("192.168.2.128/26"));
        // The other side: the README's NAD example (corpus copy of README.md line 93) uses exactly type and range; a
        // range narrower than the network's subnet adds the two fields that narrow it (README "Optional").
        var example = YamlText.Documents(UpstreamFiles.Read("corpus/whereabouts/README.md__L93.yaml"))[0]!;
        using var exampleConfig = JsonDocument.Parse((string)example["spec"]!["config"]!);
        var exampleIpam = exampleConfig.RootElement.GetProperty("ipam");
        Assert.Equal(
            exampleIpam.EnumerateObject().Select(f => f.Name).Concat(["range_end", "range_start"]).Order(StringComparer.Ordinal),
            ipam.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(exampleIpam.GetProperty("type").GetString(), ipam.GetProperty("type").GetString());
    }

    [Fact]
    public void Whereabouts_sits_in_the_bridge_plugin_and_route_fix_follows()
    {
        var config = NadConfig(a => a.Whereabouts("192.168.2.128/26"));
        Assert.Empty(ConflistChecks.Problems(config, "bridge", "route-fix"));
    }

    private static JsonElement EmittedIpam(Action<GitOps.Topology.AttachmentBuilder> attachment)
    {
        using var doc = JsonDocument.Parse(NadConfig(attachment));
        return doc.RootElement.GetProperty("plugins")[0].GetProperty("ipam").Clone();
    }

    private static string NadConfig(Action<GitOps.Topology.AttachmentBuilder> attachment) =>
        LabGenerator.GenerateSet(BlogLab.Build(new() { Attachment = attachment })).Files
            .SelectMany(f => f.Objects.OfType<GitOps.Networks.NetworkAttachmentDefinition>())
            .Select(nad => nad.Spec.Config)
            .Single();
}
