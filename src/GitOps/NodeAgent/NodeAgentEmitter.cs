using GitOps.Output;
using GitOps.Topology;
using k8s.Models;

namespace GitOps.NodeAgent;

/// <summary>
/// What every node needs for the layer-2 attachments, as two DaemonSets:
/// <list type="bullet">
/// <item><c>route-fix-installer</c>: least privilege; init containers copy route-fix and the reference
/// plugins the chains use (bridge, dhcp, ...) into the host CNI bin dir atomically, then it sleeps.</item>
/// <item><c>cni-dhcp-daemon</c> (only when an attachment uses DHCP): the CNI <c>dhcp daemon</c> that
/// holds the pods' leases; it must enter pod network namespaces, so it gets exactly those capabilities.</item>
/// </list>
/// </summary>
internal static class NodeAgentEmitter
{
    public const string InstallerName = "route-fix-installer";
    public const string DhcpDaemonName = "cni-dhcp-daemon";
    private const string HostBin = "/host/opt/cni/bin";
    private const string HostPrefix = "/host";
    private const string HostUsrBin = "/host/usr/bin";

    public static IEnumerable<BundleFile> Emit(Lab lab)
    {
        if (lab.Attachments.Count == 0)
        {
            yield break;
        }

        yield return new BundleFile(Bundle.NodeAgent, $"daemonset-{InstallerName}.yaml", [Installer(lab)]);
        if (lab.UsesDhcp)
        {
            yield return new BundleFile(Bundle.NodeAgent, $"daemonset-{DhcpDaemonName}.yaml", [DhcpDaemon(lab)]);
        }
    }

    /// <summary>The reference plugins the attachments' chains call, in a stable order.</summary>
    public static IReadOnlyList<string> RequiredPlugins(Lab lab) =>
        lab.Attachments
            .SelectMany(a => new[] { LinkType(a), IpamType(a.Ipam) }.OfType<string>().Concat(a.PodMac && a.Macvlan is null ? ["tuning"] : []))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string LinkType(Attachment attachment) =>
        attachment.Macvlan is not null ? "macvlan" : attachment.Ipvlan is not null ? "ipvlan" : "bridge";

    /// <summary>The reference plugin binary of the IPAM; null for whereabouts, whose own DaemonSet installs it.</summary>
    private static string? IpamType(AttachmentIpam ipam) => ipam switch
    {
        WhereaboutsIpamOptions => null,
        DhcpIpamOptions => "dhcp",
        StaticIpamOptions or PodAddressIpamOptions => "static",
        HostLocalIpamOptions => "host-local",
        _ => throw new InvalidOperationException($"Unknown IPAM {ipam.GetType().Name}."),
    };

    internal static V1DaemonSet Installer(Lab lab)
    {
        var agent = lab.NodeAgent;
        var copyPlugins = string.Join("; ", RequiredPlugins(lab).Select(p =>
            $"cp -f {agent.PluginsSourceDir}/{p} {HostBin}/.{p}.tmp && chmod 0755 {HostBin}/.{p}.tmp && mv -f {HostBin}/.{p}.tmp {HostBin}/{p}"));
        return DaemonSet(lab, InstallerName, "cni-installer", new V1PodSpec
        {
            Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
            PriorityClassName = "system-node-critical",
            InitContainers =
            [
                new V1Container
                {
                    Name = "install-route-fix",
                    Image = agent.RouteFixImage,
                    // --host-ldd: the installed binary loads the HOST's glibc; the installer refuses a host older than
                    // the binary's glibc floor (src/RouteFix/Installer/GlibcFloor.cs), read from the host's ldd.
                    Command = ["/app/route-fix", "install", HostBin, "--host-ldd", HostUsrBin + "/ldd"],
                    SecurityContext = Restricted(),
                    Resources = Requests("10m", "16Mi"),
                    VolumeMounts =
                    [
                        new V1VolumeMount { Name = "cnibin", MountPath = HostBin },
                        new V1VolumeMount { Name = "host-usr-bin", MountPath = HostUsrBin, ReadOnlyProperty = true },
                    ],
                },
                new V1Container
                {
                    Name = "install-cni-plugins",
                    Image = agent.PluginsImage,
                    Command = ["/bin/sh", "-c", $"set -e; {copyPlugins}"],
                    SecurityContext = Restricted(),
                    Resources = Requests("10m", "16Mi"),
                    VolumeMounts = [new V1VolumeMount { Name = "cnibin", MountPath = HostBin }],
                },
            ],
            Containers =
            [
                new V1Container
                {
                    Name = "pause",
                    Image = agent.PauseImage,
                    SecurityContext = Restricted(runAsNonRoot: true),
                    Resources = Requests("1m", "8Mi"),
                },
            ],
            Volumes =
            [
                new V1Volume { Name = "cnibin", HostPath = new V1HostPathVolumeSource { Path = lab.Cluster.CniBinDir, Type = "Directory" } },
                new V1Volume { Name = "host-usr-bin", HostPath = new V1HostPathVolumeSource { Path = "/usr/bin", Type = "Directory" } },
            ],
        });
    }

