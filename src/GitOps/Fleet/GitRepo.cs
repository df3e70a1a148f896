using System.Text.Json.Serialization;
using GitOps.Kubernetes;
using k8s.Models;

namespace GitOps.Fleet;

/// <summary>
/// Fleet's <c>GitRepo</c> (fleet.cattle.io/v1alpha1), only the fields the lab uses. Field names follow
/// rancher/fleet <c>charts/fleet-crd/templates/crds.yaml</c> (gitrepos.fleet.cattle.io).
/// </summary>
internal sealed class GitRepo() : CustomResource(ApiVersionValue, KindValue)
{
    public const string ApiVersionValue = "fleet.cattle.io/v1alpha1";
    public const string KindValue = "GitRepo";

    [JsonPropertyName("spec")]
    public required GitRepoSpec Spec { get; init; }
}

internal sealed class GitRepoSpec
{
    [JsonPropertyName("repo")]
    public required string Repo { get; init; }

    [JsonPropertyName("branch")]
    public required string Branch { get; init; }

    /// <summary>Repository-relative folders; each becomes one bundle. Folders not listed are never synced.</summary>
    [JsonPropertyName("paths")]
    public required IReadOnlyList<string> Paths { get; init; }

    [JsonPropertyName("targets")]
    public required IReadOnlyList<GitTarget> Targets { get; init; }
}

internal sealed class GitTarget
{
    [JsonPropertyName("clusterName")]
    public required string ClusterName { get; init; }
}
