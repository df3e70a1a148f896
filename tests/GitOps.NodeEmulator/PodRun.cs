using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator;

/// <summary>A pod the emulated kubelet could not start (hostPath check, missing ConfigMap, init container failed...).</summary>
public sealed class PodFailedException(string message) : Exception(message);

/// <summary>One run of a container's exec readiness probe: success is exit code 0 within timeoutSeconds.</summary>
public sealed record ProbeResult(IReadOnlyList<string> Command, bool Success, int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>An init container that ran to completion.</summary>
public sealed record InitContainerRun(string Name, int ExitCode, string Output, TimeSpan Elapsed);

/// <summary>
/// One pod of a DaemonSet/Deployment template on an <see cref="EmulatedNode"/>, run like kubelet: volumes set up,
/// init containers one after another to completion (a failure stops the pod), then the containers, each through
/// runc with its own generated config.json. <see cref="RestartContainer"/> is kubelet's restart of a container that
/// died (restartPolicy Always): a new container from the same spec, without running the init containers again.
/// </summary>
public sealed class PodRun : IDisposable
{
    public const string ServiceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly EmulatedNode _node;
    private readonly JsonObject _spec;
    private readonly IReadOnlyList<JsonObject> _emitted;
    private readonly Func<string> _routeFixImage;
    private readonly Dictionary<string, (string Id, BackgroundProcess Process)> _running = new(StringComparer.Ordinal);
    private readonly List<string> _allIds = [];
    private readonly List<BackgroundProcess> _processes = [];
    private PodContext? _context;
    private int _restarts;

    internal PodRun(EmulatedNode node, JsonObject workload, IReadOnlyList<JsonObject> emitted, string? podName, Func<string> routeFixImage)
    {
        _node = node;
        _emitted = emitted;
        _routeFixImage = routeFixImage;
        WorkloadName = workload["metadata"]!["name"]!.GetValue<string>();
        Namespace = workload["metadata"]!["namespace"]?.GetValue<string>() ?? "default";
        PodName = podName ?? $"{WorkloadName}-{Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 2)).ToLowerInvariant()}";
        _spec = workload["spec"]?["template"]?["spec"]?.AsObject() ?? throw new ArgumentException("not a workload with a pod template", nameof(workload));
        PodDirectory = Path.Combine(node.Directory, "pods", PodName);
    }

    public string WorkloadName { get; }

    public string Namespace { get; }

    public string PodName { get; }

    public string PodDirectory { get; }

    public List<InitContainerRun> InitContainers { get; } = [];

    /// <summary>The config.json each container ran with, by container id (for tests and failure reports).</summary>
    public Dictionary<string, JsonObject> Specs { get; } = new(StringComparer.Ordinal);

    public BackgroundProcess Container(string name) => _running[name].Process;

    public string ContainerId(string name) => _running[name].Id;

    internal void Start()
    {
        var untranslated = PodSpecFields.Untranslated(_spec);
        if (untranslated.Count > 0)
        {
            throw new UnsupportedPodSpecException($"{Namespace}/{PodName}", untranslated);
        }

        Directory.CreateDirectory(PodDirectory);
        var hostNetwork = _spec["hostNetwork"]?.GetValue<bool>() == true;
        var netns = hostNetwork ? "/run/netns/" + _node.NetworkNamespace : _node.AddPodNetworkNamespace($"{_node.NetworkNamespace}-{PodName}"[..Math.Min(60, _node.NetworkNamespace.Length + PodName.Length + 1)]);
        _context = new PodContext(PodName, Namespace, netns, hostNetwork, _spec["hostPID"]?.GetValue<bool>() == true, _node.Name, ResolveVolumes(), KubeletFiles(hostNetwork));

        foreach (var container in Containers("initContainers"))
        {
            var name = container["name"]!.GetValue<string>();
            var (id, bundle) = Prepare(container, name);
            var watch = Stopwatch.StartNew();
            var result = Shell.Run("runc", ["--root", _node.RuncRoot, "run", "--bundle", bundle, id], timeout: TimeSpan.FromMinutes(2));
            Shell.Run("runc", "--root", _node.RuncRoot, "delete", "-f", id);
            InitContainers.Add(new InitContainerRun(name, result.ExitCode, result.Stdout + result.Stderr, watch.Elapsed));
            if (result.ExitCode != 0)
            {
                throw new PodFailedException($"pod {Namespace}/{PodName}: init container {name} exited {result.ExitCode}: {result.Stdout}{result.Stderr}".Trim());
            }
        }

        foreach (var container in Containers("containers"))
        {
            StartContainer(container);
        }
    }

    /// <summary>SIGKILL the container's process (as the OOM killer would) and wait until runc reports it gone.</summary>
    public int Kill(string name)
    {
        var (id, process) = _running[name];
        Shell.Run("runc", "--root", _node.RuncRoot, "kill", id, "KILL").EnsureSuccess();
        if (!LabNetwork.WaitUntil(() => process.HasExited, TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"container {name} ({id}) did not end after SIGKILL");
        }

        Shell.Run("runc", "--root", _node.RuncRoot, "delete", "-f", id);
        return process.ExitCode;
    }

    /// <summary>
    /// One run of the container's readiness probe as kubelet runs an exec probe: kubelet's prober calls the CRI's
    /// ExecSync with the probe's command and timeoutSeconds (default 1; kubernetes pkg/kubelet/prober/prober.go
    /// <c>newExecInContainer</c>), and containerd runs it as a new process in the running container with the
    /// container's own process spec (env, user, capabilities, cwd) and only the args replaced (containerd
    /// internal/cri/server/container_execsync.go, <c>execInternal</c>). Here that is <c>runc exec</c> without
    /// <c>--process</c>, which likewise starts from the container's config.json process and replaces the args. Exit 0
    /// within the timeout is success; a non-zero exit or the timeout is failure. Only exec probes exist
    /// (PodSpecFields refuses httpGet/tcpSocket/grpc). kubelet repeats it every periodSeconds and flips the container to
    /// Ready after successThreshold successes in a row, back after failureThreshold failures; the tests call it at the
    /// moments they check.
    /// </summary>
    public ProbeResult ReadinessProbe(string name)
    {
        var container = Containers("containers").Single(c => c["name"]!.GetValue<string>() == name);
        var probe = container["readinessProbe"]?.AsObject() ?? throw new InvalidOperationException($"container {name} has no readinessProbe");
        var command = probe["exec"]?["command"]?.AsArray().Select(a => a!.GetValue<string>()).ToList()
            ?? throw new InvalidOperationException($"container {name}: only exec readiness probes are emulated");
        var timeout = TimeSpan.FromSeconds(probe["timeoutSeconds"]?.GetValue<int>() ?? 1);
        var (id, process) = _running[name];
        if (process.HasExited)
        {
            return new ProbeResult(command, false, -1, "container is not running", TimeSpan.Zero);
        }

        var watch = Stopwatch.StartNew();
        try
        {
            // 2 s on top of the probe's timeout for runc exec's own start-up on a busy machine.
            var result = Shell.Run("runc", ["--root", _node.RuncRoot, "exec", id, .. command], timeout: timeout + TimeSpan.FromSeconds(2));
            return new ProbeResult(command, result.ExitCode == 0, result.ExitCode, result.Stdout + result.Stderr, watch.Elapsed);
        }
        catch (TimeoutException e)
        {
            return new ProbeResult(command, false, -1, e.Message, watch.Elapsed);
        }
    }

    /// <summary>kubelet's restart of a dead container: a new container from the same spec; init containers do not run again.</summary>
    public void RestartContainer(string name)
    {
        var container = Containers("containers").Single(c => c["name"]!.GetValue<string>() == name);
        StartContainer(container);
    }

    private void StartContainer(JsonObject container)
    {
        var name = container["name"]!.GetValue<string>();
        var (id, bundle) = Prepare(container, name);
        var process = new BackgroundProcess($"{PodName}/{name}", "runc", ["--root", _node.RuncRoot, "run", "--bundle", bundle, id]);
        _processes.Add(process);
        _running[name] = (id, process);
    }

    private IEnumerable<JsonObject> Containers(string key) => (_spec[key] as JsonArray ?? []).Select(n => n!.AsObject());

    private (string Id, string Bundle) Prepare(JsonObject container, string name)
    {
        var id = $"{PodName}-{name}-{_restarts++}";
        _allIds.Add(id);
        var image = container["image"]!.GetValue<string>();
        var standIn = image == _node.RouteFixReference ? StandInImages.RouteFix : StandInImages.Find(image);
        if (standIn is null)
        {
            var notRun = StandInImages.NotEmulated.FirstOrDefault(n => n.Repository == StandInImages.RepositoryOf(image));
            throw new PodFailedException(notRun is null
                ? $"pod {PodName} container {name}: no stand-in for image {image}; add it to StandInImages.Table with upstream evidence"
                : $"pod {PodName} container {name}: image {image} is not emulated: {notRun.Reason}");
        }

        var bundle = Path.Combine(PodDirectory, "bundles", id);
        var rootfs = Path.Combine(bundle, "rootfs");
        Directory.CreateDirectory(bundle);
        Shell.Run("cp", "-al", ImageCache(standIn) + "/.", rootfs + "/").EnsureSuccess();
        var withToken = container.DeepClone().AsObject();
        if (_spec["automountServiceAccountToken"]?.GetValue<bool>() != false)
        {
            // The ServiceAccount admission controller adds the kube-api-access volume to every container.
            var mounts = withToken["volumeMounts"] as JsonArray ?? [];
            mounts.Add(new JsonObject { ["name"] = "kube-api-access-emulated", ["mountPath"] = ServiceAccountMountPath, ["readOnly"] = true });
            withToken["volumeMounts"] = mounts;
        }

        var spec = OciSpec.Build(withToken, standIn, rootfs, _context!);
        Specs[id] = spec;
        File.WriteAllText(Path.Combine(bundle, "config.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return (id, bundle);
    }

    private string ImageCache(StandInImage image)
    {
        var dir = Path.Combine(_node.Directory, "images", image.Repository.Replace('/', '_'));
        if (!Directory.Exists(dir))
        {
            StandInImages.Assemble(image, dir + ".tmp", _routeFixImage);
            Directory.Move(dir + ".tmp", dir);
        }

        return dir;
    }

    private Dictionary<string, ResolvedVolume> ResolveVolumes()
    {
        var volumes = new Dictionary<string, ResolvedVolume>(StringComparer.Ordinal);
        foreach (var v in (_spec["volumes"] as JsonArray ?? []).Select(n => n!.AsObject()))
        {
            var name = v["name"]!.GetValue<string>();
            var dir = Path.Combine(PodDirectory, "volumes", name);
            if (v["hostPath"] is JsonObject hp)
            {
                var path = hp["path"]!.GetValue<string>();
                var host = _node.HostPath(path);
                switch (hp["type"]?.GetValue<string>() ?? "")
                {
                    case "Directory" when !Directory.Exists(host):
                        throw new PodFailedException($"pod {PodName}: volume {name}: hostPath type check failed: {path} is not a directory");
                    case "File" when !File.Exists(host):
                        throw new PodFailedException($"pod {PodName}: volume {name}: hostPath type check failed: {path} is not a file");
                    case "DirectoryOrCreate" or "" when !Directory.Exists(host) && !File.Exists(host):
                        // kubelet creates DirectoryOrCreate with 0755; containerd creates a missing bind source for "".
                        Directory.CreateDirectory(host);
                        File.SetUnixFileMode(host, (UnixFileMode)0b111_101_101);
                        break;
                }

                volumes[name] = new ResolvedVolume(host, AlwaysReadOnly: false);
            }
            else if (v["configMap"] is JsonObject cm)
            {
                var cmName = cm["name"]!.GetValue<string>();
                var configMap = _emitted.FirstOrDefault(o => o["kind"]?.GetValue<string>() == "ConfigMap" && o["metadata"]?["name"]?.GetValue<string>() == cmName
                    && (o["metadata"]?["namespace"]?.GetValue<string>() ?? "default") == Namespace)
                    ?? throw new PodFailedException($"pod {PodName}: volume {name}: configmap \"{cmName}\" not found in namespace {Namespace} among the emitted objects");
                var data = configMap["data"]?.AsObject() ?? new JsonObject();
                var items = cm["items"] is JsonArray a
                    ? a.Select(i => (Key: i!["key"]!.GetValue<string>(), Path: i["path"]!.GetValue<string>())).ToList()
                    : data.Select(p => (p.Key, Path: p.Key)).ToList();
                Directory.CreateDirectory(dir);
                var mode = (UnixFileMode)(cm["defaultMode"]?.GetValue<int>() ?? 420);
                foreach (var (key, path) in items)
                {
                    var value = data[key]?.GetValue<string>() ?? throw new PodFailedException($"pod {PodName}: volume {name}: configmap {cmName} has no key {key}");
                    var file = Path.Combine(dir, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    File.WriteAllText(file, value);
                    File.SetUnixFileMode(file, mode);
                }

                volumes[name] = new ResolvedVolume(dir, AlwaysReadOnly: true);
            }
            else if (v["emptyDir"] is JsonObject)
            {
                Directory.CreateDirectory(dir);
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
                volumes[name] = new ResolvedVolume(dir, AlwaysReadOnly: false);
            }
        }

        // The projected service-account volume (token, ca.crt, namespace) with stand-in contents.
        var sa = Path.Combine(PodDirectory, "volumes", "kube-api-access-emulated");
        Directory.CreateDirectory(sa);
        File.WriteAllText(Path.Combine(sa, "token"), $"node-emulator-stand-in-token-for-{Namespace}/{_spec["serviceAccountName"]?.GetValue<string>() ?? "default"}");
        File.WriteAllText(Path.Combine(sa, "ca.crt"), "node-emulator stand-in CA\n");
        File.WriteAllText(Path.Combine(sa, "namespace"), Namespace);
        volumes["kube-api-access-emulated"] = new ResolvedVolume(sa, AlwaysReadOnly: true);
        return volumes;
    }

    private List<(string, string)> KubeletFiles(bool hostNetwork)
    {
        var dir = Path.Combine(PodDirectory, "etc");
        Directory.CreateDirectory(dir);
        var hostname = hostNetwork ? _node.Name : PodName;
        File.WriteAllText(Path.Combine(dir, "hosts"), $"127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        File.WriteAllText(Path.Combine(dir, "hostname"), hostname + "\n");
        File.WriteAllText(Path.Combine(dir, "resolv.conf"), "nameserver 127.0.0.1\n");
        File.WriteAllText(Path.Combine(dir, "termination-log"), "");
        return
        [
            ("/etc/hosts", Path.Combine(dir, "hosts")),
            ("/etc/hostname", Path.Combine(dir, "hostname")),
            ("/etc/resolv.conf", Path.Combine(dir, "resolv.conf")),
            ("/dev/termination-log", Path.Combine(dir, "termination-log")),
        ];
    }

    public void Dispose()
    {
        var problems = new List<string>();
        foreach (var id in _allIds)
        {
            Shell.Run("runc", "--root", _node.RuncRoot, "kill", id, "KILL");
            Shell.Run("runc", "--root", _node.RuncRoot, "delete", "-f", id);
        }

        foreach (var p in _processes)
        {
            try
            {
                p.Dispose();
            }
            catch (Exception e)
            {
                problems.Add(e.Message);
            }
        }

        var left = Shell.Run("runc", "--root", _node.RuncRoot, "list", "-q").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(_allIds.Contains).ToList();
        if (left.Count > 0)
        {
            problems.Add("containers left: " + string.Join(", ", left));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }
    }
}
