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
    /// <summary>IPAMConfig's JSON tags the library may emit and their JSON kinds (pkg/types/types.go, v0.9.4).</summary>
    private static readonly Dictionary<string, JsonValueKind> WhereaboutsFields = new(StringComparer.Ordinal)
    {
        ["type"] = JsonValueKind.String,
        ["range"] = JsonValueKind.String,
        ["range_start"] = JsonValueKind.String,
        ["range_end"] = JsonValueKind.String,
        ["exclude"] = JsonValueKind.Array,
        ["gateway"] = JsonValueKind.String,
        ["network_name"] = JsonValueKind.String,
    };

    [Fact]
    public void Emitted_ipam_uses_only_whereabouts_fields_with_their_types_and_values_it_parses()
    {
        var ipam = EmittedIpam(a => a.Whereabouts("192.168.2.128/26", w => w
            .RangeStart("192.168.2.130").RangeEnd("192.168.2.180").Exclude("192.168.2.150/31").Exclude("192.168.2.160")
            .Gateway("192.168.2.1").NetworkName("lan-pods")));

        Assert.Equal("whereabouts", ipam.GetProperty("type").GetString());
        foreach (var field in ipam.EnumerateObject())
        {
            Assert.True(WhereaboutsFields.TryGetValue(field.Name, out var kind), $"'{field.Name}' is not an IPAMConfig field whereabouts reads");
            Assert.Equal(kind, field.Value.ValueKind);
        }

        Assert.Equal(WhereaboutsFields.Keys.Order(StringComparer.Ordinal), ipam.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
        var range = ipam.GetProperty("range").GetString()!;
        Assert.DoesNotContain('-', range);
        var cidr = IPNetwork.Parse(range);
        Assert.Equal("192.168.2.128/26", cidr.ToString());
        Assert.True(cidr.Contains(IPAddress.Parse(ipam.GetProperty("range_start").GetString()!)));
        Assert.True(cidr.Contains(IPAddress.Parse(ipam.GetProperty("range_end").GetString()!)));
        Assert.True(IPAddress.TryParse(ipam.GetProperty("gateway").GetString(), out _));
        Assert.Equal(["192.168.2.150/31", "192.168.2.160/32"], ipam.GetProperty("exclude").EnumerateArray().Select(e => e.GetString()!));
        Assert.All(ipam.GetProperty("exclude").EnumerateArray(), e => Assert.True(cidr.Contains(IPNetwork.Parse(e.GetString()!).BaseAddress)));
    }

    [Fact]
    public void Minimal_whereabouts_ipam_is_type_and_range_as_upstreams_readme_example()
    {
        var ipam = EmittedIpam(a => a.Whereabouts("192.168.2.128/26"));
        // The other side: the README's NAD example (corpus copy of README.md line 93) uses exactly these two fields.
        var example = YamlText.Documents(UpstreamFiles.Read("corpus/whereabouts/README.md__L93.yaml"))[0]!;
        using var exampleConfig = JsonDocument.Parse((string)example["spec"]!["config"]!);
        var exampleIpam = exampleConfig.RootElement.GetProperty("ipam");
        Assert.Equal(exampleIpam.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal), ipam.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
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
