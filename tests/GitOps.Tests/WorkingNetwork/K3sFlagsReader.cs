using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Tests.WorkingNetwork;

/// <summary>
/// The pod and service ranges K3s runs with, read from whatever the output states them in: an
/// <c>INSTALL_K3S_EXEC</c>-style flag string (<c>--cluster-cidr=…</c> or <c>--cluster-cidr …</c>), a
/// <c>cluster-cidr</c>/<c>service-cidr</c> key anywhere in an object (Rancher's machineGlobalConfig, a K3s
/// config file rendered as YAML), or such a line in a text file. Unstated means K3s's default
/// (docs.k3s.io/cli/server: 10.42.0.0/16 and 10.43.0.0/16).
/// </summary>
public static partial class K3sFlagsReader
{
    public const string DefaultClusterCidr = "10.42.0.0/16";
    public const string DefaultServiceCidr = "10.43.0.0/16";

    public sealed record Flags(string ClusterCidr, string ServiceCidr);

    /// <param name="documents">Every YAML document of the output, as JSON.</param>
    /// <param name="texts">Every non-YAML file's text.</param>
    public static Flags Read(IEnumerable<JsonNode> documents, IEnumerable<string> texts)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            Walk(document, found);
        }

        foreach (var text in texts)
        {
            foreach (Match m in ConfigLine().Matches(text))
            {
                found.TryAdd(m.Groups["key"].Value, m.Groups["value"].Value);
            }
        }

        return new Flags(found.GetValueOrDefault("cluster-cidr", DefaultClusterCidr), found.GetValueOrDefault("service-cidr", DefaultServiceCidr));
    }

    private static void Walk(JsonNode? node, Dictionary<string, string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key is "cluster-cidr" or "service-cidr" && value is not null)
                    {
                        found.TryAdd(key, value is JsonArray a ? string.Join(',', a.Select(x => (string)x!)) : value.ToString());
                    }

                    Walk(value, found);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Walk(item, found);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Contains("--", StringComparison.Ordinal):
                foreach (Match m in Flag().Matches(s))
                {
                    found.TryAdd(m.Groups["key"].Value, m.Groups["value"].Value);
                }

                break;
        }
    }

    [GeneratedRegex(@"--(?<key>cluster-cidr|service-cidr)[= ](?<value>[^\s]+)")]
    private static partial Regex Flag();

    [GeneratedRegex(@"^(?<key>cluster-cidr|service-cidr):\s*""?(?<value>[0-9a-fA-F:./,]+)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex ConfigLine();
}
