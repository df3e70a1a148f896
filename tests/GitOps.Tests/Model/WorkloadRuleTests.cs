using GitOps.Topology;
using Xunit;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Tests.Model;

/// <summary>Workloads and node agent: image references and ports.</summary>
public sealed class WorkloadRuleTests
{
    private const string Path = "lab/workloads/smarthome/homeassistant";

    /// <summary>The blog's workload in the simple form (<c>.Image</c>/<c>.Port</c>) instead of its Deployment object.</summary>
    internal static LabChange Simple(Action<WorkloadBuilder> workload) => new()
    {
        Omit = LabSection.Workloads,
        Add = b => b.Workload("smarthome/homeassistant", w => workload(w.Attach("default/layer2-bridge"))),
    };

    [Theory]
    [InlineData("ghcr.io/Home-Assistant/home-assistant:2025.11")]
    [InlineData("ghcr.io/home-assistant/home-assistant:")]
    [InlineData("home assistant")]
    [InlineData("/home-assistant:2025.11")]
    [InlineData("")]
    public void Workload_image_not_an_image_reference_is_rejected(string image) =>
        Expect.Error(Simple(w => w.Image(image)),
            InvalidImage, $"{Path}/image", value: $"'{image}'", fix: "use lower-case registry/repository:tag");

    /// <summary>Valid by distribution/reference's grammar (reference.go): upper case in the domain and the tag, a port, an
    /// IPv6 registry, a name without a domain. The rule refused the first before try-out 5.</summary>
    [Theory]
    [InlineData("Registry.Example.com:5000/home-assistant/home-assistant:2025.11-Beta_1")]
    [InlineData("[fd00::1]:5000/lab/home-assistant:2025.11")]
    [InlineData("localhost/home-assistant")]
    [InlineData("home-assistant")]
    [InlineData("ghcr.io/home-assistant/home__assistant.x--y:2025.11")]
    public void Workload_image_the_kubelet_accepts_builds(string image) =>
        Assert.NotNull(BlogLab.Builder(Simple(w => w.Image(image))).Build());

    [Fact]
    public void A_container_image_in_the_workloads_own_Deployment_is_read_as_the_kubelet_reads_it()
    {
        // Try-out 5: an upper-case repository in the Deployment object built green; the pod would fail with InvalidImageName.
        var deployment = HomeLab.HomeAssistant.Deployment();
        deployment.Spec.Template.Spec.Containers[0].Image = "ghcr.io/home-assistant/Home-Assistant:2025.11";

        Expect.Error(new() { Omit = LabSection.Workloads, Add = b => b.Workload("smarthome/homeassistant", w => w.Attach("default/layer2-bridge").Deployment(deployment)) },
            InvalidImage, $"{Path}/object/spec/template/spec/containers/homeassistant/image",
            value: "'ghcr.io/home-assistant/Home-Assistant:2025.11'", fix: "use lower-case registry/repository:tag");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Workload_port_outside_1_to_65535_is_rejected(int port) =>
        Expect.Error(Simple(w => w.Image("ghcr.io/home-assistant/home-assistant:2025.11").Port("mqtt", port)),
            InvalidValue, $"{Path}/ports/mqtt", value: $"port {port} ", fix: "use 1 to 65535");

    [Fact]
    public void Node_agent_image_not_an_image_reference_is_rejected() =>
        Expect.Error(new() { NodeAgent = n => n.RouteFixImage("ghcr.io/Lab-Network/route-fix:0.1.0") },
            InvalidImage, "lab/nodeAgent/routeFixImage", value: "'ghcr.io/Lab-Network/route-fix:0.1.0'", fix: "registry/repository:tag");

    [Fact]
    public void Node_agent_namespace_not_a_dns_label_is_rejected() =>
        Expect.Error(new() { NodeAgent = n => n.Namespace("Kube-System") },
            InvalidName, "lab/nodeAgent/namespace", value: "'Kube-System'", fix: "lower-case letters");

    [Fact]
    public void Node_agent_plugins_dir_relative_is_rejected() =>
        Expect.Error(new() { NodeAgent = n => n.PluginsImage("docker.io/rancher/hardened-cni-plugins:v1.7.1", "opt/cni/bin") },
            InvalidPath, "lab/nodeAgent/pluginsSourceDir", value: "'opt/cni/bin'", fix: "absolute Linux path");

    [Fact]
    public void Node_agent_pause_image_not_an_image_reference_is_rejected() =>
        Expect.Error(new() { NodeAgent = n => n.PauseImage("Pause:3.10") },
            InvalidImage, "lab/nodeAgent/pauseImage", value: "'Pause:3.10'", fix: "registry/repository:tag");
}
