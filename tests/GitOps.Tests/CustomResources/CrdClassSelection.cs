namespace GitOps.Tests.CustomResources;

/// <summary>
/// Which custom-resource classes <see cref="CrdClassGenerator"/> writes, and which of each schema's fields: only
/// the ones the emitters set, in the order they are emitted today (the order is part of the output bytes).
/// Types, names and documentation come from the schemas; this table says only what the library uses and how
/// the C# author must set it (<see cref="Presence"/>).
/// </summary>
internal static class CrdClassSelection
{
    public static readonly CrdKind[] Kinds =
    [
        new(
            "helm.cattle.io/v1", "HelmChart", "helm-controller-helmcharts-crd.yaml", "v1", "GitOps.K3s", "K3s/HelmChart.g.cs",
            "K3s's embedded helm-controller (k3s-io/helm-controller v0.17.7, pkg/apis/helm.cattle.io/v1/types.go). K3s applies it " +
            "from the auto-deploy manifests directory; the controller then runs <c>helm install</c> in a Job.",
            [
                new("HelmChart", "", [new("spec", Presence.Required)]),
                new("HelmChartSpec", "spec",
                [
                    new("repo", Presence.Required),
                    new("chart", Presence.Required),
                    new("version", Presence.Required, Note: "The lab always pins the chart version."),
                    new("targetNamespace", Presence.Required),
                    new("createNamespace", Presence.Always),
                    new("bootstrap", Presence.Always, Note:
                        "True: the install Job runs with <c>hostNetwork: true</c> on a control-plane node, tolerates the not-ready and " +
                        "network-unavailable taints and talks to the API server on 127.0.0.1, so it needs no pod network " +
                        "(k3s-io/helm-controller pkg/controllers/chart/chart.go, <c>if chart.Spec.Bootstrap</c>)."),
                    new("valuesContent", Presence.Optional, CSharpType: EmbeddedYaml, Note:
                        "Written as YAML text by the renderer: a typed values object, never text here."),
                ]),
            ]),
        new(
            "fleet.cattle.io/v1alpha1", "GitRepo", "fleet-crd-gitrepos.yaml", "v1alpha1", "GitOps.Fleet", "Fleet/GitRepo.g.cs",
            "Fleet's GitRepo (rancher/fleet charts/fleet-crd/templates/crds.yaml, gitrepos.fleet.cattle.io).",
            [
                new("GitRepo", "", [new("spec", Presence.Required)]),
                new("GitRepoSpec", "spec",
                [
                    new("repo", Presence.Required),
                    new("branch", Presence.Required),
                    new("paths", Presence.Required, Note: "Each listed folder becomes one bundle; folders not listed are never synced."),
                    new("targets", Presence.Required),
                ]),
                new("GitTarget", "spec.targets[]", [new("clusterName", Presence.Required)]),
            ]),
        new(
            "kustomize.toolkit.fluxcd.io/v1", "Kustomization", "kustomize.toolkit.fluxcd.io_kustomizations.yaml", "v1", "GitOps.Flux", "Flux/FluxKustomization.g.cs",
            "Flux's Kustomization (fluxcd/kustomize-controller config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml).",
            [
                new("FluxKustomization", "", [new("spec", Presence.Required)]),
                new("FluxKustomizationSpec", "spec",
                [
                    new("interval", Presence.Required, Note: "A Go duration, e.g. \"10m0s\"."),
                    new("retryInterval", Presence.Optional, Note:
                        "Unset, the controller retries after <see cref=\"Interval\"/> " +
                        "(fluxcd/kustomize-controller api/v1 kustomization_types.go, GetRetryInterval)."),
                    new("path", Presence.Required, Note: "The folder in the source, e.g. \"./manifests/crds\"."),
                    new("prune", Presence.Required),
                    new("wait", Presence.Optional, Note: "What a dependent waits for."),
                    new("sourceRef", Presence.Required),
                    new("dependsOn", Presence.Optional),
                ]),
                new("FluxSourceReference", "spec.sourceRef", [new("kind", Presence.Required), new("name", Presence.Required)]),
                new("FluxDependency", "spec.dependsOn[]", [new("name", Presence.Required)]),
            ]),
        new(
            "source.toolkit.fluxcd.io/v1", "GitRepository", "flux-gitrepositories-crd.yaml", "v1", "GitOps.Flux", "Flux/FluxGitRepository.g.cs",
            "Flux's GitRepository source (fluxcd/source-controller config/crd/bases/source.toolkit.fluxcd.io_gitrepositories.yaml).",
            [
                new("FluxGitRepository", "", [new("spec", Presence.Required)]),
                new("FluxGitRepositorySpec", "spec",
                [
                    new("interval", Presence.Required),
                    new("url", Presence.Required),
                    new("ref", Presence.Required),
                ]),
                new("FluxGitReference", "spec.ref", [new("branch", Presence.Required)]),
            ]),
        new(
            "provisioning.cattle.io/v1", "Cluster", "rancher-provisioning-clusters-crd.yaml", "v1", "GitOps.Rancher", "Rancher/ProvisioningCluster.g.cs",
            "Rancher's provisioning Cluster (rancher/rancher pkg/crds/yaml/generated/provisioning.cattle.io_clusters.yaml, " +
            "pkg/apis/rke.cattle.io/v1/cluster_configuration_types.go).",
            [
                new("ProvisioningCluster", "", [new("spec", Presence.Required)]),
                new("ProvisioningClusterSpec", "spec",
                [
                    new("kubernetesVersion", Presence.Required, Note: "The K3s release, e.g. v1.33.5+k3s1."),
                    new("rkeConfig", Presence.Required, Note:
                        "A \"custom\" cluster: no machine pools (the nodes register themselves), K3s settings for every machine."),
                ]),
                new("RkeConfig", "spec.rkeConfig",
                [
                    new("machineGlobalConfig", Presence.Required, Note:
                        "K3s config-file keys for every machine: Rancher copies them to <c>/etc/rancher/k3s/config.yaml.d/50-rancher.yaml</c> " +
                        "(cluster_configuration_types.go, MachineGlobalConfig)."),
                    new("additionalManifest", Presence.Required, CSharpType: EmbeddedYaml, Note:
                        "Rancher writes it to <c>/var/lib/rancher/k3s/server/manifests/rancher/addons.yaml</c> on the control-plane nodes, " +
                        "where K3s applies it; objects removed from it are deleted (pkg/capr/planner/manifests.go, getAddons). Held as " +
                        "the objects; the renderer writes the YAML stream."),
                ]),
            ]),
    ];

