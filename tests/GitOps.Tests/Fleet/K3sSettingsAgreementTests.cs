using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// The K3s server settings and the CNI layer come from one model, read back from the written files: the cluster
/// CIDR is the Calico pool, and Calico's <c>k8s_api_root</c> (in the Multus delegate) is the first address of the
/// service CIDR K3s is told to use (issue 10, item 3).
/// </summary>
public sealed partial class K3sSettingsAgreementTests
{
    public static TheoryData<string, string, string, string> Labs() => new()
    {
        { "sample", "192.168.7.0/24", "10.43.0.0/16", "https://10.43.0.1:443" },
        { "flux-non-default", "10.244.0.0/22", "10.96.0.0/12", "https://10.96.0.1:443" },
    };

    private static Lab Build(string lab) => lab == "sample" ? HomeLab.HomeLabModel.Build() : GitOpsLabs.FluxNonDefaultCidrs();

    [Theory]
    [MemberData(nameof(Labs))]
    public void K3s_settings_agree_with_the_calico_pool_and_the_api_root(string lab, string pool, string serviceCidr, string apiRoot)
    {
        var files = DayZeroWalk.Texts(LabGenerator.GenerateSet(Build(lab)));
        var (config, layer) = Read(files);

        Assert.Equal("none", (string?)config["flannel-backend"]);
        Assert.True((bool?)config["disable-network-policy"]);
        Assert.Equal(pool, (string?)config["cluster-cidr"]);
        Assert.Equal(serviceCidr, (string?)config["service-cidr"]);

        var chart = layer.Single(d => (string?)d["kind"] == "HelmChart" && (string?)d["metadata"]!["name"] == "tigera-operator");
        var installation = YamlText.Documents((string)chart["spec"]!["valuesContent"]!).Single()!["installation"]!;
        Assert.Equal((string?)config["cluster-cidr"], (string?)installation["calicoNetwork"]!["ipPools"]![0]!["cidr"]);

        var multusConf = (string)layer.Single(d => (string?)d["kind"] == "ConfigMap")["data"]!["cni-conf.json"]!;
        var root = ApiRoot().Match(multusConf);
        Assert.True(root.Success, multusConf);
        Assert.Equal(apiRoot, root.Groups["root"].Value);
        var services = IPNetwork.Parse((string)config["service-cidr"]!);
        var ip = IPAddress.Parse(root.Groups["ip"].Value);
        Assert.True(services.Contains(ip), $"{ip} is outside the service CIDR {services}");
        Assert.Equal(IpFirstHost(services), ip);
    }

    /// <summary>Machine config from the Rancher Cluster, or from the server's host file; the CNI layer from either.</summary>
    private static (JsonNode Config, IReadOnlyList<JsonNode> Layer) Read(IReadOnlyDictionary<string, string> files)
    {
        var cluster = files.Where(f => f.Key.StartsWith("rancher-local/cluster-", StringComparison.Ordinal)).Select(f => YamlText.Documents(f.Value).Single()!).SingleOrDefault();
        if (cluster is not null)
        {
            var rke = cluster["spec"]!["rkeConfig"]!;
            return (rke["machineGlobalConfig"]!, YamlText.Documents((string)rke["additionalManifest"]!).OfType<JsonNode>().ToArray());
        }

        var config = YamlText.Documents(files.Single(f => f.Key.EndsWith("/etc/rancher/k3s/config.yaml", StringComparison.Ordinal)).Value).Single()!;
        var layer = YamlText.Documents(files.Single(f => f.Key.Contains("/var/lib/rancher/k3s/server/manifests/", StringComparison.Ordinal)).Value).OfType<JsonNode>().ToArray();
        return (config, layer);
    }

    private static IPAddress IpFirstHost(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        bytes[^1]++;
        return new IPAddress(bytes);
    }

    [GeneratedRegex("\"k8s_api_root\": \"(?<root>https://(?<ip>[0-9.]+):443)\"")]
    private static partial Regex ApiRoot();
}
