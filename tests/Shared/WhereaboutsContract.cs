using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace GitOps.TestSupport;

/// <summary>
/// A NAD's whereabouts IPAM object against what whereabouts itself reads (k8snetworkplumbingwg/whereabouts v0.9.4,
/// 3a262bd0): the field names and JSON types of <c>pkg/types/types.go</c> <c>IPAMConfig.UnmarshalJSON</c>, and the
/// values its <c>pkg/config/config.go</c> <c>LoadIPAMConfig</c> parses: <c>range</c> through <c>ParseCIDRSloppy</c>
/// (here: a canonical CIDR), <c>range_start</c>/<c>range_end</c> IPs inside the range (<c>pkg/iphelpers</c> GetIPRange
/// silently ignores others), <c>gateway</c> through <c>ParseIPSloppy</c>, <c>network_name</c> part of the IPPool's
/// object name (<c>pkg/storage/kubernetes/ipam.go</c> IPPoolName), so a DNS label. No <c>kubernetes</c> key: the
/// kubeconfig comes from the flat file the DaemonSet's install script writes under /etc/cni/net.d/whereabouts.d
/// (<c>pkg/config</c> GetFlatIPAM). Linked into GitOps.Tests (the emitted NADs) and GitOps.NodeEmulator.Tests (the
/// second sample's committed NAD), so both read one statement of the contract.
/// </summary>
internal static class WhereaboutsContract
{
    /// <summary>IPAMConfig's JSON tags the library may emit and their JSON kinds (pkg/types/types.go, v0.9.4).</summary>
    public static readonly IReadOnlyDictionary<string, JsonValueKind> Fields = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal)
    {
        ["type"] = JsonValueKind.String,
        ["range"] = JsonValueKind.String,
        ["range_start"] = JsonValueKind.String,
        ["range_end"] = JsonValueKind.String,
        ["exclude"] = JsonValueKind.Array,
        ["gateway"] = JsonValueKind.String,
        ["network_name"] = JsonValueKind.String,
    };

    public static void Check(JsonObject ipam)
    {
        foreach (var (key, value) in ipam)
        {
            Assert.True(Fields.TryGetValue(key, out var kind), $"'{key}' is not an IPAMConfig field whereabouts reads");
            Assert.Equal(kind, value!.GetValueKind());
        }

        Assert.Equal("whereabouts", (string?)ipam["type"]);
        var range = IPNetwork.Parse((string)ipam["range"]!);
        Assert.Equal(range.ToString(), (string)ipam["range"]!);
        foreach (var bound in new[] { "range_start", "range_end" })
        {
            if (ipam[bound] is { } ip)
            {
                Assert.True(range.Contains(IPAddress.Parse((string)ip!)), $"{bound} {ip} outside {range}: whereabouts would ignore it");
            }
        }

        if (ipam["gateway"] is { } gateway)
        {
            Assert.True(IPAddress.TryParse((string)gateway!, out _), $"gateway '{gateway}' is not an IP");
        }

        if (ipam["network_name"] is { } name)
        {
            Assert.Matches(new Regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"), (string)name!);
        }
    }
}
