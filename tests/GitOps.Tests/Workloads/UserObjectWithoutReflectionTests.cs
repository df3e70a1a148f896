using k8s;
using k8s.Models;
using GitOps.Tests.Support;
using Xunit;

namespace GitOps.Tests.Workloads;

/// <summary>
/// This test project runs as a NativeAOT or trimmed lab does, with reflection-based System.Text.Json off
/// (<c>JsonSerializerIsReflectionEnabledByDefault=false</c> in GitOps.Tests.csproj). There a companion of the lab
/// author's own class, which only reflection could serialize, is a <see cref="NotSupportedException"/> naming its type
/// when the lab is built (WorkloadBuilder.Object's documentation says so); a <c>k8s.Models</c> type is copied through
/// KubernetesClient's source-generated metadata.
/// </summary>
public sealed class UserObjectWithoutReflectionTests
{
    [Fact]
    public void Reflection_is_off_in_this_test_process()
    {
        Assert.False(System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault);
    }

    [Fact]
    public void A_companion_of_the_authors_own_class_is_NotSupported_naming_the_type()
    {
        var error = Assert.Throws<NotSupportedException>(() => BlogLab.Build(new() { Workload = w => w.Object(new OwnWidget()) }));

        Assert.Contains(typeof(OwnWidget).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_k8s_models_companion_is_copied_and_generated()
    {
        var lab = BlogLab.Build(new() { Workload = w => w.Object(new V1ConfigMap { Metadata = new() { Name = "widget" }, Data = new Dictionary<string, string> { ["a"] = "b" } }) });

        var file = Assert.Single(LabGenerator.Generate(lab), f => f.Path.EndsWith("configmap-smarthome-widget.yaml", StringComparison.Ordinal));
        Assert.Contains("a: b", file.Text, StringComparison.Ordinal);
    }

    /// <summary>A lab author's own Kubernetes object class (no source-generated metadata anywhere).</summary>
    public sealed class OwnWidget : IKubernetesObject<V1ObjectMeta>
    {
        public string ApiVersion { get; set; } = "example.com/v1";

        public string Kind { get; set; } = "Widget";

        public V1ObjectMeta Metadata { get; set; } = new() { Name = "widget" };
    }
}
