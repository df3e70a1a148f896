using GitOps.Diagnostics;
using GitOps.Tests.Fleet;
using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>
/// <see cref="HintTests"/> for the GitOps section's codes (GITOPS4xx): the smallest wrong lab fails with the code and
/// a message holding the hint; with the hint applied it builds and generates without any error. Not covered:
/// GITOPS420 (a Fleet bundle over 1 MB gzipped; its hint, split the folder or use a chart, is a design change, not a
/// call) and the retired GITOPS405/406, which no rule reports.
/// </summary>
public sealed class DeliveryHintTests
{
    private const string Url = GitOpsLabs.RepositoryUrl;

    private static Lab HostFiles(Action<NodeBuilder> secondNode, Action<LabBuilder>? more = null) =>
        BlogLab.OneNode(extra: l => { l.GitOps(g => g.Repository(Url).HostFiles()); more?.Invoke(l); }, secondNode: secondNode);

    /// <summary>Per code: the wrong lab, the hint as the message words it, and the lab with the hint applied.</summary>
    private static readonly Dictionary<string, (Func<Lab> Mistake, string Hint, Func<Lab> Fixed)> Hints = new()
    {
        [GitOpsRepositoryMissing] = (() => GitOpsLabs.With(g => g.Fleet()), "add .Repository(\"https://github.com/you/lab.git\", branch: \"main\")", () => GitOpsLabs.With(g => g.Repository(Url).Fleet())),
        [RepositoryUrlInvalid] = (() => GitOpsLabs.With(g => g.Repository("github.com/you/lab")), "use \"https://github.com/you/lab.git\"", () => GitOpsLabs.With(g => g.Repository("https://github.com/you/lab.git"))),
        [BranchInvalid] = (() => GitOpsLabs.With(g => g.Repository(Url, branch: "feature branch")), "no spaces", () => GitOpsLabs.With(g => g.Repository(Url, branch: "feature-branch"))),
        [RepositoryPathInvalid] = (() => GitOpsLabs.With(g => g.Repository(Url, path: "/manifests")), "e.g. \"manifests\"", () => GitOpsLabs.With(g => g.Repository(Url, path: "manifests"))),
        [IntervalInvalid] = (() => GitOpsLabs.With(g => g.Repository(Url).Flux(x => x.ReconcileInterval(TimeSpan.FromMilliseconds(1500)))), "use e.g. TimeSpan.FromMinutes(10)",
            () => GitOpsLabs.With(g => g.Repository(Url).Flux(x => x.ReconcileInterval(TimeSpan.FromMinutes(10))))),
        [KubernetesVersionInvalid] = (() => GitOpsLabs.With(g => g.Repository(Url).RancherCluster("1.33")), "e.g. \"v1.33.5+k3s1\"", () => GitOpsLabs.With(g => g.Repository(Url).RancherCluster("v1.33.5+k3s1"))),
        [HostBridgeMacMissing] = (() => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s")), "Add .Mac(\"…\") to .Interface(\"eth0\", …) with the link/ether address that 'ip link show eth0' prints",
            () => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:00:5e:00:53:01")).Interface("eth1", "k8s"))),
        [HostBridgeUplinkAmbiguous] = (() => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth2", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0b")).Interface("eth1", "k8s")), "keep one uplink per bridge",
            () => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s"))),
        [MacAddressDuplicate] = (() => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5D:02:CB:09")).Interface("eth1", "k8s")), "every interface has its own MAC",
            () => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s"))),
        [HostStaticAddressingUnsupported] = (() => BlogLab.Build(new LabChange { Lan = n => n.HostAddressing(Addressing.Static), Omit = LabSection.SecondNode }),
            "use .HostAddressing(Addressing.Dhcp) on network 'lan'", () => BlogLab.Build(new LabChange { Lan = n => n.HostAddressing(Addressing.Static).HostAddressing(Addressing.Dhcp), Omit = LabSection.SecondNode })),
        [K3sServerUnknown] = (() => GitOpsLabs.With(g => g.Repository(Url).K3sServer("k8s-9")), "did you mean 'k8s-1'?", () => GitOpsLabs.With(g => g.Repository(Url).K3sServer("k8s-1"))),
        [K3sServerWithRancher] = (() => GitOpsLabs.With(g => g.Repository(Url).RancherCluster("v1.33.5+k3s1").K3sServer("k8s-1")), "remove .K3sServer(...)",
            () => GitOpsLabs.With(g => g.Repository(Url).RancherCluster("v1.33.5+k3s1"))),
        [HostVlanParentMissing] = (() => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s").Interface("eth5.30", "iot"), WorkingNetworkRuleTests.Iot()), "declare the parent with .Interface(\"eth5\", \"<its untagged network>\")",
            () => HostFiles(n => n.Interface("eth0", "lan", i => i.Bridge("cni0").Mac("00:15:5d:02:cb:0a")).Interface("eth1", "k8s").Interface("eth5", "lan").Interface("eth5.30", "iot"), WorkingNetworkRuleTests.Iot())),
    };

    public static TheoryData<string> HintedCodes => new(Hints.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(HintedCodes))]
    public void Applying_the_hint_fixes_the_error_without_causing_another(string code)
    {
        var (mistake, hint, fixedLab) = Hints[code];
        var diagnostic = Assert.Single(Errors(mistake));
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains(hint, diagnostic.Message, StringComparison.Ordinal);

        var problems = Errors(fixedLab);

        Assert.True(problems.Count == 0, $"the lab with the hint of {code} applied still fails:\n{string.Join("\n", problems)}");
    }

    private static IReadOnlyList<Diagnostic> Errors(Func<Lab> lab)
    {
        try
        {
            _ = LabGenerator.GenerateSet(lab());
            return [];
        }
        catch (LabValidationException e)
        {
            return e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        }
    }
}