    /// <summary>
    /// The dhcp daemon in the host network. With <c>-hostprefix /host</c> the reference daemon opens the pods'
    /// netns paths under /host and also listens on hostPrefix + socketPath (containernetworking/plugins
    /// plugins/ipam/dhcp/daemon.go, runDaemon: <c>getListener(hostPrefix + socketPath)</c>), so the host's socket
    /// directory is mounted at /host + that directory: the socket lands on the HOST path the NADs' dhcp IPAM dials,
    /// and the root filesystem stays read-only. After a SIGKILL (an OOM kill) the socket file stays and the next
    /// daemon's listen fails with "address already in use"; the kubelet then restarts only the container (init
    /// containers run again only for a new pod sandbox), so the container itself removes the stale socket before it
    /// starts the daemon (the rke2-multus chart does this in an init container: rancher/rke2-charts
    /// packages/rke2-multus/charts/templates/dhcp-daemonSet.yaml). One socket for all attachments (model rule GITOPS122).
    /// </summary>
    internal static V1DaemonSet DhcpDaemon(Lab lab)
    {
        var agent = lab.NodeAgent;
        var socket = lab.DhcpDaemonSocketPath;
        var socketDir = socket[..socket.LastIndexOf('/')];
        return DaemonSet(lab, DhcpDaemonName, "dhcp-daemon", new V1PodSpec
        {
            HostNetwork = true,
            Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
            PriorityClassName = "system-node-critical",
            Containers =
            [
                new V1Container
                {
                    Name = "dhcp-daemon",
                    Image = agent.PluginsImage,
                    Command = ["/bin/sh", "-c", $"rm -f {HostPrefix}{socket} && exec {agent.PluginsSourceDir}/dhcp daemon -hostprefix {HostPrefix} -socketpath {socket}"],
                    SecurityContext = new V1SecurityContext
                    {
                        RunAsUser = 0,
                        AllowPrivilegeEscalation = false,
                        ReadOnlyRootFilesystem = true,
                        Capabilities = new V1Capabilities { Drop = ["ALL"], Add = ["NET_ADMIN", "NET_RAW", "SYS_ADMIN"] },
                    },
                    Resources = Requests("10m", "32Mi"),
                    VolumeMounts =
                    [
                        new V1VolumeMount { Name = "socket-dir", MountPath = HostPrefix + socketDir },
                        new V1VolumeMount { Name = "netns", MountPath = "/host/run/netns", MountPropagation = "HostToContainer", ReadOnlyProperty = true },
                        new V1VolumeMount { Name = "var-netns", MountPath = "/host/var/run/netns", MountPropagation = "HostToContainer", ReadOnlyProperty = true },
                    ],
                },
            ],
            Volumes =
            [
                new V1Volume { Name = "socket-dir", HostPath = new V1HostPathVolumeSource { Path = socketDir, Type = "DirectoryOrCreate" } },
                new V1Volume { Name = "netns", HostPath = new V1HostPathVolumeSource { Path = "/run/netns", Type = "DirectoryOrCreate" } },
                new V1Volume { Name = "var-netns", HostPath = new V1HostPathVolumeSource { Path = "/var/run/netns", Type = "DirectoryOrCreate" } },
            ],
        });
    }

    private static V1DaemonSet DaemonSet(Lab lab, string name, string component, V1PodSpec pod)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["app.kubernetes.io/component"] = component,
            ["app.kubernetes.io/name"] = name,
            ["app.kubernetes.io/part-of"] = "lab-network",
        };
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = lab.NodeAgent.Namespace, Labels = labels },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["app.kubernetes.io/name"] = name } },
                UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new SortedDictionary<string, string>(labels, StringComparer.Ordinal) }, Spec = pod },
            },
        };
    }

    /// <summary>Root only to write the root-owned host dir; no capabilities, no escalation, read-only root filesystem.</summary>
    private static V1SecurityContext Restricted(bool runAsNonRoot = false) => new()
    {
        RunAsUser = runAsNonRoot ? 65535 : 0,
        RunAsNonRoot = runAsNonRoot ? true : null,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    private static V1ResourceRequirements Requests(string cpu, string memory) => new()
    {
        Requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["cpu"] = new(cpu), ["memory"] = new(memory) },
        Limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["memory"] = new(memory) },
    };
}
