using GitOps.Topology;

/// <summary>The lab the task tests run. GenerateLabManifestsTests asserts the line numbers of the marked lines.</summary>
public static class FixtureLab
{
    public static Lab Build()
    {
        var mode = Environment.GetEnvironmentVariable("GITOPS_FIXTURE") ?? "";
        Console.WriteLine($"fixture lab: mode '{mode}'");
        if (mode == "throw")
        {
            throw new InvalidOperationException("the fixture lab is broken on purpose"); // line 12
        }

        return Lab.Create("fixture")
            .Network("lan", n => n.Subnet(mode == "invalid" ? "192.168.2.0/33" : "192.168.2.0/24").Gateway("192.168.2.1")) // line 16
            .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1"))
            .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
            .Cluster("fixture", c => c.NodeNetwork("k8s"))
            .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
            .Build();
    }

    /// <summary>
    /// GITOPS_FIXTURE=warn: a warning as the generator prints one for a lab that builds (no lab the builders accept
    /// warns today), then the lab generates normally.
    /// </summary>
    public static void WarnIfAsked()
    {
        if (Environment.GetEnvironmentVariable("GITOPS_FIXTURE") == "warn")
        {
            Console.Error.WriteLine(new GitOps.Diagnostics.Diagnostic(GitOps.Diagnostics.DiagnosticCodes.NoSchemaForKind, GitOps.Diagnostics.DiagnosticSeverity.Warning,
                "workloads/widget.yaml#", "Widget/x: no schema bundled for example.com/v1/Widget; the object was not validated.", Here(), 16).ToCanonicalString());
        }
    }

    private static string Here([System.Runtime.CompilerServices.CallerFilePath] string file = "") => file;
}