    /// <summary>A schema <c>string</c> the library holds as objects and the renderer writes as YAML text (GitOps.Output.EmbeddedYaml).</summary>
    public const string EmbeddedYaml = "EmbeddedYaml";
}

/// <summary>One custom resource: its kind as the bundle's <c>x-gitops-kinds</c> names it, the CRD file its descriptions come from.</summary>
internal sealed record CrdKind(
    string ApiVersion,
    string Kind,
    string CrdFile,
    string CrdVersion,
    string Namespace,
    string OutputFile,
    string Note,
    CrdObject[] Objects);

/// <summary>A class for the object at <paramref name="Path"/> (dot-separated property names; <c>[]</c> is an array's item; "" the resource).</summary>
internal sealed record CrdObject(string ClassName, string Path, CrdField[] Fields);

/// <summary>A property the library sets, by its JSON name; <paramref name="CSharpType"/> overrides the type the schema gives.</summary>
internal sealed record CrdField(string JsonName, Presence Presence, string? CSharpType = null, string? Note = null);

/// <summary>How the C# author sets a field, and so whether it is written.</summary>
internal enum Presence
{
    /// <summary><c>required</c>, never null: always written.</summary>
    Required,

    /// <summary>Nullable: written only when set.</summary>
    Optional,

    /// <summary>A value type with its default: always written, false or 0 included.</summary>
    Always,
}
