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
                    new("clientSecretName", Presence.Optional, Note:
                        "Unset, Fleet uses a Secret named gitcredential in the GitRepo's namespace when there is one " +
                        "(rancher/fleet internal/cmd/controller/gitops/reconciler/gitjob.go, config.DefaultGitCredentialsSecretName)."),
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
                    new("secretRef", Presence.Optional),
                ]),
                new("FluxGitReference", "spec.ref", [new("branch", Presence.Required)]),
                new("FluxSecretReference", "spec.secretRef", [new("name", Presence.Required)]),
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
        new(
            "projectcalico.org/v3", "BGPConfiguration", "calico-bgpconfigurations-crd.yaml", "v1", "GitOps.Calico", "Calico/BgpConfiguration.g.cs",
            "Calico's cluster-wide BGP settings, named <c>default</c> (the name Calico reads as the global defaults: " +
            "docs.tigera.io/calico/latest/reference/resources/bgpconfig), in the user-facing API the Calico API server serves " +
            "(docs/bgp.md); projectcalico/calico v3.32.1 api/pkg/apis/projectcalico/v3/bgpconfig.go. Only the fields the lab sets; Calico defaults the others.",
            [
                new("BgpConfiguration", "", [new("spec", Presence.Required)]),
                new("BgpConfigurationSpec", "spec",
                [
                    new("asNumber", Presence.Always, UnsignedInteger, Note: "Calico's default 64512; int32 in the CRD, so at most 2147483647 (checked by the lab's BGP rules)."),
                    new("nodeToNodeMeshEnabled", Presence.Always, Note: "Calico's default true."),
                    new("serviceClusterIPs", Presence.Optional, Note: "Service CIDRs every node advertises (with their ClusterIPs); null when not advertised."),
                ]),
                new("CidrBlock", "spec.serviceClusterIPs[]", [new("cidr", Presence.Required)]),
            ]),
        new(
            "projectcalico.org/v3", "BGPPeer", "calico-bgppeers-crd.yaml", "v1", "GitOps.Calico", "Calico/BgpPeer.g.cs",
            "The lab writes a global peer: no <c>node</c>/<c>nodeSelector</c>, so every calico-node peers with <see cref=\"BgpPeerSpec.PeerIP\"/> " +
            "(docs.tigera.io/calico/latest/reference/resources/bgppeer; api/pkg/apis/projectcalico/v3/bgppeer.go, v3.32.1); the source " +
            "address is the node IP (Calico's default).",
            [
                new("BgpPeer", "", [new("spec", Presence.Required)]),
                new("BgpPeerSpec", "spec",
                [
                    new("peerIP", Presence.Required, Note: "The router's address every node connects to (dotted quad)."),
                    new("asNumber", Presence.Always, UnsignedInteger, Note: "The router's AS; int32 in the CRD."),
                ]),
            ]),
        new(
            "k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition", "networks-crd-from-multus-latest.yaml", "v1", "GitOps.Networks", "Networks/NetworkAttachmentDefinition.g.cs",
            "The Network Plumbing WG multi-net spec's object, read by Multus.",
            [
                new("NetworkAttachmentDefinition", "", [new("spec", Presence.Required)]),
                new("NetworkAttachmentDefinitionSpec", "spec", [new("config", Presence.Required, Note: "The lab writes a CNI conflist.")]),
            ]),
        new(
            "operator.tigera.io/v1", "Installation", "operator.tigera.io_installations.yaml", "v1", "GitOps.Calico", "Calico/Installation.g.cs",
            "The Tigera operator's Installation (tigera/operator operator.tigera.io_installations.yaml), which the operator turns into calico-node and its CNI config.",
            [
                new("Installation", "", [new("spec", Presence.Required)]),
                new("InstallationSpec", "spec",
                [
                    new("variant", Presence.Always, Default: "\"Calico\""),
                    new("calicoNetwork", Presence.Required),
                    new("cni", Presence.Required),
                    new("controlPlaneNodeSelector", Presence.Optional),
                    new("nodeUpdateStrategy", Presence.Optional),
                ]),
                new("CalicoNetworkSpec", "spec.calicoNetwork",
                [
                    new("bgp", Presence.Required),
                    new("ipPools", Presence.Required),
                    new("linuxDataplane", Presence.Required),
                    new("nodeAddressAutodetectionV4", Presence.Optional),
                    new("nodeAddressAutodetectionV6", Presence.Optional, Note: "Set for a dual-stack lab only."),
                    new("mtu", Presence.Optional, Note: "Pod interface MTU in bytes; omitted, Calico detects it."),
                    new("containerIPForwarding", Presence.Optional, Note: "Omitted = Disabled (the operator's default)."),
                ]),
                new("InstallationIpPool", "spec.calicoNetwork.ipPools[]",
                [
                    new("name", Presence.Required),
                    new("cidr", Presence.Required),
                    new("blockSize", Presence.Always),
                    new("encapsulation", Presence.Required),
                    new("natOutgoing", Presence.Required),
                ]),
                new("NodeAddressAutodetection", "spec.calicoNetwork.nodeAddressAutodetectionV4",
                [
                    new("cidrs", Presence.Optional, Note: "The lab writes the node network's subnet, e.g. <c>[192.168.3.0/24]</c>."),
                    new("interface", Presence.Optional),
                    new("canReach", Presence.Optional),
                ], Note: "The lab sets exactly one method.", AlsoAt: ["spec.calicoNetwork.nodeAddressAutodetectionV6"]),
                new("CniSpec", "spec.cni",
                [
                    new("type", Presence.Always, Default: "\"Calico\""),
                    new("ipam", Presence.Always, Default: "new()"),
                    new("binDir", Presence.Optional, Note: "Set only when the lab moves it."),
                    new("confDir", Presence.Optional, Note: "Set only when the lab moves it."),
                ]),
                new("CniIpamSpec", "spec.cni.ipam", [new("type", Presence.Always, Default: "CalicoCniSettings.IpamType")]),
                new("NodeUpdateStrategy", "spec.nodeUpdateStrategy",
                [
                    new("type", Presence.Always, Default: "\"RollingUpdate\""),
                    new("rollingUpdate", Presence.Optional),
                ]),
                new("RollingUpdate", "spec.nodeUpdateStrategy.rollingUpdate",
                    [new("maxUnavailable", Presence.Always, IntegerOfIntOrString, Note: "The lab writes a node count.")]),
            ]),
    ];

    /// <summary>A schema <c>string</c> the library holds as objects and the renderer writes as YAML text (GitOps.Output.EmbeddedYaml).</summary>
    public const string EmbeddedYaml = "EmbeddedYaml";

    /// <summary>An <c>x-kubernetes-int-or-string</c> field the lab always writes as a number (C# <c>int</c>).</summary>
    public const string IntegerOfIntOrString = "int";

    /// <summary>
    /// An integer the lab holds unsigned (AS numbers, <c>uint</c> in the lab's model); the schema's own bound (Calico's
    /// int32) is checked by the lab's rules and by the validator, which a wrong value must still be able to reach.
    /// </summary>
    public const string UnsignedInteger = "uint";
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

/// <summary>A class for the object at <paramref name="Path"/> (dot-separated property names; <c>[]</c> is an array's item; "" the resource);
/// <paramref name="AlsoAt"/>: other paths with the same schema that the class also holds (checked equal).</summary>
internal sealed record CrdObject(string ClassName, string Path, CrdField[] Fields, string? Note = null, string[]? AlsoAt = null);

/// <summary>A property the library sets, by its JSON name; <paramref name="CSharpType"/> overrides the type the schema gives.</summary>
internal sealed record CrdField(string JsonName, Presence Presence, string? CSharpType = null, string? Note = null, string? Default = null);

/// <summary>How the C# author sets a field, and so whether it is written.</summary>
/// <remarks><see cref="Always"/> with a <see cref="CrdField.Default"/> (a C# expression) starts from that value.</remarks>
internal enum Presence
{
    /// <summary><c>required</c>, never null: always written.</summary>
    Required,

    /// <summary>Nullable: written only when set.</summary>
    Optional,

    /// <summary>A value type or a field with a <see cref="CrdField.Default"/>: always written, false or 0 included.</summary>
    Always,
}
