using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Validation;

/// <summary>
/// Calico's CNI plugin, when it delegates to host-local IPAM, replaces the placeholder subnets
/// <c>usePodCidr</c> and <c>usePodCidrIPv6</c> (compared case-insensitively) in <c>ipam.subnet</c> and in every
/// <c>ipam.ranges[][].subnet</c> with the node's pod CIDRs before host-local reads the config
/// (projectcalico/calico cni-plugin/internal/pkg/utils/utils.go <c>ReplaceHostLocalIPAMPodCIDRs</c>, v3.32.1 and
/// master 87c15906). The validator does the same with stand-in CIDRs so host-local's schema sees a CIDR there.
/// </summary>
internal static class CalicoPodCidr
{
    /// <summary>What stands in for the node's pod CIDR (any CIDR: only its form is checked).</summary>
    private const string StandInV4 = "10.0.0.0/8";
    private const string StandInV6 = "fd00::/8";

    public static JsonElement Substituted(JsonElement ipam, List<JsonDocument> owned)
    {
        if (!Mentions(ipam))
        {
            return ipam;
        }

        var node = JsonNode.Parse(ipam.GetRawText())!.AsObject();
        Replace(node);
        if (node["ranges"] is JsonArray sets)
        {
            foreach (var range in sets.OfType<JsonArray>().SelectMany(s => s.OfType<JsonObject>()))
            {
                Replace(range);
            }
        }

        var document = JsonDocument.Parse(node.ToJsonString());
        owned.Add(document);
        return document.RootElement;
    }

    private static bool Mentions(JsonElement ipam) =>
        ipam.GetRawText().Contains("usePodCidr", StringComparison.OrdinalIgnoreCase);

    private static void Replace(JsonObject holder)
    {
        if (holder["subnet"] is JsonValue value && value.TryGetValue<string>(out var subnet))
        {
            if (subnet.Equals("usePodCidr", StringComparison.OrdinalIgnoreCase))
            {
                holder["subnet"] = StandInV4;
            }
            else if (subnet.Equals("usePodCidrIPv6", StringComparison.OrdinalIgnoreCase))
            {
                holder["subnet"] = StandInV6;
            }
        }
    }
}
