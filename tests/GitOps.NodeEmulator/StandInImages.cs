using System.Text.Json.Nodes;
using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator;

/// <summary>
/// One row of the stand-in table: the real image (by repository, any tag) the emulator cannot pull, what runs
/// instead, which paths it provides, and the upstream evidence that the real image has those paths.
/// </summary>
/// <param name="Repository">Image reference without the tag, as the library emits it.</param>
/// <param name="Replaces">The real image and the version the evidence is for.</param>
/// <param name="StandIn">What the emulator runs instead, and from which Debian packages.</param>
/// <param name="Paths">The paths the stand-in provides (the ones the emitted pod specs use).</param>
/// <param name="Evidence">Upstream source (repository + path at a commit, or URL) for those paths.</param>
/// <param name="Entrypoint">The image's ENTRYPOINT (used when the pod gives no command).</param>
/// <param name="User">The image's USER as uid (used when the pod gives no runAsUser).</param>
/// <param name="TagSuffix">Only tags ending with this (e.g. <c>-thick</c>) are this row; null: every tag.</param>
public sealed record StandInImage(
    string Repository,
    string Replaces,
    string StandIn,
    IReadOnlyList<string> Paths,
    string Evidence,
    IReadOnlyList<string> Entrypoint,
    long User,
    string WorkingDir,
    IReadOnlyList<string> Env,
    string? TagSuffix = null);

/// <summary>An image the library emits that the emulator does not run, and why (the coverage test prints it).</summary>
public sealed record NotEmulatedImage(string Repository, string Reason, string Evidence);

/// <summary>
/// THE stand-in table (mirrored in docs/node-emulator.md). A pod whose image is in neither list fails to run.
/// </summary>
public static class StandInImages
{
    private static readonly string[] DefaultPath = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"];

    public static readonly StandInImage CniPlugins = new(
        "docker.io/rancher/hardened-cni-plugins",
        "rancher/hardened-cni-plugins v1.7.1-build20250611: containernetworking/plugins v1.7.1, static, on SUSE bci-busybox",
        "busybox-static (/bin/busybox and its applets in /bin) + containernetworking-plugins 1.1.1 (/usr/lib/cni/* copied to /opt/cni/bin) + the glibc files ldd lists for them (Debian links the plugins dynamically; upstream's are static)",
        ["/bin/sh", "/bin/cp", "/bin/mv", "/bin/chmod", "/bin/rm", "/opt/cni/bin/bridge", "/opt/cni/bin/dhcp", "/opt/cni/bin/host-local", "/opt/cni/bin/static", "/opt/cni/bin/..."],
        "rancher/image-build-cni-plugins Dockerfile at f670f415b2f8e49a7c02e4e703a01ce8c784cc04 (2025-06-11): BCI_IMAGE=registry.suse.com/bci/bci-busybox, TAG=v1.7.1, `install -D bin/* /opt/cni/bin`, `COPY --from=strip_binary /opt/cni/ /opt/cni/`, ENTRYPOINT [\"./install-cnis.sh\"]",
        ["./install-cnis.sh"],
        0,
        "/",
        DefaultPath);

    public static readonly StandInImage Pause = new(
        "registry.k8s.io/pause",
        "registry.k8s.io/pause 3.10: one static binary /pause that sleeps until SIGINT/SIGTERM, USER 65535:65535",
        "busybox-static at /bin/busybox and /pause = a `#!/bin/busybox sh` script that sleeps (no other path)",
        ["/pause"],
        "kubernetes/kubernetes build/pause/Dockerfile: FROM scratch, ADD bin/pause-linux-${ARCH} /pause, USER 65535:65535, ENTRYPOINT [\"/pause\"]",
        ["/pause"],
        65535,
        "/",
        DefaultPath);

    /// <summary>Not a stand-in: the project's own image, built offline by src/RouteFix/image/build-oci-image.sh and unpacked with umoci.</summary>
    public static readonly StandInImage RouteFix = new(
        "ghcr.io/lab-network/route-fix",
        "the project's route-fix image (src/RouteFix)",
        "THE image itself: src/RouteFix/image/build-oci-image.sh (scratch + NativeAOT route-fix + the glibc files ldd lists), unpacked with umoci",
        ["/app/route-fix", "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6", "/lib64/ld-linux-x86-64.so.2"],
        "this repository: src/RouteFix/image/build-oci-image.sh",
        ["/app/route-fix"],
        0,
        "/app/",
        DefaultPath);

