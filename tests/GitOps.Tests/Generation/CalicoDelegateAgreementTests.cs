using System.Net;
using System.Text.Json.Nodes;
using GitOps.Calico;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Generation;

/// <summary>
/// The thin plugin's Calico delegate (multus ConfigMap) and the Installation are two emitted objects that
/// must describe the same Calico CNI config: these tests read both back from the generated files and
/// compare them the way the operator renders <c>10-calico.conflist</c> from the Installation
/// (tigera/operator <c>pkg/render/node.go</c>: mtu, <c>allow_ip_forwarding</c>, IPAM, <c>portmap</c> when
/// <c>hostPorts</c> is Enabled, its default). The delegate's plugins must also be ones the chosen Calico
/// release installs on the node.
/// </summary>
public sealed class CalicoDelegateAgreementTests
{
    public static TheoryData<string> Labs => new(LabsByName.Keys);

    private static readonly IReadOnlyDictionary<string, Func<Lab>> LabsByName = new Dictionary<string, Func<Lab>>
    {
        // The sample's Calico and Multus sections (without its GitOps section, whose delivery decides where files go).
        ["Blog"] = () => BlogLab.OneNode(),
        ["Calico 3.29 with MTU and IP forwarding"] = () => BlogLab.OneNode(calico: c => c.VersionTag("v3.29.7").Mtu(8950).ContainerIpForwarding()),
        ["Calico 3.28 oldest"] = () => BlogLab.OneNode(calico: c => c.VersionTag("v3.28.0")),
        ["Calico 3.30 MTU 1450"] = () => BlogLab.OneNode(calico: c => c.VersionTag("v3.30.0").Mtu(1450)),
        // The generated BGP peering is IPv4 only (GITOPS166): this lab's router has static routes to the pool instead.
        ["IPv6 pool"] = () => BlogLab.OneNode(extra: b => b.Calico(c => c.IPPool("fd00:7::/112", blockSize: 122).RouterHasStaticRoutes())),
        ["Multus v4 thin"] = () => BlogLab.OneNode(multus: m => m.Version(MultusVersion.V4, plugin: MultusPlugin.Thin), calico: c => c.Mtu(9000)),
    };

    [Theory]
    [MemberData(nameof(Labs))]
    public void The_delegate_says_what_the_Installation_says(string name)
    {
        var (installation, calicoDelegate) = Emitted(LabsByName[name]());
        Assert.Empty(Disagreements(installation, calicoDelegate));
    }

    [Fact]
    public void The_comparison_fails_when_the_Installation_changes_alone()
    {
        var (installation, calicoDelegate) = Emitted(BlogLab.OneNode(calico: c => c.Mtu(8950)));
        installation["spec"]!["calicoNetwork"]!["mtu"] = 1400;
        installation["spec"]!["calicoNetwork"]!["containerIPForwarding"] = "Enabled";
        installation["spec"]!["calicoNetwork"]!["hostPorts"] = "Disabled";

        Assert.Equal(3, Disagreements(installation, calicoDelegate).Count);
    }

    [Theory]
    [InlineData("v3.28.0", true)]
    [InlineData("v3.29.7", true)]
    [InlineData("v3.30.0", false)]
    [InlineData("v3.31.5", false)]
    [InlineData("v3.32.1", false)]
    [InlineData("v3.40.0", false)]
    public void The_delegates_plugins_are_installed_by_the_chosen_Calico(string version, bool bandwidth)
    {
        var lab = BlogLab.OneNode(calico: c => c.VersionTag(version));
        var (_, calicoDelegate) = Emitted(lab);
        var types = calicoDelegate["plugins"]!.AsArray().Select(p => (string)p!["type"]!).ToArray();
        var installed = CalicoCniSettings.NodePlugins(lab.Calico.Version);

        Assert.All(types, t => Assert.Contains(t, installed));
        Assert.Equal(bandwidth ? ["calico", "bandwidth", "portmap"] : new[] { "calico", "portmap" }, types);
        Assert.Equal(bandwidth, installed.Contains("bandwidth"));
        // calico-ipam is the IPAM plugin the calico plugin execs: it must be installed too.
        Assert.Contains((string)calicoDelegate["plugins"]![0]!["ipam"]!["type"]!, installed);
    }

