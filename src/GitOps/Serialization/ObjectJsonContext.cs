using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using GitOps.Calico;
using GitOps.Fleet;
using GitOps.Flux;
using GitOps.K3s;
using GitOps.Networks;
using GitOps.Output;
using GitOps.Rancher;
using k8s.Models;

namespace GitOps.Serialization;

/// <summary>
/// Source-generated JSON metadata for every object the generator serializes (<see cref="KubernetesObjectJson"/>): the
/// library's custom resources and file documents, and the <c>k8s.Models</c> kinds the emitters write or a lab's workloads
/// usually bring. It is compiled into GitOps.dll, so its code is in the library's ReadyToRun image (no JIT, no
/// reflection); a <c>k8s.Models</c> kind not listed here still has source-generated metadata, KubernetesClient's own
/// <c>SourceGenerationContext</c> (IL only, compiled by the JIT when used). The options match
/// <see cref="KubernetesObjectJson"/>'s (nulls omitted, camelCase where a property has no <c>[JsonPropertyName]</c>).
/// It lives above the emitters' namespaces because it names their types; <see cref="Register"/> hands it down to the
/// output namespace when the module loads (the layering test forbids the reverse reference).
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Installation))]
[JsonSerializable(typeof(BgpConfiguration))]
[JsonSerializable(typeof(BgpPeer))]
[JsonSerializable(typeof(GitRepo))]
[JsonSerializable(typeof(FleetYaml))]
[JsonSerializable(typeof(FluxGitRepository))]
[JsonSerializable(typeof(FluxKustomization))]
[JsonSerializable(typeof(KustomizeFile))]
[JsonSerializable(typeof(HelmChart))]
[JsonSerializable(typeof(NetworkAttachmentDefinition))]
[JsonSerializable(typeof(ProvisioningCluster))]
[JsonSerializable(typeof(V1ClusterRole))]
[JsonSerializable(typeof(V1ClusterRoleBinding))]
[JsonSerializable(typeof(V1ConfigMap))]
[JsonSerializable(typeof(V1CustomResourceDefinition))]
[JsonSerializable(typeof(V1DaemonSet))]
[JsonSerializable(typeof(V1Deployment))]
[JsonSerializable(typeof(V1StatefulSet))]
[JsonSerializable(typeof(V1Namespace))]
[JsonSerializable(typeof(V1PersistentVolumeClaim))]
[JsonSerializable(typeof(V1PersistentVolume))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1Service))]
[JsonSerializable(typeof(V1ServiceAccount))]
internal sealed partial class ObjectJsonContext : JsonSerializerContext
{
    /// <summary>Gives <see cref="KubernetesObjectJson"/> this context before any other code of the module runs.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "It only stores this assembly's own source-generated context in a field of this assembly: no user code, no effect outside GitOps.dll. The output namespace may not name this one (the layering test), and it needs the context before its first object.")]
    internal static void Register() => GeneratedObjectJson.Resolver = Default;
}