    /// <summary>
    /// The thick Multus image, for what the emulator can check of its pod: the pod spec as written (mounts, env,
    /// Guaranteed resources as cgroup values) and the readiness probe's command, run inside the container by
    /// <see cref="PodRun.ReadinessProbe"/>. The Go binaries are NOT there (no Debian package, no pull): multus-daemon
    /// and install_multus are scripts that say so; the scenario itself writes and removes <c>00-multus.conf</c> on the
    /// host where multus-daemon would (<c>pkg/server/config/manager.go</c> PersistMultusConfig / os.Remove).
    /// </summary>
    public static readonly StandInImage MultusThick = new(
        "ghcr.io/k8snetworkplumbingwg/multus-cni",
        "ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick: debian:stable-slim + /usr/src/multus-cni/bin/{multus-daemon,install_multus,multus-shim,...}",
        "busybox-static at /bin/busybox with its applets in /bin and /usr/bin/test → busybox (coreutils' test in Debian); /usr/src/multus-cni/bin/multus-daemon = a script that sleeps, install_multus = a script that exits 0 (both print that they are stand-ins)",
        ["/usr/bin/test", "/bin/sh", "/usr/src/multus-cni/bin/multus-daemon", "/usr/src/multus-cni/bin/install_multus"],
        "k8snetworkplumbingwg/multus-cni images/Dockerfile.thick at v4.3.0: FROM debian:stable-slim, COPY --from=build /usr/src/multus-cni/bin /usr/src/multus-cni/bin, ENTRYPOINT [\"/usr/src/multus-cni/bin/multus-daemon\"]; Debian's coreutils (Priority required, Essential: yes) ships /usr/bin/test",
        ["/usr/src/multus-cni/bin/multus-daemon"],
        0,
        "/",
        DefaultPath,
        TagSuffix: "-thick");

    /// <summary>
    /// Whereabouts (issue 17): only what its DaemonSet does on the node is checked — the install script copying the
    /// <c>whereabouts</c> binary into the host's CNI bin dir through the pod's mounts. The Go binaries are NOT there
    /// (no Debian package, no pull; they need a kube-apiserver anyway): <c>/whereabouts</c>, <c>/ip-control-loop</c>
    /// and <c>/token-watcher.sh</c> are scripts that say so, and <c>/install-cni.sh</c> is the project's own
    /// reading of upstream's (copy <c>/whereabouts</c> to <c>$CNI_BIN_DIR</c>, default <c>/host/opt/cni/bin/</c>; make
    /// <c>$CNI_CONF_DIR/whereabouts.d</c>, default <c>/host/etc/cni/net.d</c>), not upstream's script; it writes no kubeconfig.
    /// </summary>
    public static readonly StandInImage Whereabouts = new(
        "ghcr.io/k8snetworkplumbingwg/whereabouts",
        "ghcr.io/k8snetworkplumbingwg/whereabouts:v0.9.4: alpine:3.23.4 (/bin/sh = busybox ash) + /whereabouts, /ip-control-loop, /ip-reconciler, /node-slice-controller, /install-cni.sh, /lib.sh, /token-watcher.sh",
        "busybox-static at /bin/busybox with its applets in /bin (alpine's /bin/sh is busybox too); /install-cni.sh = a stand-in that copies /whereabouts to ${CNI_BIN_DIR:-/host/opt/cni/bin/} and makes ${CNI_CONF_DIR:-/host/etc/cni/net.d}/whereabouts.d (no kubeconfig); /whereabouts = a script that says it is a stand-in and exits 1; /ip-control-loop and /token-watcher.sh = scripts that sleep",
        ["/bin/sh", "/install-cni.sh", "/whereabouts", "/ip-control-loop", "/token-watcher.sh"],
        "k8snetworkplumbingwg/whereabouts at v0.9.4 (3a262bd0): Dockerfile (FROM alpine:3.23.4, COPY bin/whereabouts . , COPY script/install-cni.sh . , COPY script/lib.sh . , COPY script/token-watcher.sh . , CMD [\"/install-cni.sh\"]); script/install-cni.sh (`source /lib.sh`, `cp -f /whereabouts $CNI_BIN_DIR`, sleeps unless SLEEP=false); script/lib.sh (CNI_BIN_DIR default \"/host/opt/cni/bin/\", CNI_CONF_DIR default \"/host/etc/cni/net.d\", mkdir -p $CNI_CONF_DIR/whereabouts.d)",
        ["/install-cni.sh"],
        0,
        "/",
        DefaultPath);

    public static readonly IReadOnlyList<StandInImage> Table = [CniPlugins, Pause, RouteFix, MultusThick, Whereabouts];

