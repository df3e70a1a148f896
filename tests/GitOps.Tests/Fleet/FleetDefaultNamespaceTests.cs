using GitOps.Diagnostics;
using GitOps.Tests.Model;
using GitOps.Tests.Support;
using GitOps.Validation;
using Xunit;

namespace GitOps.Tests.Fleet;

/// <summary>
/// <c>.Fleet(f => f.DefaultNamespace(folder, ns))</c>: a pinned Helm release namespace for workloads/ and networks/.
/// Try-out 9: upgrading the packages (no model change) moved a two-namespace lab's workloads bundle from 'default' to the
/// first workload's namespace, so Fleet would have uninstalled the release (rancher/fleet cleanup.go), claims included,
/// and GITOPS214's only advice (declare the old first workload first again) did not apply.
/// </summary>
public sealed class FleetDefaultNamespaceTests
{
    private const string Url = "https://github.com/you/lab.git";

    private static string ReleaseNamespace(GitOps.Topology.Lab lab, string folder) =>
        (string)YamlText.Documents(GitOpsLabs.Text(GitOpsLabs.Files(lab)[$"{folder}/fleet.yaml"])).Single()!["defaultNamespace"]!;

    [Fact]
    public void A_pinned_namespace_is_the_bundle_s_defaultNamespace_whatever_the_first_workload_is()
    {
        var unpinned = GitOpsLabs.With(g => g.Repository(Url).Fleet());
        var pinned = GitOpsLabs.With(g => g.Repository(Url).Fleet(f => f.DefaultNamespace("workloads", "default").DefaultNamespace("networks", "lan")));

        Assert.Equal("smarthome", ReleaseNamespace(unpinned, "workloads")); // the rule: the first declared workload's namespace
        Assert.Equal("default", ReleaseNamespace(pinned, "workloads"));
        Assert.Equal("lan", ReleaseNamespace(pinned, "networks"));
        Assert.Equal(ReleaseNamespace(unpinned, "node-agent"), ReleaseNamespace(pinned, "node-agent")); // other bundles as before
    }

    [Fact]
    public void A_second_pin_of_one_folder_replaces_the_first()
    {
        var lab = GitOpsLabs.With(g => g.Repository(Url).Fleet(f => f.DefaultNamespace("workloads", "media").DefaultNamespace("workloads", "default")));
        Assert.Equal("default", ReleaseNamespace(lab, "workloads"));
    }

    [Theory]
    [InlineData("node-agent")]
    [InlineData("Workloads")]
    [InlineData("workloads/")]
    public void Another_folder_is_GITOPS425_at_the_call_naming_the_two_it_may_be(string folder)
    {
        Expect.Error(new LabChange { GitOps = g => g.Repository(Url).Fleet(f => f.DefaultNamespace(folder, "default")) },
            DiagnosticCodes.FleetDefaultNamespaceFolderUnknown, $"lab/gitops/fleet/defaultNamespace/{folder}",
            value: $"'{folder}' is not a bundle whose defaultNamespace can be pinned", fix: "name \"workloads\" or \"networks\"");
    }

    [Fact]
    public void A_namespace_Kubernetes_refuses_is_GITOPS100()
    {
        Expect.Error(new LabChange { GitOps = g => g.Repository(Url).Fleet(f => f.DefaultNamespace("workloads", "Smart_Home")) },
            DiagnosticCodes.InvalidName, "lab/gitops/fleet/defaultNamespace/workloads", value: "'Smart_Home' is not a valid Kubernetes name", fix: "smart-home");
    }

    [Fact]
    public void The_pinnable_folders_are_the_workloads_and_networks_bundles()
    {
        Assert.Equal([GitOps.Output.Bundle.Workloads.Name, GitOps.Output.Bundle.Networks.Name], GitOps.Topology.FleetSettings.PinnableFolders);
    }
}
