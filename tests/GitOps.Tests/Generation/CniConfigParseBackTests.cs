using System.Text.Json;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>Every CNI config in the output parses back with System.Text.Json, with plugins in the right order and the key fields set.</summary>
public sealed class CniConfigParseBackTests
{
    /// <summary>The blog's final NAD config, verbatim: route-fix sits inside the bridge object.</summary>
    private const string BlogMalformedNadConfig = """
        {
          "cniVersion": "0.4.0",
          "name": "dhcp-cni-network",
          "plugins": [
            {
              "type": "bridge",
              "name": "mybridge",
              "bridge": "cni0",
              "isDefaultGateway": false,
              "uplinkInterface": "eth0",
              "enableIPv6": true,
              "ipam": {
                "type": "dhcp",
                "provide": [
                   { "option": "12", "fromArg": "K8S_POD_NAME" }
                ]
              },
              {
                "type": "route-fix"
              }
            }
          ]
        }
        """;

    [Fact]
    public void Layer2_attachment_config_is_bridge_then_route_fix_with_dhcp_pod_name()
    {
        var config = NadConfig(HomeLab.HomeLabModel.Build());
        Assert.Empty(ConflistChecks.Problems(config, "bridge", "route-fix"));
        using var doc = JsonDocument.Parse(config);
        var root = doc.RootElement;
        Assert.Equal("0.4.0", root.GetProperty("cniVersion").GetString());
        Assert.Equal("dhcp-cni-network", root.GetProperty("name").GetString());
        var bridge = root.GetProperty("plugins")[0];
        Assert.Equal("cni0", bridge.GetProperty("bridge").GetString());
        Assert.False(bridge.GetProperty("isDefaultGateway").GetBoolean());
        var ipam = bridge.GetProperty("ipam");
        Assert.Equal("dhcp", ipam.GetProperty("type").GetString());
        Assert.Equal("12", ipam.GetProperty("provide")[0].GetProperty("option").GetString());
        Assert.Equal("K8S_POD_NAME", ipam.GetProperty("provide")[0].GetProperty("fromArg").GetString());
        var routeFix = root.GetProperty("plugins")[1];
        Assert.True(routeFix.GetProperty("multicast").GetBoolean());
        Assert.True(routeFix.GetProperty("broadcast").GetBoolean());
        Assert.True(routeFix.GetProperty("removeDefaultRoute").GetBoolean());
    }

    [Fact]
    public void Multus_config_delegates_to_calico_bandwidth_portmap_with_the_derived_api_root()
    {
        // Calico v3.29.x still installs and chains bandwidth (the blog's chain).
        var lab = BlogLab.OneNode(calico: c => c.VersionTag("v3.29.7"), extra: b => b.Cluster("example", c => c.NodeNetwork("k8s").ServiceCidr("10.96.0.0/12")));
        var root = MultusConf(lab);
        Assert.Equal("multus", root.GetProperty("type").GetString());
        var delegateChain = root.GetProperty("delegates")[0].GetRawText();
        Assert.Empty(ConflistChecks.Problems(delegateChain, "calico", "bandwidth", "portmap"));
        var calico = root.GetProperty("delegates")[0].GetProperty("plugins")[0];
        Assert.Equal("https://10.96.0.1:443", calico.GetProperty("kubernetes").GetProperty("k8s_api_root").GetString());
        Assert.Equal("calico-ipam", calico.GetProperty("ipam").GetProperty("type").GetString());
        Assert.True(root.GetProperty("delegates")[0].GetProperty("plugins")[2].GetProperty("snat").GetBoolean());
    }

    [Fact]
    public void Multus_config_delegates_to_calico_portmap_from_calico_3_30_on()
    {
        var root = MultusConf(BlogLab.OneNode());
        var delegateChain = root.GetProperty("delegates")[0].GetRawText();
        Assert.Empty(ConflistChecks.Problems(delegateChain, "calico", "portmap"));
        Assert.True(root.GetProperty("delegates")[0].GetProperty("plugins")[1].GetProperty("snat").GetBoolean());
    }

    private static JsonElement MultusConf(GitOps.Topology.Lab lab)
    {
        var multus = LabGenerator.GenerateSet(lab).Files.Single(f => f.RelativePath == "multus/configmap-multus-cni-config.yaml");
        var json = ((k8s.Models.V1ConfigMap)multus.Objects[0]).Data["cni-conf.json"];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    [Fact]
    public void The_blogs_malformed_chain_fails_the_same_check()
    {
        Assert.NotEmpty(ConflistChecks.Problems(BlogMalformedNadConfig, "bridge", "route-fix"));
    }

    [Fact]
    public void A_chain_in_the_wrong_order_fails_the_check()
    {
        const string swapped = """{"cniVersion":"0.4.0","name":"x","plugins":[{"type":"route-fix"},{"type":"bridge","bridge":"cni0","ipam":{"type":"dhcp"}}]}""";
        Assert.NotEmpty(ConflistChecks.Problems(swapped, "bridge", "route-fix"));
    }

    private static string NadConfig(GitOps.Topology.Lab lab) =>
        LabGenerator.GenerateSet(lab).Files
            .Where(f => f.RelativePath.StartsWith("networks/", StringComparison.Ordinal))
            .SelectMany(f => f.Objects.OfType<GitOps.Networks.NetworkAttachmentDefinition>())
            .Select(nad => nad.Spec.Config)
            .Single();
}

/// <summary>Structural checks of a conflist: it parses, has cniVersion and name, and exactly the expected plugin types in order, none nested.</summary>
internal static class ConflistChecks
{
    public static IReadOnlyList<string> Problems(string json, params string[] expectedTypes)
    {
        var problems = new List<string>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return [$"does not parse: {e.Message}"];
        }

        using (doc)
        {
            var root = doc.RootElement;
            foreach (var key in new[] { "cniVersion", "name", "plugins" })
            {
                if (!root.TryGetProperty(key, out _))
                {
                    problems.Add($"missing '{key}'");
                }
            }

            if (!root.TryGetProperty("plugins", out var plugins) || plugins.ValueKind != JsonValueKind.Array)
            {
                return problems;
            }

            var types = plugins.EnumerateArray().Select(p => p.TryGetProperty("type", out var t) ? t.GetString() : null).ToArray();
            if (!types.SequenceEqual(expectedTypes))
            {
                problems.Add($"plugins are [{string.Join(", ", types)}], expected [{string.Join(", ", expectedTypes)}]");
            }
        }

        return problems;
    }
}
