using System.Reflection;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace GitOps.Topology;

/// <summary>Copies of the user's <c>k8s.Models</c> objects (in the model: the builders copy what the user hands them), so the lab never shares (or changes) an instance the user holds.</summary>
internal static class KubernetesObjects
{
    /// <summary>KubernetesJson's settings (<see cref="KubernetesJsonSettings"/>) with KubernetesClient's source-generated <c>SourceGenerationContext</c>.</summary>
    private static readonly JsonSerializerOptions CopyOptions = KubernetesJsonSettings.Create(encoder: null, SourceGenerationContext.Default);

    /// <summary>
    /// A deep copy through the object's JSON form (KubernetesClient's serializer, the wire form), of the same type, with
    /// an empty <c>apiVersion</c>/<c>kind</c> filled from the type's <see cref="KubernetesEntityAttribute"/> (an object
    /// initializer such as <c>new V1Service { ... }</c> usually leaves them unset).
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> Copy(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var info = CopyOptions.GetTypeInfo(obj.GetType());
        var copy = (IKubernetesObject<V1ObjectMeta>)(JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(obj, info), info)
            ?? throw new InvalidOperationException($"{obj.GetType().Name} copied to null."));
        if (obj.GetType().GetCustomAttribute<KubernetesEntityAttribute>() is { } entity)
        {
            if (string.IsNullOrEmpty(copy.ApiVersion))
            {
                copy.ApiVersion = string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
            }

            if (string.IsNullOrEmpty(copy.Kind))
            {
                copy.Kind = entity.Kind;
            }
        }

        return copy;
    }

    /// <summary>The pod template of a Deployment, StatefulSet or DaemonSet (null when the object has none or no spec yet).</summary>
    public static V1PodTemplateSpec? PodTemplate(object obj) => obj switch
    {
        V1Deployment d => d.Spec?.Template,
        V1StatefulSet s => s.Spec?.Template,
        V1DaemonSet d => d.Spec?.Template,
        _ => null,
    };

    /// <summary>True for the kinds whose pod template the library annotates.</summary>
    public static bool IsPodOwner(object obj) => obj is V1Deployment or V1StatefulSet or V1DaemonSet;

    /// <summary>Kinds that run pods but whose template the library does not edit (GITOPS171).</summary>
    public static bool RunsPodsOtherwise(object obj) => obj is V1Pod or V1Job or V1CronJob or V1ReplicaSet or V1ReplicationController;

    /// <summary>
    /// Cluster-scoped kinds a workload's YAML may bring (a PersistentVolume for its claim, a StorageClass): their namespace
    /// is never filled in (kubernetes.io/docs/reference/kubernetes-api: these objects have no namespace).
    /// </summary>
    public static bool IsClusterScoped(object obj) => obj is V1PersistentVolume or V1StorageClass or V1Namespace or V1ClusterRole
        or V1ClusterRoleBinding or V1PriorityClass or V1IngressClass or V1CustomResourceDefinition;
}
