using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GitOps.Build.Tests;

/// <summary>
/// The generator build server as a lab repository gets it from the packed packages (<see cref="PackedFeed"/>): real
/// `dotnet build`s of a consumer project with GitOpsUseServer=true. Every server started here is ended on dispose.
/// Linux: reads the server's mappings and open files in /proc. Slow (packs, restores); runs in CI.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedFeedCollection.Name)]
public sealed class BuildServerEndToEndTests(PackedFeed feed) : IDisposable
{
    private readonly TempFolder temp = new("gitops-server-e2e");
    private readonly BuildServerProcesses servers = new();

    private string Consumer => temp.Combine("lab-repo");

    private string Output => temp.Combine("lab-repo", "manifests");

    private string LabSource => temp.Combine("lab-repo", "MyLab.cs");

    private string Bin => temp.Combine("lab-repo", "bin", "Release", "net10.0");

    public void Dispose()
    {
        servers.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void A_warm_server_runs_each_new_lab_assembly_and_writes_what_a_new_process_writes()
    {
        CreateConsumer();

        // 1. The first build starts a server and runs the lab on it. The build returns while the server runs on:
        //    the server holds none of the build's output handles (DotNetCli reads the build's output to its end).
        var first = Build();
        Assert.True(first.ExitCode == 0, first.Output);
        var server = Assert.Single(servers.Track(first.Output));
        Assert.True(BuildServerProcesses.IsRunning(server), "the server outlives the build that started it");
        Assert.Contains($"GitOps: {Output}: ", first.Output);

        // 2. The bytes are the ones the lab writes as a process of its own (dotnet exec, as with GitOpsUseServer=false).
        var byProcess = temp.Combine("by-process");
        var exec = DotNetCli.Run(Consumer, PackageCache, "exec", Path.Combine(Bin, "Lab.dll"), "--output", byProcess);
        Assert.True(exec.ExitCode == 0, exec.Output);
        Assert.Equal(Files(byProcess), Files(Output));
        Assert.Contains(Files(Output).Values, text => text.Contains("9000", StringComparison.Ordinal));

        // 3. A one-line change of the lab: the same server runs the new lab assembly.
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24", mtu: 1500));
        var changed = Build();
        Assert.True(changed.ExitCode == 0, changed.Output);
        Assert.Equal([server], servers.Track(changed.Output));
        Assert.Matches($@"GitOps: {Regex.Escape(Output)}: [1-9][0-9]* written, ", changed.Output);
        Assert.Contains(Files(Output).Values, text => text.Contains("1500", StringComparison.Ordinal));
        Assert.DoesNotContain(Files(Output).Values, text => text.Contains("9000", StringComparison.Ordinal));

        // 4. A model error through the server is at the user's file and line.
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/33", mtu: 1500));
        var invalid = Build();
        Assert.NotEqual(0, invalid.ExitCode);
        Assert.Equal([server], servers.Track(invalid.Output));
        Assert.Matches($@"{Regex.Escape(LabSource)}\({SubnetLine}\): error GITOPS101: lab/networks/lan/subnet: '192\.168\.2\.0/33' is not a CIDR; ", invalid.Output);

        // 5. The server has no file of the lab repository (bin/, obj/) or of its package cache mapped or open: it
        //    loaded them from bytes. So bin/ can be overwritten in place while it runs, and the next build is served.
        Assert.DoesNotContain(File.ReadAllLines($"/proc/{server}/maps"), line => line.Contains(temp.Path, StringComparison.Ordinal));
        Assert.DoesNotContain(Directory.GetFiles($"/proc/{server}/fd"), fd => OpenFile(fd).StartsWith(temp.Path, StringComparison.Ordinal));
        foreach (var dll in Directory.GetFiles(Bin, "*.dll"))
        {
            var bytes = File.ReadAllBytes(dll);
            using var inPlace = new FileStream(dll, FileMode.Open, FileAccess.Write, FileShare.None); // same inode, no rename
            inPlace.SetLength(0);
            inPlace.Write(bytes);
        }

        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24", mtu: 1500));
        var afterOverwrite = Build();
        Assert.True(afterOverwrite.ExitCode == 0, afterOverwrite.Output);
        Assert.Equal([server], servers.Track(afterOverwrite.Output));

        // 6. A dependency changes (a package updated in place): the server's key no longer holds and it exits.
        var gitOps = Directory.GetFiles(temp.Combine("packages", "labnetwork.gitops"), "GitOps.dll", SearchOption.AllDirectories).Single(p => p.Contains("/lib/", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(gitOps, DateTime.UtcNow.AddMinutes(1));
        using var process = Process.GetProcessById(server);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "the server exits when a file of its key changes");
    }

    [Fact]
    public void GitOpsUseServer_false_runs_the_lab_in_a_new_process()
    {
        CreateConsumer();

        var build = DotNetCli.Run(Consumer, PackageCache, "build", "-c", "Release", "-v:n", "-nodeReuse:false", "-tl:off");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(servers.Track(build.Output));
        Assert.Contains($"exec --runtimeconfig {Path.Combine(Bin, "Lab.runtimeconfig.json")}", build.Output);
    }

    private Dictionary<string, string> PackageCache => new() { ["NUGET_PACKAGES"] = temp.Combine("packages") };

    /// <summary>`dotnet build -c Release -v:n` with the server on (DotNetCli turns it off by default) and a short idle timeout.</summary>
    private (int ExitCode, string Output) Build() =>
        DotNetCli.Run(Consumer, new Dictionary<string, string>(PackageCache) { ["GitOpsUseServer"] = "true", ["GitOpsServerIdleTimeout"] = "120" },
            "build", "-c", "Release", "-v:n", "-nodeReuse:false", "-tl:off");

    private static string OpenFile(string fd)
    {
        try
        {
            return new FileInfo(fd).ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static SortedDictionary<string, string> Files(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(root, path), File.ReadAllText), StringComparer.Ordinal);

    private const int SubnetLine = 6;

    private static string LabCode(string subnet, int mtu) => $$"""
        using GitOps.Topology;
        public static class MyLab
        {
            public static Lab Build() =>
                Lab.Create("home")
                    .Network("lan", n => n.Subnet("{{subnet}}").Gateway("192.168.2.1"))
                    .Network("k8s", n => n.Vlan(20).Subnet("192.168.3.0/24").Gateway("192.168.3.1").Mtu({{mtu}}))
                    .Node("k8s-1", n => n.Interface("eth0", "lan", i => i.Bridge("cni0")).Interface("eth1", "k8s"))
                    .Cluster("home", c => c.NodeNetwork("k8s"))
                    .Calico(c => c.IPPool("192.168.7.0/24", blockSize: 26).Bgp(b => b.Router("router")))
                    .Build();
        }

        """;

    private void CreateConsumer()
    {
        ConsumerProject.Create(Consumer, feed.Folder, feed.Version);
        File.WriteAllText(LabSource, LabCode(subnet: "192.168.2.0/24", mtu: 9000));
    }
}
