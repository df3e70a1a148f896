using System.Text;
using GitOps.Diagnostics;
using GitOps.Output;

namespace GitOps.Build.Tests;

public sealed class OutputWriterTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder temp = new();

    private string Root => temp.Combine("manifests");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void First_write_creates_the_files_and_the_sorted_owned_list()
    {
        var result = OutputWriter.Write(Root, Files(("b.yaml", "b"), ("calico/installation.yaml", "i"), ("a.yaml", "a")));

        Assert.Equal((3, 0, 0), (result.Written, result.Unchanged, result.Deleted));
        Assert.Equal("a", Read("a.yaml"));
        Assert.Equal("i", Read("calico/installation.yaml"));
        Assert.Equal(
            "# Files written by LabNetwork.GitOps. It replaces or deletes only the files listed here;\n" +
            "# every other file in this folder is left alone. Commit this list with the manifests.\n" +
            "a.yaml\nb.yaml\ncalico/installation.yaml\n",
            Read(OwnedFileList.FileName));
        Assert.Equal(["a.yaml", "b.yaml", "calico/installation.yaml"], result.Owned);
    }

    [Fact]
    public void The_owned_list_is_utf8_without_bom_with_lf_line_ends()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a")));

        var bytes = File.ReadAllBytes(Path.Combine(Root, OwnedFileList.FileName));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
    }

    [Fact]
    public void Writing_the_same_files_again_rewrites_nothing()
    {
        var files = Files(("a.yaml", "a"), ("calico/installation.yaml", "i"));
        OutputWriter.Write(Root, files);
        AgeEverything();
        var before = FolderSnapshot.Take(Root);

        var result = OutputWriter.Write(Root, files);

        Assert.Equal((0, 2, 0), (result.Written, result.Unchanged, result.Deleted));
        Assert.Equal(before, FolderSnapshot.Take(Root));
    }

    [Fact]
    public void Only_the_file_whose_bytes_changed_is_rewritten()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a"), ("b.yaml", "b")));
        AgeEverything();

        var result = OutputWriter.Write(Root, Files(("a.yaml", "a"), ("b.yaml", "b2")));

        Assert.Equal((1, 1, 0), (result.Written, result.Unchanged, result.Deleted));
        Assert.Equal("b2", Read("b.yaml"));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(Root, "a.yaml")));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(Root, OwnedFileList.FileName)));
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(Root, "b.yaml")));
    }

    /// <summary>The comparison with what is on disk reads the file 64 KiB at a time: a file of the same length that differs
    /// in its last byte, one byte longer or shorter, empty, or of many chunks (3 MB, differing in its last chunk) is told
    /// apart.</summary>
    [Theory]
    [InlineData("abc", "abd")]
    [InlineData("abc", "abcd")]
    [InlineData("abcd", "abc")]
    [InlineData("", "a")]
    [InlineData("a", "")]
    [InlineData("", "")]
    public void A_file_is_rewritten_exactly_when_its_bytes_differ(string before, string after)
    {
        var large = new string('x', 3_000_000); // 46 chunks
        OutputWriter.Write(Root, Files(("a.yaml", before), ("big/b.yaml", large + before)));
        AgeEverything();

        var result = OutputWriter.Write(Root, Files(("a.yaml", after), ("big/b.yaml", large + after)));

        var changed = before != after ? 2 : 0;
        Assert.Equal((changed, 2 - changed), (result.Written, result.Unchanged));
        Assert.Equal(after, Read("a.yaml"));
        Assert.Equal(large + after, Read("big/b.yaml"));
        Assert.Equal(before == after, File.GetLastWriteTimeUtc(Path.Combine(Root, "a.yaml")) == LongAgo);
    }

    [Fact]
    public void A_file_no_longer_produced_is_deleted_and_its_emptied_folder_removed()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a"), ("old/deep/x.yaml", "x")));

        var result = OutputWriter.Write(Root, Files(("a.yaml", "a")));

        Assert.Equal((0, 1, 1), (result.Written, result.Unchanged, result.Deleted));
        Assert.False(Directory.Exists(Path.Combine(Root, "old")));
        Assert.Equal([OwnedFileList.FileName, "a.yaml"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void User_files_survive_every_kind_of_update_untouched()
    {
        Directory.CreateDirectory(Path.Combine(Root, "old"));
        File.WriteAllText(Path.Combine(Root, "README.md"), "mine");
        File.WriteAllText(Path.Combine(Root, "old", "hand-written.yaml"), "mine too");
        OutputWriter.Write(Root, Files(("a.yaml", "a"), ("old/x.yaml", "x")));
        AgeEverything();
        var readme = Entry("README.md");
        var handWritten = Entry("old/hand-written.yaml");

        OutputWriter.Write(Root, Files(("a.yaml", "a2"), ("new.yaml", "n")));

        Assert.Equal(readme, Entry("README.md"));
        Assert.Equal(handWritten, Entry("old/hand-written.yaml"));
        Assert.False(File.Exists(Path.Combine(Root, "old", "x.yaml")));
        Assert.DoesNotContain("README.md", Read(OwnedFileList.FileName));
    }

    [Fact]
    public void A_users_manifest_in_a_Fleet_bundle_folder_is_kept_and_reported_as_applied_unvalidated()
    {
        Directory.CreateDirectory(Path.Combine(Root, "workloads"));
        Directory.CreateDirectory(Path.Combine(Root, "hosts"));
        File.WriteAllText(Path.Combine(Root, "workloads", "service-homeassistant.yaml"), "mine");
        File.WriteAllText(Path.Combine(Root, "workloads", "README.md"), "notes");
        File.WriteAllText(Path.Combine(Root, "hosts", "extra.yaml"), "not a bundle");

        var result = OutputWriter.Write(Root, Files(("workloads/deployment-smarthome-homeassistant.yaml", "d"), ("workloads/fleet.yaml", "f"), ("hosts/k8s-1/cni0.netdev", "n")));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("GITOPS208", DiagnosticSeverity.Warning, "output/workloads/service-homeassistant.yaml", Path.Combine(Root, "workloads", "service-homeassistant.yaml")),
            (warning.Code, warning.Severity, warning.Path, warning.File));
        Assert.Contains("Fleet applies every .yaml/.yml/.json file of the workloads/ bundle, so it is applied, but it was never validated", warning.Message, StringComparison.Ordinal);
        Assert.Contains(".Object(...) or .YamlFile(...)", warning.Message, StringComparison.Ordinal);
        Assert.Equal("mine", Read("workloads/service-homeassistant.yaml"));
    }

    [Fact]
    public void A_users_file_holding_an_object_the_model_now_writes_is_reported_as_a_duplicate_to_delete()
    {
        // Try-out 9: a 0.9 user wrote the claim and Service by hand, declared them in the model after the upgrade, and the
        // build only repeated GITOPS208 ("... or move the file out of the folder", which makes Fleet delete the claim).
        Directory.CreateDirectory(Path.Combine(Root, "workloads"));
        File.WriteAllText(Path.Combine(Root, "workloads", "pvc-homeassistant-config.yaml"),
            "# written by hand\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  labels: {app: homeassistant}\n  name: \"homeassistant-config\"\n" +
            "  namespace: smarthome\nspec:\n  accessModes: [ReadWriteOnce]\n");
        File.WriteAllText(Path.Combine(Root, "workloads", "service-homeassistant.yaml"), // no namespace: the bundle's defaultNamespace
            "kind: Service\napiVersion: v1\nmetadata:\n  name: homeassistant\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n");
        File.WriteAllText(Path.Combine(Root, "workloads", "other-namespace.yaml"), // same kind and name elsewhere: not a duplicate
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: homeassistant\n  namespace: media\n");
        File.WriteAllText(Path.Combine(Root, "workloads", "broken.yaml"), "kind: [\n"); // not YAML: still GITOPS208

        var result = OutputWriter.Write(Root, Files(
            ("workloads/fleet.yaml", "defaultNamespace: smarthome\nlabels:\n  app.kubernetes.io/component: workloads\n"),
            ("workloads/persistentvolumeclaim-smarthome-homeassistant-config.yaml",
                "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: homeassistant-config\n  namespace: smarthome\nspec: {}\n"),
            ("workloads/service-smarthome-homeassistant.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: homeassistant\n  namespace: smarthome\n")));

        Assert.Equal(
            [("GITOPS208", "output/workloads/broken.yaml"), ("GITOPS208", "output/workloads/other-namespace.yaml"),
             ("GITOPS218", "output/workloads/pvc-homeassistant-config.yaml"), ("GITOPS218", "output/workloads/service-homeassistant.yaml")],
            result.Warnings.Select(w => (w.Code, w.Path)));
        var claim = result.Warnings[2].Message;
        Assert.Contains("PersistentVolumeClaim smarthome/homeassistant-config, which the model now writes too (workloads/persistentvolumeclaim-smarthome-homeassistant-config.yaml)", claim, StringComparison.Ordinal);
        Assert.Contains("helm/helm#851", claim, StringComparison.Ordinal);
        Assert.Contains("git rm workloads/pvc-homeassistant-config.yaml", claim, StringComparison.Ordinal);
        Assert.Contains("do not move it out of the folder", claim, StringComparison.Ordinal);
        Assert.Contains("Service smarthome/homeassistant, which the model now writes too", result.Warnings[3].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ConfigMap", result.Warnings[3].Message, StringComparison.Ordinal);
        Assert.Contains("moving it out of the folder instead makes Fleet delete what it applied", result.Warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_users_file_duplicating_another_bundles_object_or_unreadable_or_broken_is_reported_never_thrown()
    {
        // Review of GITOPS218: a Namespace of the user's in workloads/ while namespaces/ generates it (two releases would own
        // it); YAML that makes YamlDotNet's scanner throw InvalidOperationException; a dangling link; a quoted defaultNamespace.
        Directory.CreateDirectory(Path.Combine(Root, "workloads"));
        File.WriteAllText(Path.Combine(Root, "workloads", "namespace-smarthome.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: smarthome\n");
        File.WriteAllText(Path.Combine(Root, "workloads", "broken.yaml"),
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: [\n  selector:\n    matchLabels: {app: x}\n");
        File.CreateSymbolicLink(Path.Combine(Root, "workloads", "dangling.yaml"), Path.Combine(temp.Path, "nowhere", "secret.yaml"));
        File.WriteAllText(Path.Combine(Root, "workloads", "config.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");

        var result = OutputWriter.Write(Root, Files(
            ("namespaces/fleet.yaml", "defaultNamespace: default\n"),
            ("namespaces/namespace-smarthome.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: smarthome\n"),
            ("workloads/fleet.yaml", "defaultNamespace: \"123\"\n"), // a namespace YAML 1.1 would read as a number is quoted
            ("workloads/configmap-123-settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: \"123\"\n")));

        Assert.Equal(
            [("GITOPS208", "output/workloads/broken.yaml"), ("GITOPS218", "output/workloads/config.yaml"),
             ("GITOPS208", "output/workloads/dangling.yaml"), ("GITOPS218", "output/workloads/namespace-smarthome.yaml")],
            result.Warnings.Select(w => (w.Code, w.Path)));
        Assert.Contains("ConfigMap 123/settings, which the model now writes too (workloads/configmap-123-settings.yaml)", result.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("the bundle holds the object twice", result.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("Namespace smarthome, which the model now writes too (namespaces/namespace-smarthome.yaml)", result.Warnings[3].Message, StringComparison.Ordinal);
        Assert.Contains("refuses an object another release owns", result.Warnings[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_users_manifest_beside_a_generated_kustomization_is_reported_as_applied_by_neither()
    {
        Directory.CreateDirectory(Path.Combine(Root, "workloads", "extra"));
        File.WriteAllText(Path.Combine(Root, "workloads", "extra", "service.yml"), "mine");

        var plan = OutputWriter.Plan(Root, Files(("workloads/deployment-smarthome-homeassistant.yaml", "d"), ("workloads/kustomization.yaml", "k"), ("workloads/fleet.yaml", "f")));

        var warning = Assert.Single(plan.Warnings);
        Assert.Equal("output/workloads/extra/service.yml", warning.Path);
        Assert.Contains("not listed in workloads/kustomization.yaml", warning.Message, StringComparison.Ordinal);
        Assert.Contains("so neither applies it", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_users_manifest_left_in_a_folder_that_stops_being_a_bundle_is_kept_and_reported_as_no_longer_delivered()
    {
        OutputWriter.Write(Root, Files(("networks/nad-a.yaml", "a"), ("networks/fleet.yaml", "f"), ("workloads/d.yaml", "d"), ("workloads/fleet.yaml", "f")));
        File.WriteAllText(Path.Combine(Root, "networks", "another.yaml"), "mine");
        File.WriteAllText(Path.Combine(Root, "networks", "notes.md"), "not a manifest");

        // The last attachment is gone: networks/ is no longer a bundle; workloads/ still is.
        var result = OutputWriter.Write(Root, Files(("workloads/d.yaml", "d"), ("workloads/fleet.yaml", "f")));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("GITOPS212", DiagnosticSeverity.Warning, "output/networks/another.yaml", Path.Combine(Root, "networks", "another.yaml")),
            (warning.Code, warning.Severity, warning.Path, warning.File));
        Assert.Contains("no longer writes anything into networks/", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Fleet deletes what a removed bundle deployed unless keepResources is set", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Flux", warning.Message.Split("; declare")[0], StringComparison.Ordinal);
        Assert.Equal("mine", Read("networks/another.yaml"));
        Assert.False(File.Exists(Path.Combine(Root, "networks", "fleet.yaml")));
        Assert.Equal(2, result.Deleted);

        Assert.Empty(OutputWriter.Plan(Root, Files(("workloads/d.yaml", "d"), ("workloads/fleet.yaml", "f"))).Warnings); // said once, when it stops
    }

    [Fact]
    public void A_folder_still_generated_without_its_fleet_yaml_is_not_reported_as_no_longer_delivered()
    {
        // The GitOps section removed: networks/ loses its fleet.yaml but still holds the generated NADs.
        OutputWriter.Write(Root, Files(("networks/nad-a.yaml", "a"), ("networks/fleet.yaml", "f")));
        File.WriteAllText(Path.Combine(Root, "networks", "another.yaml"), "mine");

        var result = OutputWriter.Write(Root, Files(("networks/nad-a.yaml", "a")));

        Assert.DoesNotContain(result.Warnings, w => w.Code == "GITOPS212");
    }

    [Fact]
    public void A_folder_Flux_delivered_says_what_Flux_does_when_it_stops()
    {
        OutputWriter.Write(Root, Files(("networks/nad-a.yaml", "a"), ("networks/kustomization.yaml", "k"), ("workloads/d.yaml", "d"), ("workloads/kustomization.yaml", "k")));
        File.WriteAllText(Path.Combine(Root, "networks", "another.yaml"), "mine");

        var result = OutputWriter.Write(Root, Files(("workloads/d.yaml", "d"), ("workloads/kustomization.yaml", "k")));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("GITOPS212", warning.Code);
        Assert.Contains("Flux deletes what a deleted Kustomization applied when prune is on", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Fleet", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_a_generated_claim_or_namespace_warns_that_its_data_goes_with_it()
    {
        // Try-out 5: renaming the workload's namespace deleted its Namespace and claim files without a word.
        OutputWriter.Write(Root, Files(
            ("workloads/namespace-smarthome.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: smarthome\n"),
            ("workloads/persistentvolumeclaim-smarthome-ha-config.yaml", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ha-config\n"),
            ("workloads/configmap-smarthome-settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: |\n    kind: Namespace\n"),
            ("workloads/namespace-home.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: home\n")));

        var result = OutputWriter.Write(Root, Files(("workloads/namespace-home.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: home\n")));

        Assert.Equal(3, result.Deleted);
        Assert.Equal(
            [("output/workloads/namespace-smarthome.yaml", "holds a Namespace"), ("output/workloads/persistentvolumeclaim-smarthome-ha-config.yaml", "holds a PersistentVolumeClaim")],
            result.Warnings.Select(w => (w.Path, w.Message.Contains("holds a Namespace", StringComparison.Ordinal) ? "holds a Namespace" : "holds a PersistentVolumeClaim")));
        Assert.All(result.Warnings, w => Assert.Equal(("GITOPS213", DiagnosticSeverity.Warning), (w.Code, w.Severity)));
        Assert.Contains("reclaim policy is Delete unless set otherwise", result.Warnings[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_synced_Rancher_cluster_or_GitRepo_warns_that_the_cluster_or_what_it_deployed_goes_with_it()
    {
        // Try-out 7: renaming the cluster, renaming the Fleet GitRepo or switching to Flux deleted these files without a
        // word; rancher-local/ is synced by the fleet-local GitRepo, so Fleet then deletes the objects.
        const string cluster = "apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: mylab\n  namespace: fleet-default\n";
        const string gitRepo = "apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: mylab\n";
        const string capiCluster = "apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: other\n";
        OutputWriter.Write(Root, Files(
            ("rancher-local/cluster-mylab.yaml", cluster),
            ("rancher-local/gitrepo-mylab.yaml", gitRepo),
            ("rancher-local/cluster-other.yaml", capiCluster),
            ("rancher/gitrepo-mylab-rancher.yaml", gitRepo.Replace("name: mylab\n", "name: mylab-rancher\n  namespace: fleet-local\n", StringComparison.Ordinal)),
            ("workloads/configmap-default-notes.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n---\napiVersion: provisioning.cattle.io/v1\nkind: Secret\n")));

        var result = OutputWriter.Write(Root, Files(("rancher-local/cluster-home.yaml", cluster.Replace("mylab", "home", StringComparison.Ordinal))));

        Assert.Equal(5, result.Deleted);
        Assert.Equal(
            ["output/rancher-local/cluster-mylab.yaml", "output/rancher-local/gitrepo-mylab.yaml", "output/rancher/gitrepo-mylab-rancher.yaml"],
            result.Warnings.Select(w => w.Path));
        Assert.All(result.Warnings, w => Assert.Equal(("GITOPS213", DiagnosticSeverity.Warning), (w.Code, w.Severity)));
        Assert.Contains("holds Rancher's provisioning Cluster fleet-default/mylab", result.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("Rancher deletes the cluster", result.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("holds the Fleet GitRepo mylab,", result.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("keepResources", result.Warnings[1].Message, StringComparison.Ordinal);
        // Try-out 8: the fleet-local GitRepo in rancher/ is applied by hand, and the docs say to delete the old one by hand,
        // which without keepResources deletes rancher-local/'s Cluster with it.
        Assert.Contains("holds the fleet-local GitRepo fleet-local/mylab-rancher, which you applied to Rancher's local cluster by hand", result.Warnings[2].Message, StringComparison.Ordinal);
        Assert.Contains("kubectl -n fleet-local patch gitrepo mylab-rancher --type merge -p '{\"spec\":{\"keepResources\":true}}'", result.Warnings[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewriting_a_fleet_yaml_with_another_defaultNamespace_warns_that_Fleet_reinstalls_the_bundle()
    {
        // The namespace of the bundle's Helm release: Fleet's agent uninstalls the release under the old one (rancher/fleet
        // cleanup.go), objects and claims with it.
        const string labels = "labels:\n  app.kubernetes.io/component: workloads\n";
        OutputWriter.Write(Root, Files(("workloads/fleet.yaml", "defaultNamespace: smarthome\n" + labels), ("networks/fleet.yaml", "defaultNamespace: default\n")));

        var result = OutputWriter.Write(Root, Files(
            ("workloads/fleet.yaml", "defaultNamespace: media\n" + labels),
            ("networks/fleet.yaml", "defaultNamespace: default\ndependsOn: []\n"), // rewritten, same namespace
            ("calico-bgp/fleet.yaml", "defaultNamespace: default\n"))); // new

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("GITOPS214", DiagnosticSeverity.Warning, "output/workloads/fleet.yaml"), (warning.Code, warning.Severity, warning.Path));
        Assert.Contains("from 'smarthome' to 'media'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Fleet uninstalls the release in 'smarthome'", warning.Message, StringComparison.Ordinal);
        // Try-out 9: after an upgrade of the packages nothing was renamed; the pin keeps the release where it is.
        Assert.Contains("pin it: .GitOps(g => g.Fleet(f => f.DefaultNamespace(\"workloads\", \"smarthome\")))", warning.Message, StringComparison.Ordinal);

        // A bundle whose namespace follows what it holds, not the lab's declarations, cannot be pinned.
        var other = OutputWriter.Write(Root, Files(
            ("workloads/fleet.yaml", "defaultNamespace: media\n" + labels),
            ("networks/fleet.yaml", "defaultNamespace: default\ndependsOn: []\n"),
            ("calico-bgp/fleet.yaml", "defaultNamespace: calico-system\n")));
        var moved = Assert.Single(other.Warnings);
        Assert.Equal("output/calico-bgp/fleet.yaml", moved.Path);
        Assert.DoesNotContain("DefaultNamespace(", moved.Message, StringComparison.Ordinal);
        Assert.Contains("back up the bundle's volumes before committing", moved.Message, StringComparison.Ordinal);

        // A namespace YAML 1.1 would retype is written quoted; the pin names it without the quotes (review).
        OutputWriter.Write(Root, Files(("workloads/fleet.yaml", "defaultNamespace: \"123\"\n" + labels)));
        var quoted = Assert.Single(OutputWriter.Write(Root, Files(("workloads/fleet.yaml", "defaultNamespace: media\n" + labels))).Warnings);
        Assert.Contains("from '123' to 'media'", quoted.Message, StringComparison.Ordinal);
        Assert.Contains("f.DefaultNamespace(\"workloads\", \"123\")", quoted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_file_that_is_applied_or_installed_by_hand_warns_to_apply_it_again()
    {
        // Try-out 9: .ClientSecret(...) changed rancher/'s fleet-local GitRepo, and an upgrade changed flux/ and hosts/ files;
        // nothing syncs those folders, and the build said nothing.
        const string gitRepo = "apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: lab-rancher\n  namespace: fleet-local\n";
        OutputWriter.Write(Root, Files(
            ("rancher/gitrepo-lab-rancher.yaml", gitRepo),
            ("flux/kustomization-lab-networks.yaml", "kind: Kustomization\n"),
            ("hosts/k8s-1/10-lan.network", "[Match]\nName=eth0\n"),
            ("workloads/deployment-smarthome-homeassistant.yaml", "kind: Deployment\n")));

        var result = OutputWriter.Write(Root, Files(
            ("rancher/gitrepo-lab-rancher.yaml", gitRepo + "spec:\n  clientSecretName: lab-repo-auth\n"),
            ("flux/kustomization-lab-networks.yaml", "kind: Kustomization\nspec:\n  retryInterval: 1m0s\n"),
            ("hosts/k8s-1/10-lan.network", "[Match]\nName=eth0\n"), // unchanged: no warning
            ("hosts/k8s-2/10-lan.network", "[Match]\nName=eth0\n"), // new: installed with the new node
            ("workloads/deployment-smarthome-homeassistant.yaml", "kind: Deployment\nspec: {}\n"))); // delivered by Fleet

        Assert.Equal(["output/flux/kustomization-lab-networks.yaml", "output/rancher/gitrepo-lab-rancher.yaml"], result.Warnings.Select(w => w.Path)); // path order
        Assert.All(result.Warnings, w => Assert.Equal(("GITOPS217", DiagnosticSeverity.Warning), (w.Code, w.Severity)));
        Assert.Contains("kubectl apply -k flux/", result.Warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("kubectl apply -f rancher/gitrepo-lab-rancher.yaml", result.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("before making the repository private", result.Warnings[1].Message, StringComparison.Ordinal);

        var hosts = OutputWriter.Write(Root, Files(
            ("rancher/gitrepo-lab-rancher.yaml", gitRepo + "spec:\n  clientSecretName: lab-repo-auth\n"),
            ("flux/kustomization-lab-networks.yaml", "kind: Kustomization\nspec:\n  retryInterval: 1m0s\n"),
            ("hosts/k8s-1/10-lan.network", "[Match]\nName=eth0\n\n[Network]\nVLAN=eth0.20\n"),
            ("hosts/k8s-2/10-lan.network", "[Match]\nName=eth0\n"),
            ("workloads/deployment-smarthome-homeassistant.yaml", "kind: Deployment\nspec: {}\n")));
        var host = Assert.Single(hosts.Warnings);
        Assert.Equal(("GITOPS217", "output/hosts/k8s-1/10-lan.network"), (host.Code, host.Path));
        Assert.Contains("restart systemd-networkd", host.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_applied_by_hand_that_differs_only_by_CRLF_line_endings_is_rewritten_without_a_warning()
    {
        // Review: a Windows checkout with core.autocrlf has CRLF; the writer rewrites the file, but nothing changed.
        OutputWriter.Write(Root, Files(("rancher/gitrepo-lab.yaml", "kind: GitRepo\nmetadata:\n  name: lab\n"), ("hosts/k8s-1/frr.conf", "router bgp 64512\n")));
        File.WriteAllText(Path.Combine(Root, "rancher", "gitrepo-lab.yaml"), "kind: GitRepo\r\nmetadata:\r\n  name: lab\r\n");
        File.WriteAllText(Path.Combine(Root, "hosts", "k8s-1", "frr.conf"), "router bgp 64512\r\n");

        var crlf = OutputWriter.Write(Root, Files(("rancher/gitrepo-lab.yaml", "kind: GitRepo\nmetadata:\n  name: lab\n"), ("hosts/k8s-1/frr.conf", "router bgp 64513\n")));

        Assert.Equal(2, crlf.Written);
        var changed = Assert.Single(crlf.Warnings);
        Assert.Equal(("GITOPS217", "output/hosts/k8s-1/frr.conf"), (changed.Code, changed.Path));
        Assert.Contains("install it as /etc/frr/frr.conf on its router again and restart frr", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_the_synced_Rancher_cluster_or_GitRepo_to_another_namespace_in_the_same_file_warns_as_deleting_it()
    {
        // Review: cluster-<name>.yaml and gitrepo-<name>.yaml hold no namespace, so .RancherCluster(..., namespace) or
        // .Fleet(f => f.Namespace(...)) rewrites the same file, and Fleet deletes the object in the old namespace.
        const string cluster = "apiVersion: provisioning.cattle.io/v1\nkind: Cluster\nmetadata:\n  name: mylab\n  namespace: fleet-default\nspec:\n  kubernetesVersion: v1.33.5+k3s1\n";
        const string gitRepo = "apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  labels:\n    name: x\n  name: mylab\n  namespace: fleet-default\nspec:\n  repo: https://example.org/lab.git\n";
        OutputWriter.Write(Root, Files(("rancher-local/cluster-mylab.yaml", cluster), ("rancher-local/gitrepo-mylab.yaml", gitRepo)));

        var result = OutputWriter.Write(Root, Files(
            ("rancher-local/cluster-mylab.yaml", cluster.Replace("kubernetesVersion: v1.33.5+k3s1", "kubernetesVersion: v1.34.1+k3s1", StringComparison.Ordinal)),
            ("rancher-local/gitrepo-mylab.yaml", gitRepo.Replace("namespace: fleet-default", "namespace: home", StringComparison.Ordinal))));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("GITOPS213", "output/rancher-local/gitrepo-mylab.yaml"), (warning.Code, warning.Path));
        Assert.StartsWith("this build replaces, in this file (by home/mylab), the Fleet GitRepo fleet-default/mylab", warning.Message, StringComparison.Ordinal);
        Assert.Contains("kubectl -n fleet-default patch gitrepo mylab", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_file_no_longer_produced_is_deleted_not_reported()
    {
        OutputWriter.Write(Root, Files(("workloads/deployment-a.yaml", "a"), ("workloads/fleet.yaml", "f")));

        var result = OutputWriter.Write(Root, Files(("workloads/deployment-b.yaml", "b"), ("workloads/fleet.yaml", "f")));

        Assert.Empty(result.Warnings);
        Assert.Equal(1, result.Deleted);
    }

    [Fact]
    public void A_different_file_the_generator_did_not_write_is_never_overwritten()
    {
        Directory.CreateDirectory(Path.Combine(Root, "x"));
        File.WriteAllText(Path.Combine(Root, "x", "a.yaml"), "the user's own");
        var before = FolderSnapshot.Take(Root);

        var error = Assert.Throws<OutputException>(() => OutputWriter.Write(Root, Files(("x/a.yaml", "generated"), ("b.yaml", "b"))));

        Assert.Equal(
            $"{Path.Combine(Root, "x", "a.yaml")}: error GITOPS203: output/x/a.yaml: the file exists with other content and is not listed in " +
            ".gitops-owned.txt, so the generator will not overwrite it; move or delete it, or rename the generated file in the model",
            Assert.Single(error.Diagnostics).ToCanonicalString());
        Assert.Equal(before, FolderSnapshot.Take(Root));

        // Try-out 9: a NETWORK.md of the user's; the model cannot rename the generated one.
        File.WriteAllText(Path.Combine(Root, "NETWORK.md"), "my notes");
        var top = Assert.Throws<OutputException>(() => OutputWriter.Write(Root, Files(("NETWORK.md", "generated"))));
        Assert.Contains("rename or move it: every output folder has a generated NETWORK.md at its top", Assert.Single(top.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_identical_file_nobody_listed_is_adopted_without_rewriting_it()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "a.yaml"), "a");
        File.SetLastWriteTimeUtc(Path.Combine(Root, "a.yaml"), LongAgo);

        var result = OutputWriter.Write(Root, Files(("a.yaml", "a")));

        Assert.Equal((0, 1, 0), (result.Written, result.Unchanged, result.Deleted));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(Root, "a.yaml")));
        Assert.EndsWith("\na.yaml\n", Read(OwnedFileList.FileName));
    }

    [Fact]
    public void An_owned_file_deleted_by_hand_is_dropped_from_the_list()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a"), ("b.yaml", "b")));
        File.Delete(Path.Combine(Root, "b.yaml"));

        var result = OutputWriter.Write(Root, Files(("a.yaml", "a")));

        Assert.Equal((0, 1, 0), (result.Written, result.Unchanged, result.Deleted));
        Assert.DoesNotContain("b.yaml", Read(OwnedFileList.FileName));
    }

    [Theory]
    [InlineData("../escape.yaml", "the path has a '..' segment; output files must stay inside the output folder")]
    [InlineData("calico/../../escape.yaml", "the path has a '..' segment; output files must stay inside the output folder")]
    [InlineData("/etc/passwd", "the path is absolute; use a path relative to the output folder such as 'calico/installation.yaml'")]
    [InlineData("C:/Windows/x.yaml", "the path has ':', which Windows does not allow in file names")]
    [InlineData("calico\\installation.yaml", "the path uses '\\'; separate folders with '/'")]
    [InlineData("calico//x.yaml", "the path has an empty segment ('//' or a trailing '/')")]
    [InlineData("./x.yaml", "the path has a '.' segment; output files must stay inside the output folder")]
    [InlineData("", "the path is empty")]
    [InlineData("con.yaml", "'con' is a reserved device name on Windows")]
    [InlineData("x.yaml.", "the segment 'x.yaml.' ends with '.' or a space, which Windows drops")]
    [InlineData("calico/x.yaml ", "the segment 'x.yaml ' ends with '.' or a space, which Windows drops")]
    [InlineData("a\tb/x.yaml", "the path has a control character")]
    [InlineData("a/x\u0085.yaml", "the path has a control character")]
    [InlineData("a/x\u007F.yaml", "the path has a control character")]
    [InlineData("lpt9/x.yaml", "'lpt9' is a reserved device name on Windows")]
    [InlineData("a/Aux", "'Aux' is a reserved device name on Windows")]
    public void Paths_that_leave_the_folder_or_break_on_some_OS_are_rejected_before_anything_is_written(string path, string problem)
    {
        var error = Assert.Throws<OutputException>(() => OutputWriter.Write(Root, Files(("ok.yaml", "ok"), (path, "x"))));

        Assert.Equal($"GitOps: error GITOPS201: output/{path}: {problem}", Assert.Single(error.Diagnostics).ToCanonicalString());
        Assert.False(Directory.Exists(Root));
        Assert.False(File.Exists(temp.Combine("escape.yaml")));
    }

    [Fact]
    public void The_owned_list_itself_cannot_be_produced()
    {
        var error = Assert.Throws<OutputException>(() => OutputWriter.Write(Root, Files((".gitops-owned.txt", "x"))));

        Assert.Equal("GITOPS201", Assert.Single(error.Diagnostics).Code);
    }

    [Fact]
    public void Paths_that_differ_only_by_case_are_rejected()
    {
        var error = Assert.Throws<OutputException>(() => OutputWriter.Write(Root, Files(("Calico.yaml", "1"), ("calico.yaml", "2"))));

        Assert.Equal(
            "GitOps: error GITOPS202: output/Calico.yaml: the files 'Calico.yaml', 'calico.yaml' differ only by letter case and would be one " +
            "file on Windows and macOS; give them names that differ in more than case",
            Assert.Single(error.Diagnostics).ToCanonicalString());
    }

    [Fact]
    public void A_folder_where_a_file_goes_or_a_file_where_a_folder_goes_is_reported_and_nothing_changes()
    {
        Directory.CreateDirectory(Path.Combine(Root, "a.yaml"));
        File.WriteAllText(Path.Combine(Root, "calico"), "a user file named like a folder");
        var before = FolderSnapshot.Take(Root);

        var error = Assert.Throws<OutputException>(() =>
            OutputWriter.Write(Root, Files(("a.yaml", "a"), ("calico/installation.yaml", "i"), ("fine.yaml", "f"))));

        Assert.Equal(
            [
                $"{Path.Combine(Root, "a.yaml")}: error GITOPS204: output/a.yaml: a folder stands where the generated file must go; move or delete it",
                $"{Path.Combine(Root, "calico")}: error GITOPS204: output/calico/installation.yaml: 'calico' is a file but the output needs a folder there; move or delete it",
            ],
            error.Diagnostics.Select(d => d.ToCanonicalString()));
        Assert.Equal(before, FolderSnapshot.Take(Root));
    }

    [Fact]
    public void A_corrupt_owned_list_is_reported_with_its_line_and_nothing_changes()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, OwnedFileList.FileName), "# comment\na.yaml\n../../home/user/.bashrc\n");
        var before = FolderSnapshot.Take(Root);

        var error = Assert.Throws<OutputException>(() => OutputWriter.Write(Root, Files(("a.yaml", "a"))));

        Assert.Equal(
            $"{Path.Combine(Root, OwnedFileList.FileName)}(3): error GITOPS205: .gitops-owned.txt: line '../../home/user/.bashrc' is not a file " +
            "this generator can own: the path has a '..' segment; output files must stay inside the output folder. Remove the line " +
            "(the list is rewritten by the next build) or restore the file from git.",
            Assert.Single(error.Diagnostics).ToCanonicalString());
        Assert.Equal(before, FolderSnapshot.Take(Root));
    }

    [Fact]
    public void A_list_checked_out_with_CRLF_line_ends_is_read()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a"), ("b.yaml", "b")));
        var list = Path.Combine(Root, OwnedFileList.FileName);
        File.WriteAllText(list, File.ReadAllText(list).Replace("\n", "\r\n"));

        var result = OutputWriter.Write(Root, Files(("a.yaml", "a")));

        Assert.Equal(1, result.Deleted);
        Assert.DoesNotContain('\r', Read(OwnedFileList.FileName));
    }

    /// <summary>
    /// Fails the update at each of its file-system steps in turn (staging, backing up, renaming into
    /// place) and checks that the folder is byte-for-byte and timestamp-for-timestamp as it was.
    /// </summary>
    [Fact]
    public void A_failure_at_any_step_leaves_the_folder_exactly_as_it_was()
    {
        var first = Files(("a.yaml", "a"), ("calico/installation.yaml", "i"), ("gone/x.yaml", "x"));
        var second = Files(("a.yaml", "a2"), ("calico/installation.yaml", "i"), ("multus/daemonset.yaml", "m"), ("new.yaml", "n"));
        var steps = new List<string>();
        using (var probe = new TempFolder())
        {
            var probeRoot = probe.Combine("manifests");
            OutputWriter.Write(probeRoot, first);
            OutputWriter.Apply(OutputWriter.Plan(probeRoot, second), steps.Add);
        }

        Assert.Equal(
            [
                "begin .gitops-update",
                "stage a.yaml", "create folder multus", "create multus/daemonset.yaml", "create new.yaml", "stage .gitops-owned.txt",
                "back up a.yaml", "back up .gitops-owned.txt", "back up gone/x.yaml",
                "place a.yaml", "place .gitops-owned.txt",
                "commit .gitops-update",
                "remove backup .a.yaml.gitops-old", "remove backup ..gitops-owned.txt.gitops-old", "remove backup gone/.x.yaml.gitops-old",
            ],
            steps);

        // Until the update is committed a failure undoes it; removing the backups afterwards only warns (GITOPS207).
        foreach (var failingStep in steps.TakeWhile(s => !s.StartsWith("remove backup ", StringComparison.Ordinal)))
        {
            using var attempt = new TempFolder();
            var (root, before, plan) = UpdateToStop(attempt, first, second);

            var error = Assert.Throws<OutputException>(() => OutputWriter.Apply(plan, step =>
            {
                if (step == failingStep)
                {
                    throw new IOException($"disk full at '{step}'");
                }
            }));

            // The message names the file of the failing step and what was being done to it (try-out 4: it named the
            // writer's own backup file and the folder).
            var (purpose, relativePath) = failingStep switch
            {
                _ when failingStep.StartsWith("create folder ", StringComparison.Ordinal) => ("creating this folder", failingStep["create folder ".Length..]),
                _ when failingStep.StartsWith("create ", StringComparison.Ordinal) => ("creating this new file", failingStep["create ".Length..]),
                _ when failingStep.StartsWith("stage ", StringComparison.Ordinal) => ("writing this file's new content beside it", failingStep["stage ".Length..]),
                _ when failingStep.StartsWith("back up ", StringComparison.Ordinal) => ("moving this file aside to replace or delete it", failingStep["back up ".Length..]),
                _ when failingStep.StartsWith("begin ", StringComparison.Ordinal) || failingStep.StartsWith("commit ", StringComparison.Ordinal) =>
                    ("recording the update in this journal", OutputJournal.FileName),
                _ => ("moving this file's new content into place", failingStep["place ".Length..]),
            };
            Assert.Equal(
                $"{OutputPath.ToFullPath(root, relativePath)}: error GITOPS206: output/{relativePath}: {purpose} failed: disk full at '{failingStep}'; every change was undone, the folder is as it was",
                Assert.Single(error.Diagnostics).ToCanonicalString());
            Assert.Equal(before, FolderSnapshot.Take(root));
        }
    }

    /// <summary>
    /// Stops the update at each of its steps as a killed process would (no rollback: try-out 8 killed the build server
    /// while it renamed), then runs again: the interrupted update is undone (or, once committed, finished), reported as
    /// GITOPS215, and the new run leaves exactly what an uninterrupted one does, without a hidden file of the writer's.
    /// Before that run, <c>--check</c>'s plan refuses the folder (GITOPS216).
    /// </summary>
    [Fact]
    public void An_update_stopped_at_any_step_is_undone_or_finished_by_the_next_run()
    {
        var first = Files(("a.yaml", "a"), ("calico/installation.yaml", "i"), ("gone/x.yaml", "x"));
        var second = Files(("a.yaml", "a2"), ("calico/installation.yaml", "i"), ("multus/daemonset.yaml", "m"), ("new.yaml", "n"));
        var steps = new List<string>();
        string expected;
        using (var probe = new TempFolder())
        {
            var probeRoot = probe.Combine("manifests");
            OutputWriter.Write(probeRoot, first);
            OutputWriter.Apply(OutputWriter.Plan(probeRoot, second), steps.Add);
            expected = Contents(probeRoot);
        }

        foreach (var stoppedAt in steps)
        {
            using var attempt = new TempFolder();
            var (root, before, plan) = UpdateToStop(attempt, first, second);
            StopAt(plan, stoppedAt);

            var committed = stoppedAt.StartsWith("remove backup ", StringComparison.Ordinal);
            if (stoppedAt != "begin .gitops-update")
            {
                var check = Assert.Throws<OutputException>(() => OutputWriter.Plan(root, second));
                Assert.Equal("GITOPS216", Assert.Single(check.Diagnostics).Code);

                var recovered = Assert.Single(OutputWriter.Recover(root));
                Assert.Equal("GITOPS215", recovered.Code);
                Assert.Contains(committed ? "its backups were removed" : "it was undone", recovered.Message, StringComparison.Ordinal);
                if (committed)
                {
                    Assert.Equal(expected, Contents(root, except: "README.md"));
                }
                else
                {
                    Assert.Equal(before, FolderSnapshot.Take(root));
                }
            }

            var result = OutputWriter.Write(root, second);
            Assert.DoesNotContain(result.Warnings, w => w.Code == "GITOPS215");
            Assert.Equal(expected, Contents(root, except: "README.md"));
            Assert.Equal("mine", Read("README.md", root));
        }
    }

    [Fact]
    public void The_next_write_undoes_an_interrupted_update_and_says_so()
    {
        var first = Files(("a.yaml", "a"), ("gone/x.yaml", "x"));
        var second = Files(("a.yaml", "a2"), ("b.yaml", "b"));
        OutputWriter.Write(Root, first);
        StopAt(OutputWriter.Plan(Root, second), "place a.yaml");
        Assert.False(File.Exists(Path.Combine(Root, "a.yaml"))); // moved aside, not yet replaced: what a kill leaves

        var result = OutputWriter.Write(Root, second);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("GITOPS215", DiagnosticSeverity.Warning), (warning.Code, warning.Severity));
        Assert.Equal("a2", Read("a.yaml"));
        Assert.Equal("b", Read("b.yaml"));
        Assert.False(Directory.Exists(Path.Combine(Root, "gone")));
        Assert.Equal([".gitops-owned.txt", "a.yaml", "b.yaml"], Directory.EnumerateFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_build_with_nothing_to_change_writes_no_journal()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a")));
        var before = FolderSnapshot.Take(Root);
        var folderTime = Directory.GetLastWriteTimeUtc(Root);

        var result = OutputWriter.Write(Root, Files(("a.yaml", "a")));

        Assert.Equal((0, 1), (result.Written, result.Unchanged));
        Assert.Equal(before, FolderSnapshot.Take(Root));
        Assert.Equal(folderTime, Directory.GetLastWriteTimeUtc(Root));
    }

    [Fact]
    public void Two_runs_writing_one_folder_at_once_take_turns()
    {
        var files = Enumerable.Range(0, 8).Select(i => Files(Enumerable.Range(0, 200).Select(f => ($"f{f}.yaml", $"run {i}")).ToArray())).ToArray();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 4 }, run => OutputWriter.Write(Root, run));

        // Each run wrote all its files or none: the folder holds one run's content, with nothing of the writer's left.
        var contents = Enumerable.Range(0, 200).Select(f => Read($"f{f}.yaml")).Distinct().ToArray();
        Assert.Single(contents);
        Assert.Equal(201, Directory.EnumerateFileSystemEntries(Root).Count());
    }

    [Fact]
    public void Undoing_an_interrupted_update_leaves_a_file_that_is_not_what_it_wrote()
    {
        // Review: a run killed before it created notes/new.yaml, then the user wrote a file there; undoing the run must not
        // delete the user's file (the journal holds the SHA-256 of what each created file was to hold).
        OutputWriter.Write(Root, Files(("a.yaml", "a")));
        StopAt(OutputWriter.Plan(Root, Files(("a.yaml", "a"), ("notes/new.yaml", "n"), ("b.yaml", "b"))), "stage .gitops-owned.txt");
        File.WriteAllText(Path.Combine(Root, "notes", "new.yaml"), "mine");

        var warning = Assert.Single(OutputWriter.Recover(Root));

        Assert.Equal("mine", Read("notes/new.yaml"));
        Assert.False(File.Exists(Path.Combine(Root, "b.yaml"))); // what the run created is gone
        Assert.Contains("do not hold what it wrote (yours, or cut short when it stopped) and were left: notes/new.yaml", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_an_earlier_clean_up_left_is_never_moved_back()
    {
        // Review: GITOPS207 leaves .a.yaml.gitops-old behind; an update killed before it backed up a.yaml must not move
        // that stale backup over a.yaml when it is undone.
        OutputWriter.Write(Root, Files(("a.yaml", "a")));
        File.WriteAllText(Path.Combine(Root, ".a.yaml.gitops-old"), "stale");
        StopAt(OutputWriter.Plan(Root, Files(("a.yaml", "a2"))), "stage a.yaml");

        OutputWriter.Recover(Root);

        Assert.Equal("a", Read("a.yaml"));
        Assert.False(File.Exists(Path.Combine(Root, ".a.yaml.gitops-old")));
    }

    [Fact]
    public void A_backup_that_cannot_be_removed_is_a_warning_and_leaves_no_journal()
    {
        // Review: a clean-up failure after the commit left the journal, so every later --check failed with GITOPS216.
        OutputWriter.Write(Root, Files(("a.yaml", "a")));

        var result = OutputWriter.Apply(OutputWriter.Plan(Root, Files(("a.yaml", "a2"))), step =>
        {
            if (step == "remove backup .a.yaml.gitops-old")
            {
                throw new IOException("busy");
            }
        });

        Assert.Equal(["GITOPS207"], result.Warnings.Select(w => w.Code));
        Assert.False(OutputJournal.IsInterrupted(Root));
        Assert.True(OutputWriter.Plan(Root, Files(("a.yaml", "a2"))).IsUpToDate);
    }

    [Fact]
    public void A_journal_whose_writer_is_still_running_is_left_alone()
    {
        // Runs that missed each other's lock (two temporary folders) must not take a live update for an interrupted one.
        OutputWriter.Write(Root, Files(("a.yaml", "a")));
        using var other = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var journal = Path.Combine(Root, OutputJournal.FileName);
            File.WriteAllText(journal, $"gitops-update 2\nwriter {other.Id} {other.StartTime.ToUniversalTime().Ticks}\nreplace a.yaml\n");

            var error = Assert.Throws<OutputException>(() => OutputWriter.Recover(Root));

            Assert.Contains($"another run (process {other.Id}) is updating this output folder right now", Assert.Single(error.Diagnostics).Message, StringComparison.Ordinal);
            Assert.True(File.Exists(journal));
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public async Task Every_spelling_of_a_folder_takes_the_same_lock()
    {
        // Review: the lock was named after the path as typed, so "manifests/" and "manifests" were two locks.
        Directory.CreateDirectory(Root);
        var first = OutputLock.Acquire(Root);
        var second = Task.Run(() => OutputLock.Acquire(Root + Path.DirectorySeparatorChar), TestContext.Current.CancellationToken);
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted, "a trailing separator took a second lock");

        first.Dispose();
        using var taken = await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    /// <summary>A folder in <paramref name="attempt"/> written with <paramref name="first"/> and holding a file of the user's,
    /// its snapshot, and the plan that updates it to <paramref name="second"/>: the start of one stopped-update attempt.</summary>
    private static (string Root, FolderSnapshot Before, OutputPlan Plan) UpdateToStop(TempFolder attempt, RenderedFile[] first, RenderedFile[] second)
    {
        var root = attempt.Combine("manifests");
        OutputWriter.Write(root, first);
        File.WriteAllText(Path.Combine(root, "README.md"), "mine");
        return (root, FolderSnapshot.Take(root), OutputWriter.Plan(root, second));
    }

    /// <summary>Applies <paramref name="plan"/> as a process killed at <paramref name="step"/> would: the steps before it
    /// are done, nothing is undone.</summary>
    private static void StopAt(OutputPlan plan, string step) =>
        Assert.Throws<ProcessKilled>(() => OutputWriter.Apply(plan, current =>
        {
            if (current == step)
            {
                throw new ProcessKilled();
            }
        }));

    /// <summary>Stands for the process being killed at a step: not an I/O error, so nothing catches it and nothing is undone.</summary>
    private sealed class ProcessKilled : Exception;

    /// <summary>The files under <paramref name="root"/> with their bytes (not their times), one per line.</summary>
    private static string Contents(string root, string? except = null) => string.Join('\n',
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(relative => relative != except)
            .Order(StringComparer.Ordinal)
            .Select(relative => $"{relative} {File.ReadAllText(Path.Combine(root, relative))}"));

    private static string Read(string relativePath, string root) => File.ReadAllText(OutputPath.ToFullPath(root, relativePath));

    [Fact]
    public void A_file_the_writer_may_not_replace_is_named_with_a_hint_about_permissions()
    {
        OutputWriter.Write(Root, Files(("hosts/10-eth1.network", "a")));
        var plan = OutputWriter.Plan(Root, Files(("hosts/10-eth1.network", "b")));
        var before = FolderSnapshot.Take(Root);

        // What File.Move throws for a file with the immutable attribute (chattr +i), seen in try-out 4.
        var error = Assert.Throws<OutputException>(() => OutputWriter.Apply(plan, step =>
        {
            if (step == "back up hosts/10-eth1.network")
            {
                throw new UnauthorizedAccessException($"Access to the path '{Path.Combine(Root, "hosts", ".10-eth1.network.gitops-old")}' is denied.");
            }
        }));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(("output/hosts/10-eth1.network", Path.Combine(Root, "hosts", "10-eth1.network")), (diagnostic.Path, diagnostic.File));
        Assert.EndsWith("is denied; every change was undone, the folder is as it was; check that you may write this file and its folder (ls -l; an immutable file shows 'i' in lsattr, chattr -i clears it), then build again",
            diagnostic.Message, StringComparison.Ordinal);
        Assert.StartsWith("moving this file aside to replace or delete it failed: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(before, FolderSnapshot.Take(Root));
    }

    [Fact]
    public void A_file_that_appears_after_the_plan_is_never_overwritten_and_the_update_is_undone()
    {
        OutputWriter.Write(Root, Files(("a.yaml", "a")));
        var plan = OutputWriter.Plan(Root, Files(("a.yaml", "a2"), ("new.yaml", "n")));
        File.WriteAllText(Path.Combine(Root, "new.yaml"), "someone else's");
        var before = FolderSnapshot.Take(Root);

        var error = Assert.Throws<OutputException>(() => OutputWriter.Apply(plan));

        Assert.Contains("every change was undone, the folder is as it was", Assert.Single(error.Diagnostics).ToCanonicalString(), StringComparison.Ordinal);
        Assert.Equal(before, FolderSnapshot.Take(Root));
        Assert.Equal("someone else's", Read("new.yaml"));
    }

    [Fact]
    public void A_failure_creating_the_output_folder_itself_leaves_no_folder_behind()
    {
        var plan = OutputWriter.Plan(Root, Files(("deep/a.yaml", "a")));

        Assert.Throws<OutputException>(() => OutputWriter.Apply(plan, step =>
        {
            if (step == "create deep/a.yaml")
            {
                throw new IOException("no space left");
            }
        }));

        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void The_same_files_produce_the_same_bytes_whatever_their_order()
    {
        using var other = new TempFolder();
        OutputWriter.Write(Root, Files(("b.yaml", "b"), ("a.yaml", "a")));
        OutputWriter.Write(other.Combine("manifests"), Files(("a.yaml", "a"), ("b.yaml", "b")));

        Assert.Equal(
            File.ReadAllBytes(Path.Combine(Root, OwnedFileList.FileName)),
            File.ReadAllBytes(other.Combine("manifests", OwnedFileList.FileName)));
    }

    private static RenderedFile[] Files(params (string Path, string Text)[] files) =>
        files.Select(f => new RenderedFile(f.Path, Encoding.UTF8.GetBytes(f.Text))).ToArray();

    private string Read(string relativePath) => File.ReadAllText(OutputPath.ToFullPath(Root, relativePath));

    private string Entry(string relativePath) =>
        FolderSnapshot.Take(Root).Entries.Single(e => e.StartsWith(relativePath + " ", StringComparison.Ordinal));

    private void AgeEverything()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, LongAgo);
        }
    }
}