    [Fact]
    public void The_thick_default_has_no_delegate_to_disagree()
    {
        // multus-daemon's auto mode reads Calico's own 10-calico.conflist; the library writes no delegate.
        var set = LabGenerator.GenerateSet(BlogLab.OneNode(defaultMultus: true));
        Assert.DoesNotContain(set.Files, f => f.RelativePath == "multus/configmap-multus-cni-config.yaml");
        var daemon = JsonNode.Parse(((k8s.Models.V1ConfigMap)set.Files.Single(f => f.RelativePath == "multus/configmap-multus-daemon-config.yaml").Objects[0]).Data["daemon-config.json"])!;
        Assert.Equal("auto", (string?)daemon["multusConfigFile"]);
    }

    /// <summary>Every field where the delegate's calico chain differs from what the operator renders from the Installation.</summary>
    private static List<string> Disagreements(JsonNode installation, JsonNode calicoDelegate)
    {
        var problems = new List<string>();
        var network = installation["spec"]!["calicoNetwork"]!;
        var plugins = calicoDelegate["plugins"]!.AsArray();
        var calico = plugins[0]!;

        var mtu = network["mtu"] is { } m ? Number(m) : 0;
        Expect(problems, "mtu", mtu, Number(calico["mtu"]!));
        Expect(problems, "allow_ip_forwarding", (string?)network["containerIPForwarding"] == "Enabled", (bool)calico["container_settings"]!["allow_ip_forwarding"]!);

        var ipamType = (string?)installation["spec"]!["cni"]?["ipam"]?["type"] ?? "Calico";
        Expect(problems, "ipam.type", ipamType == "Calico" ? "calico-ipam" : "host-local", (string?)calico["ipam"]!["type"]);
        var pools = network["ipPools"]!.AsArray().Select(p => IPNetwork.Parse((string)p!["cidr"]!)).ToArray();
        Expect(problems, "assign_ipv4", pools.Any(p => p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ? "true" : "false", (string?)calico["ipam"]!["assign_ipv4"]);
        Expect(problems, "assign_ipv6", pools.Any(p => p.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) ? "true" : "false", (string?)calico["ipam"]!["assign_ipv6"]);

        var hostPorts = (string?)network["hostPorts"] ?? "Enabled";
        Expect(problems, "portmap chained", hostPorts == "Enabled", plugins.Any(p => (string?)p!["type"] == "portmap"));
        return problems;
    }

    /// <summary>YAML read back gives 64-bit numbers, JSON from the ConfigMap 32-bit ones: compare the digits.</summary>
    private static long Number(JsonNode node) => long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static void Expect<T>(List<string> problems, string field, T fromInstallation, T inDelegate)
    {
        if (!EqualityComparer<T>.Default.Equals(fromInstallation, inDelegate))
        {
            problems.Add($"{field}: Installation says {fromInstallation}, delegate says {inDelegate}");
        }
    }

    private static (JsonNode Installation, JsonNode CalicoDelegate) Emitted(Lab lab)
    {
        var files = LabGenerator.GenerateSet(lab).Files;
        var installation = Read(files.Single(f => f.RelativePath == "calico/installation-default.yaml"));
        var configMap = Read(files.Single(f => f.RelativePath == "multus/configmap-multus-cni-config.yaml"));
        var conf = JsonNode.Parse((string)configMap["data"]!["cni-conf.json"]!)!;
        return (installation, conf["delegates"]![0]!);
    }

    private static JsonNode Read(ManifestFile file) => YamlText.Documents(YamlRenderer.RenderObject(file.Objects[0]))[0]!;
}
