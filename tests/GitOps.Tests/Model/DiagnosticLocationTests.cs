using System.Runtime.CompilerServices;
using GitOps.Diagnostics;
using GitOps.Output;
using GitOps.Tests.Support;
using GitOps.Topology;
using Xunit;

namespace GitOps.Tests.Model;

/// <summary>
/// Errors at your line, every stage: a diagnostic of each stage (model GITOPS1xx, schema validation GITOPS3xx,
/// Fleet/Flux GITOPS4xx, output paths GITOPS2xx) carries the file and line of the C# that declared the element it is
/// about. Each lab below is one statement on the line after <c>Line()</c>.
/// </summary>
public sealed class DiagnosticLocationTests
{
    [Fact]
    public void A_model_error_is_at_the_line_of_the_element()
    {
        var line = Line() + 1;
        var error = Assert.Single(Assert.Throws<LabValidationException>(() => Lab.Create("lab").Network("lan", n => n.Subnet("192.168.2.0/33").Gateway("192.168.2.1")).Build()).Diagnostics, d => d.Code == DiagnosticCodes.InvalidCidr);

        Assert.Equal((ThisFile(), line), (error.File, error.Line));
    }

    [Fact]
    public void A_schema_error_in_an_emitted_object_is_at_the_line_of_the_element_it_came_from()
    {
        // The model refuses a negative MTU (GITOPS1xx); a lab that got past it, as an emitter bug would let through,
        // shows where the schema stage points: the bridge plugin of the attachment's NetworkAttachmentDefinition.
        var line = Line() + 2;
        var lab = Lab.Create("lab").Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1")).Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1")).Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s")).Cluster("lab", c => c.NodeNetwork("k8s")).Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Attachment("default/l2", a => a.Network("lan").Bridge("cni0").Dhcp()).Build();
        var broken = lab.With(attachments: [lab.Attachments[0] with { Mtu = -1 }]);

        var errors = Assert.Throws<LabValidationException>(() => LabGenerator.GenerateSet(broken)).Diagnostics;

        var error = Assert.Single(errors);
        Assert.StartsWith("GITOPS3", error.Code);
        Assert.StartsWith("networks/networkattachmentdefinition-default-l2.yaml#", error.Path);
        Assert.Equal((ThisFile(), line), (error.File, error.Line));
    }

    [Fact]
    public void A_fleet_error_is_at_the_line_of_the_gitops_call()
    {
        var line = Line() + 2;
        var error = Assert.Single(Assert.Throws<LabValidationException>(() => Lab.Create("lab").Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1")).Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1")).Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s")).Cluster("lab", c => c.NodeNetwork("k8s")).Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .GitOps(g => g.Repository("not a url", branch: "main", path: "manifests").Fleet()).Build()).Diagnostics);

        Assert.StartsWith("GITOPS4", error.Code);
        Assert.Equal((ThisFile(), line), (error.File, error.Line));
    }

    [Fact]
    public void An_output_path_error_is_at_the_line_of_the_element_whose_file_it_is()
    {
        // No lab the model accepts yields two paths that differ only by case; the generation step here adds one as an
        // emitter bug would, so the output stage (GITOPS202) shows where it points: the attachment.
        var line = Line() + 2;
        Lab Build() => Lab.Create("lab").Network("lan", n => n.Subnet("192.168.2.0/24").Gateway("192.168.2.1")).Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1")).Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s")).Cluster("lab", c => c.NodeNetwork("k8s")).Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Attachment("default/l2", a => a.Network("lan").Bridge("cni0").Dhcp()).Build();
        var output = Directory.CreateTempSubdirectory("gitops-location-");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        try
        {
            var exit = GitOpsCli.Run(["--output", output.FullName], Build, stdout, stderr, lab =>
            {
                var generated = LabGenerator.GenerateWithWarnings(lab);
                var nad = generated.Rendered.Single(f => f.RelativePath.StartsWith("networks/", StringComparison.Ordinal));
                return generated with { Rendered = [.. generated.Rendered, new RenderedFile(nad.RelativePath.Replace("default-l2", "default-L2"), nad.Content)] };
            });

            Assert.Equal(GitOpsCli.ExitCodes.OutputFailed, exit);
            Assert.StartsWith($"{ThisFile()}({line}): error GITOPS202: output/networks/networkattachmentdefinition-default-L2.yaml: ", stderr.ToString());
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string ThisFile([CallerFilePath] string file = "") => file;
}
