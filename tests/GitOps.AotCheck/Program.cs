// The smallest lab that reaches every step of the generator (model, emitters, object JSON, schema validation, YAML,
// write), published NativeAOT by tests/aot-check.sh. A workload brings a user-built k8s.Models object, so the copy
// through KubernetesClient's SourceGenerationContext runs too. With GITOPS_AOT_CHECK=yaml-file it builds a lab with a
// .YamlFile(...) workload instead, which a NativeAOT lab cannot read: aot-check.sh expects GITOPS175 at that call.
using System.Diagnostics.CodeAnalysis;
using GitOps;
using GitOps.Topology;
using k8s.Models;

if (Environment.GetEnvironmentVariable("GITOPS_AOT_CHECK") == "yaml-file")
{
    return GitOpsCli.Run(args, YamlFileLab.Build);
}

return GitOpsCli.Run(args, () => Lab.Create("aot")
    .Network("lan", n => n.Subnet("192.168.0.0/16").Gateway("192.168.0.1"))
    .Network("k8s", n => n.Vlan(20).Subnet("10.20.0.0/24").Gateway("10.20.0.1"))
    .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
    .Cluster("aot", c => c.NodeNetwork("k8s"))
    .Calico(c => c.IPPool("10.7.0.0/16", blockSize: 26).Bgp(b => b.Router("router")))
    .Attachment("default/layer2", a => a.Network("lan").Bridge("cni0").Dhcp(d => d.ProvidePodName()), out var layer2)
    .Workload("default/web", w => w
        .Deployment(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
                },
            },
        })
        .Object(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "web" }, Data = new Dictionary<string, string> { ["a"] = "b" } })
        .Attach(layer2))
    .Build());

// The IL3050 that .YamlFile(...) raises here (its RequiresDynamicCode) is what a user's NativeAOT publish shows; it is
// suppressed only so this check can run the executable and see the error Build() reports at the call instead. A class,
// not a local function of the top-level statements: ILC attributes a local function's lambdas to Main, where the
// suppression does not reach.
internal static class YamlFileLab
{
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The check runs this lab NativeAOT on purpose, to see GITOPS175.")]
    public static Lab Build() => Lab.Create("aot")
        .Network("lan", n => n.Subnet("192.168.0.0/16").Gateway("192.168.0.1"))
        .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")))
        .Cluster("aot", c => c.NodeNetwork("lan"))
        .Calico(c => c.IPPool("10.7.0.0/16", blockSize: 26).Bgp(b => b.Router("router")))
        .Attachment("default/layer2", a => a.Network("lan").Bridge("cni0").Dhcp(), out var layer2)
        .Workload("default/web", w => w.YamlFile("web.yaml").Attach(layer2))
        .Build();
}