    /// <summary>
    /// Multus: no Debian package provides it (`apt-cache search multus` finds nothing) and its image cannot be
    /// pulled, so there is no faithful stand-in for /usr/src/multus-cni/bin/multus or /entrypoint.sh.
    /// </summary>
    public static readonly IReadOnlyList<NotEmulatedImage> NotEmulated =
    [
        new("ghcr.io/k8snetworkplumbingwg/multus-cni",
            "thin-plugin tags (the -thick tags have the MultusThick row, for the pod spec and its readiness probe only): no Debian package carries Multus (apt-cache search multus: nothing) and the image cannot be pulled; its /entrypoint.sh (copies /usr/src/multus-cni/bin/multus to /host/opt/cni/bin, writes the conf file given by --multus-conf-file and a kubeconfig from the service-account token into /host/etc/cni/net.d) would need the real Go binary, so the Multus DaemonSet is NOT run; the layer-2 scenario calls the NAD's chain the way Multus delegates it instead",
            "k8snetworkplumbingwg/multus-cni v3.9.3 images/entrypoint.sh and deployments/multus-daemonset.yml"),
    ];

    /// <summary>
    /// The one stand-in PLUGIN (not an image): whereabouts IPAM in a NAD's chain. The whereabouts binary cannot run
    /// here: no Debian package, the image cannot be pulled, no Go toolchain to build it, and it needs a kube-apiserver
    /// for its IPPool objects and leader-election leases (cmd/whereabouts.go cmdAdd → kubernetes.IPManagement). So a
    /// chain that names it runs with its <c>ipam</c> replaced by Debian's <c>host-local</c> over the same addresses
    /// (<see cref="HostLocalFor"/>). What stays the same: the range's own prefix length on the pod's address (whereabouts
    /// <c>pkg/allocate/allocate.go</c> AssignIP returns <c>net.IPNet{IP: newip, Mask: ipnet.Mask}</c> of the range;
    /// host-local the subnet's), the gateway in the result without a route (cmd/whereabouts.go cmdAdd: <c>Gateway:
    /// client.Config.Gateway</c>, <c>result.Routes = client.Config.Routes</c>), the first and last usable address
    /// (network and broadcast skipped by both). What is NOT proven: cluster-wide allocation (host-local is per node).
    /// </summary>
    public const string WhereaboutsIpamStandIn =
        "whereabouts IPAM → host-local with subnet = range, rangeStart/rangeEnd = range_start/range_end, the same gateway, dataDir on the emulated host; " +
        "evidence: k8snetworkplumbingwg/whereabouts v0.9.4 (3a262bd0) cmd/whereabouts.go cmdAdd, pkg/allocate/allocate.go AssignIP";

