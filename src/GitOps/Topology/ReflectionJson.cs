using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GitOps.Topology;

/// <summary>
/// Reflection-based JSON metadata for a type no source-generated context covers (a lab author's own
/// <c>IKubernetesObject</c> class), only when the process allows reflection-based serialization
/// (<see cref="JsonSerializer.IsReflectionEnabledByDefault"/>: true under <c>dotnet exec</c>; false in a NativeAOT or
/// trimmed publish, whose SDK sets the feature switch <c>System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault</c>
/// to false). Otherwise nothing is added, and the serializer throws <see cref="NotSupportedException"/> naming the type.
/// </summary>
internal static class ReflectionJson
{
    /// <summary>
    /// The source-generated resolvers, then, where allowed, reflection with enums written as their names (as
    /// KubernetesClient's <c>KubernetesJson</c> options: its <c>JsonStringEnumConverter</c>, added to
    /// <paramref name="options"/>).
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reached only when JsonSerializer.IsReflectionEnabledByDefault is true; trimmed and NativeAOT publishes set that feature switch to false and the branch is removed, and a JIT process keeps every type.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reached only when JsonSerializer.IsReflectionEnabledByDefault is true; NativeAOT publishes set that feature switch to false and the branch is removed, and a JIT process can generate code.")]
    public static IJsonTypeInfoResolver After(JsonSerializerOptions options, params IJsonTypeInfoResolver[] generated)
    {
        if (!JsonSerializer.IsReflectionEnabledByDefault)
        {
            return JsonTypeInfoResolver.Combine(generated);
        }

        options.Converters.Add(new JsonStringEnumConverter());
        return JsonTypeInfoResolver.Combine([.. generated, new DefaultJsonTypeInfoResolver()]);
    }
}
