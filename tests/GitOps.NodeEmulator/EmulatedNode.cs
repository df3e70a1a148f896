using System.Text.Json.Nodes;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator;

/// <summary>
/// One emulated Kubernetes node: its network namespace (given, e.g. <see cref="LabNetwork.Node"/>), a fresh fake
/// host root directory (empty /opt/cni/bin, /etc/cni/net.d, /run, /var/run → ../run) where hostPath volumes point,
/// its own runc state directory, and the pods it runs. Pod network namespaces are bind-mounted into the host root's
/// /run/netns (a shared mount, so HostToContainer mounts see pods created later), as containerd pins them.
/// Dispose kills and deletes every container, unmounts, removes the namespaces it made and the directories, even
/// after a failure, and reports whatever could not be cleaned.
/// </summary>
public sealed class EmulatedNode : IDisposable
{
    private readonly List<PodRun> _pods = [];
    private readonly List<string> _podNamespaces = [];
    private readonly Func<string> _routeFixImage;
    private bool _netnsMounted;

    private EmulatedNode(string name, string networkNamespace, Func<string> routeFixImage, string? routeFixReference)
    {
        Name = name;
        RouteFixReference = routeFixReference;
        NetworkNamespace = networkNamespace;
        _routeFixImage = routeFixImage;
        Directory = System.IO.Directory.CreateTempSubdirectory("node-emulator-").FullName;
        HostRoot = Path.Combine(Directory, "host");
        RuncRoot = Path.Combine(Directory, "runc");
    }

    public string Name { get; }

    /// <summary>
    /// An image reference besides the default repository (<see cref="StandInImages.RouteFix"/>) that this node's runtime
    /// resolves to the route-fix archive, exactly as written (e.g. <c>registry/route-fix@sha256:…</c>, the archive having
    /// been pulled from there by that reference); null: none.
    /// </summary>
    public string? RouteFixReference { get; }

    /// <summary>The node's network namespace name (under /run/netns): hostNetwork pods run in it.</summary>
    public string NetworkNamespace { get; }

    public string Directory { get; }

    /// <summary>The fake host root: a hostPath <c>/x</c> is <c>HostRoot/x</c>.</summary>
    public string HostRoot { get; }

    public string RuncRoot { get; }

    public string NetnsDirectory => HostPath("/run/netns");

    public string HostPath(string path) => HostRoot + path;

    public static EmulatedNode Create(string name, string networkNamespace, Func<string> routeFixImage, string? routeFixReference = null)
    {
        var node = new EmulatedNode(name, networkNamespace, routeFixImage, routeFixReference);
        try
        {
            foreach (var dir in new[] { "/opt/cni/bin", "/etc/cni/net.d", "/run/netns", "/var/lib" })
            {
                System.IO.Directory.CreateDirectory(node.HostPath(dir));
            }

            File.CreateSymbolicLink(node.HostPath("/var/run"), "../run");
            // The emulated node's OS is the test machine's: its glibc `ldd` (the route-fix installer reads the version).
            System.IO.Directory.CreateDirectory(node.HostPath("/usr/bin"));
            File.Copy("/usr/bin/ldd", node.HostPath("/usr/bin/ldd"));
            System.IO.Directory.CreateDirectory(node.RuncRoot);
            Shell.Run("mount", "--bind", node.NetnsDirectory, node.NetnsDirectory).EnsureSuccess();
            node._netnsMounted = true;
            Shell.Run("mount", "--make-shared", node.NetnsDirectory).EnsureSuccess();
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>A new pod network namespace (containerd's cni-... netns), pinned under the host root's /run/netns; returns its CNI_NETNS path.</summary>
    public string AddPodNetworkNamespace(string name)
    {
        Shell.Ip("netns", "add", name);
        _podNamespaces.Add(name);
        Shell.Ip("-n", name, "link", "set", "lo", "up");
        return Pin(name);
    }

    /// <summary>Makes the existing namespace /run/netns/NAME visible at HostRoot/run/netns/NAME; returns /run/netns/NAME.</summary>
    public string Pin(string name)
    {
        var target = Path.Combine(NetnsDirectory, name);
        File.WriteAllText(target, "");
        Shell.Run("mount", "--bind", "/run/netns/" + name, target).EnsureSuccess();
        return "/run/netns/" + name;
    }

    /// <summary>
    /// Prefix for running a CNI plugin as the kubelet's runtime would on this node: in the node's network namespace,
    /// with the host root's /run as /run (so a socket or netns path the config names is the emulated host's).
    /// </summary>
    public IReadOnlyList<string> PluginLauncher() =>
        ["ip", "netns", "exec", NetworkNamespace, "sh", "-c", "mount --rbind \"$0\" /run && exec \"$@\"", HostPath("/run")];

    /// <summary>Runs the pod template of <paramref name="workload"/> (a DaemonSet or Deployment object from the emitted YAML).</summary>
    public PodRun RunPod(JsonObject workload, IReadOnlyList<JsonObject> emitted, string? podName = null)
    {
        var pod = new PodRun(this, workload, emitted, podName, _routeFixImage);
        _pods.Add(pod);
        pod.Start();
        return pod;
    }

    public void Dispose()
    {
        var problems = new List<string>();
        foreach (var pod in Enumerable.Reverse(_pods))
        {
            try
            {
                pod.Dispose();
            }
            catch (Exception e)
            {
                problems.Add(e.Message);
            }
        }

        if (System.IO.Directory.Exists(NetnsDirectory))
        {
            foreach (var pinned in System.IO.Directory.GetFiles(NetnsDirectory))
            {
                Shell.Run("umount", "-l", pinned);
            }
        }

        if (_netnsMounted)
        {
            var r = Shell.Run("umount", "-l", NetnsDirectory);
            if (r.ExitCode != 0)
            {
                problems.Add("umount " + NetnsDirectory + ": " + r.Stderr.Trim());
            }
        }

        foreach (var ns in _podNamespaces)
        {
            var r = Shell.Run("ip", "netns", "del", ns);
            if (r.ExitCode != 0)
            {
                problems.Add($"ip netns del {ns}: {r.Stderr.Trim()}");
            }
        }

        // Never delete through a mount point: only when nothing is mounted below the directory any more.
        var mounted = File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(p => p.StartsWith(Directory, StringComparison.Ordinal)).ToList();
        if (mounted.Count > 0)
        {
            problems.Add("still mounted, directory kept: " + string.Join(", ", mounted));
        }
        else
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(e.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("node emulator cleanup: " + string.Join("; ", problems));
        }
    }
}