    /// <summary>
    /// The host-local IPAM that stands in for <paramref name="whereabouts"/> (see <see cref="WhereaboutsIpamStandIn"/>);
    /// leases go to <paramref name="dataDir"/>. An <c>exclude</c> list (host-local has none) or an <c>ipRanges</c> list
    /// cannot be stood in for and throws.
    /// </summary>
    public static JsonObject HostLocalFor(JsonObject whereabouts, string dataDir)
    {
        if ((string?)whereabouts["type"] != "whereabouts")
        {
            throw new ArgumentException("not a whereabouts IPAM: " + whereabouts.ToJsonString(), nameof(whereabouts));
        }

        var unsupported = whereabouts.Select(p => p.Key).Except(["type", "range", "range_start", "range_end", "gateway", "network_name"], StringComparer.Ordinal).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"the host-local stand-in has no equivalent for whereabouts' {string.Join(", ", unsupported)}");
        }

        var range = new JsonObject { ["subnet"] = (string)whereabouts["range"]! };
        if (whereabouts["range_start"] is { } start)
        {
            range["rangeStart"] = (string)start!;
        }

        if (whereabouts["range_end"] is { } end)
        {
            range["rangeEnd"] = (string)end!;
        }

        if (whereabouts["gateway"] is { } gateway)
        {
            range["gateway"] = (string)gateway!;
        }

        return new JsonObject { ["type"] = "host-local", ["ranges"] = new JsonArray(new JsonArray(range)), ["dataDir"] = dataDir };
    }

    public static string RepositoryOf(string image)
    {
        var at = image.IndexOf('@');
        var name = at >= 0 ? image[..at] : image;
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    public static StandInImage? Find(string image) =>
        Table.FirstOrDefault(s => s.Repository == RepositoryOf(image) && (s.TagSuffix is null || TagOf(image).EndsWith(s.TagSuffix, StringComparison.Ordinal)));

    private static string TagOf(string image)
    {
        var name = image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[(colon + 1)..] : "";
    }

    /// <summary>Assembles the root filesystem of <paramref name="image"/> into the empty directory <paramref name="rootfs"/>.</summary>
    public static void Assemble(StandInImage image, string rootfs, Func<string> routeFixImageArchive)
    {
        Directory.CreateDirectory(rootfs);
        if (image == CniPlugins)
        {
            Busybox(rootfs, links: true);
            var bin = Path.Combine(rootfs, "opt", "cni", "bin");
            Directory.CreateDirectory(bin);
            foreach (var plugin in Directory.GetFiles(Prerequisites.PluginDirectory))
            {
                File.Copy(plugin, Path.Combine(bin, Path.GetFileName(plugin)));
                SharedLibraries(plugin, rootfs);
            }
        }
        else if (image == Pause)
        {
            Busybox(rootfs, links: false);
            var pause = Path.Combine(rootfs, "pause");
            File.WriteAllText(pause, "#!/bin/busybox sh\n# stand-in for registry.k8s.io/pause: wait until a signal ends the container\nexec /bin/busybox sleep 2147483647\n");
            File.SetUnixFileMode(pause, (UnixFileMode)0b111_101_101);
        }
        else if (image == MultusThick)
        {
            Busybox(rootfs, links: true);
            var usrBin = Path.Combine(rootfs, "usr", "bin");
            Directory.CreateDirectory(usrBin);
            File.CreateSymbolicLink(Path.Combine(usrBin, "test"), "/bin/busybox");
            var multusBin = Path.Combine(rootfs, "usr", "src", "multus-cni", "bin");
            Directory.CreateDirectory(multusBin);
            Script(Path.Combine(multusBin, "multus-daemon"), "echo 'node-emulator stand-in for multus-daemon: does not serve CNI or write 00-multus.conf'\nexec /bin/busybox sleep 2147483647\n");
            Script(Path.Combine(multusBin, "install_multus"), "echo \"node-emulator stand-in for install_multus (the real one copies multus-shim): $*\"\n");
        }
        else if (image == Whereabouts)
        {
            Busybox(rootfs, links: true);
            Script(Path.Combine(rootfs, "whereabouts"), "echo 'node-emulator stand-in for the whereabouts IPAM binary: allocates nothing (needs a kube-apiserver)' >&2\nexit 1\n");
            Script(Path.Combine(rootfs, "ip-control-loop"), "echo \"node-emulator stand-in for ip-control-loop: $*\"\nexec /bin/busybox sleep 2147483647\n");
            Script(Path.Combine(rootfs, "token-watcher.sh"), "exec /bin/busybox sleep 2147483647\n");
            Script(Path.Combine(rootfs, "install-cni.sh"),
                "# node-emulator stand-in for whereabouts' script/install-cni.sh (v0.9.4): the node-side steps only\n" +
                "CNI_BIN_DIR=${CNI_BIN_DIR:-\"/host/opt/cni/bin/\"}\n" +
                "CNI_CONF_DIR=${CNI_CONF_DIR:-\"/host/etc/cni/net.d\"}\n" +
                "mkdir -p $CNI_CONF_DIR/whereabouts.d\n" +
                "cp -f /whereabouts $CNI_BIN_DIR\n" +
                "should_sleep=${SLEEP:-\"true\"}\n" +
                "echo \"Done configuring CNI.  Sleep=$should_sleep\"\n" +
                "while [ \"$should_sleep\" = \"true\" ]; do sleep 1000000000000; done\n");
        }
        else if (image == RouteFix)
        {
            OciArchive.Unpack(routeFixImageArchive(), RouteFixImage.Tag, rootfs);
        }
        else
        {
            throw new InvalidOperationException($"no stand-in for {image.Repository}");
        }
    }

    private static void Script(string path, string body)
    {
        File.WriteAllText(path, "#!/bin/busybox sh\n" + body);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Copies the loader and libraries `ldd` lists for <paramref name="binary"/> to the same paths under <paramref name="rootfs"/>.</summary>
    private static void SharedLibraries(string binary, string rootfs)
    {
        foreach (var line in Shell.Run("ldd", binary).Stdout.Split('\n'))
        {
            var parts = line.Trim().Split(' ');
            var path = parts.Length >= 3 && parts[1] == "=>" ? parts[2] : parts[0].StartsWith('/') ? parts[0] : null;
            if (path is null || !path.StartsWith('/'))
            {
                continue;
            }

            var target = rootfs + path;
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.GetFullPath(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path), target);
            }
        }
    }

    private static void Busybox(string rootfs, bool links)
    {
        var bin = Path.Combine(rootfs, "bin");
        Directory.CreateDirectory(bin);
        var busybox = Shell.Which("busybox") ?? throw new InvalidOperationException("busybox missing (apt-get install busybox-static)");
        File.Copy(busybox, Path.Combine(bin, "busybox"));
        File.SetUnixFileMode(Path.Combine(bin, "busybox"), (UnixFileMode)0b111_101_101);
        if (!links)
        {
            return;
        }

        foreach (var applet in Shell.Run(busybox, "--list").EnsureSuccess().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var link = Path.Combine(bin, applet);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, "busybox");
            }
        }
    }
}
