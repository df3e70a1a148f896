using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.NodeEmulator;

/// <summary>A pod volume as it exists on the emulated node: the directory (or file) a mount binds.</summary>
public sealed record ResolvedVolume(string Source, bool AlwaysReadOnly);

/// <summary>What one container of a pod runs in: namespaces and resolved volumes, decided by the pod.</summary>
public sealed record PodContext(
    string PodName,
    string Namespace,
    string NetworkNamespacePath,
    bool HostNetwork,
    bool HostPid,
    string NodeName,
    IReadOnlyDictionary<string, ResolvedVolume> Volumes,
    IReadOnlyList<(string Destination, string Source)> KubeletFiles);

/// <summary>
/// Translates one container of a pod spec into an OCI runtime spec (config.json) the way kubelet + containerd's
/// CRI plugin would (containerd internal/cri/opts/spec_linux.go, pkg/oci/spec.go): image entrypoint/env/user as
/// defaults, command/args/env/workingDir, mounts with readOnly/subPath/mountPropagation, capabilities from
/// containerd's default set with drop/add, runAsUser/runAsGroup, readOnlyRootFilesystem, allowPrivilegeEscalation
/// false → noNewPrivileges, seccomp RuntimeDefault, privileged, hostNetwork and hostPID, memory and CPU limits.
/// </summary>
public static class OciSpec
{
    /// <summary>containerd's default capabilities (pkg/oci/spec.go defaultUnixCaps), the runtime's default set.</summary>
    public static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Every capability the kernel knows (privileged, or add ALL), by number as in linux/capability.h.</summary>
    public static readonly string[] AllCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
        "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
        "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
        "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>
    /// RuntimeDefault: the emulator's profile allows everything except the syscalls containerd's default profile
    /// (contrib/seccomp/seccomp_default.go) refuses to a container; those it grants with CAP_SYS_ADMIN are allowed when
    /// the container has that capability. A deny list, so it is an approximation of an allow-list profile: it never
    /// refuses what containerd allows, and refuses the calls an unprivileged container must not make.
    /// </summary>
    private static readonly string[] DeniedByDefault =
    [
        "acct", "add_key", "bpf", "clock_adjtime", "clock_settime", "create_module", "delete_module", "finit_module", "get_kernel_syms",
        "get_mempolicy", "init_module", "ioperm", "iopl", "kcmp", "kexec_file_load", "kexec_load", "keyctl", "lookup_dcookie", "mbind",
        "move_pages", "nfsservctl", "open_by_handle_at", "perf_event_open", "process_vm_readv", "process_vm_writev", "ptrace",
        "query_module", "quotactl", "reboot", "request_key", "set_mempolicy", "settimeofday", "swapoff", "swapon", "sysfs", "_sysctl",
        "uselib", "userfaultfd", "ustat",
    ];

    private static readonly string[] DeniedWithoutSysAdmin =
    [
        "mount", "umount2", "pivot_root", "setns", "unshare", "name_to_handle_at", "fsconfig", "fsmount", "fsopen", "fspick", "move_mount", "open_tree",
    ];

    public static JsonObject Build(JsonObject container, StandInImage image, string rootfs, PodContext pod)
    {
        var sc = container["securityContext"] as JsonObject;
        var privileged = sc?["privileged"]?.GetValue<bool>() == true;
        var uid = sc?["runAsUser"]?.GetValue<long>() ?? image.User;
        var gid = sc?["runAsGroup"]?.GetValue<long>() ?? 0;
        if (sc?["runAsNonRoot"]?.GetValue<bool>() == true && uid == 0)
        {
            // kubelet refuses to start it: "container has runAsNonRoot and image will run as root".
            throw new InvalidOperationException($"pod {pod.PodName} container {container["name"]}: runAsNonRoot but it would run as uid 0 (kubelet refuses to start it)");
        }

        var capabilities = Capabilities(privileged, sc?["capabilities"] as JsonObject);
        var process = new JsonObject
        {
            ["terminal"] = false,
            ["user"] = new JsonObject { ["uid"] = uid, ["gid"] = gid, ["additionalGids"] = new JsonArray(gid) },
            ["args"] = Strings(Args(container, image)),
            ["env"] = Strings(Env(container, image, pod)),
            ["cwd"] = container["workingDir"]?.GetValue<string>() ?? image.WorkingDir,
            ["capabilities"] = new JsonObject
            {
                ["bounding"] = Strings(capabilities),
                ["effective"] = Strings(capabilities),
                ["permitted"] = Strings(capabilities),
            },
            ["rlimits"] = new JsonArray(new JsonObject { ["type"] = "RLIMIT_NOFILE", ["hard"] = 1024, ["soft"] = 1024 }), // containerd pkg/oci populateDefaultUnixSpec
            // Kubernetes: allowPrivilegeEscalation=false sets no_new_privs; privileged containers never get it.
            ["noNewPrivileges"] = !privileged && sc?["allowPrivilegeEscalation"]?.GetValue<bool>() == false,
        };

        var namespaces = new JsonArray(
            new JsonObject { ["type"] = "mount" },
            new JsonObject { ["type"] = "ipc" },
            new JsonObject { ["type"] = "network", ["path"] = pod.NetworkNamespacePath });
        if (!pod.HostNetwork)
        {
            namespaces.Add(new JsonObject { ["type"] = "uts" });
        }

        if (!pod.HostPid)
        {
            namespaces.Add(new JsonObject { ["type"] = "pid" });
        }

        var linux = new JsonObject
        {
            ["namespaces"] = namespaces,
            ["resources"] = Resources(container["resources"] as JsonObject),
        };
        if (!privileged)
        {
            linux["maskedPaths"] = Strings(["/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware"]);
            linux["readonlyPaths"] = Strings(["/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]);
            if (sc?["seccompProfile"]?["type"]?.GetValue<string>() == "RuntimeDefault")
            {
                var denied = DeniedByDefault.Concat(capabilities.Contains("CAP_SYS_ADMIN") ? [] : DeniedWithoutSysAdmin);
                linux["seccomp"] = new JsonObject
                {
                    ["defaultAction"] = "SCMP_ACT_ALLOW",
                    ["architectures"] = Strings(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]),
                    ["syscalls"] = new JsonArray(new JsonObject { ["names"] = Strings(denied), ["action"] = "SCMP_ACT_ERRNO", ["errnoRet"] = 1 }),
                };
            }
        }

        var spec = new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["process"] = process,
            ["root"] = new JsonObject { ["path"] = rootfs, ["readonly"] = sc?["readOnlyRootFilesystem"]?.GetValue<bool>() == true },
            ["mounts"] = Mounts(container, pod, privileged),
            ["linux"] = linux,
        };
        if (!pod.HostNetwork)
        {
            spec["hostname"] = pod.PodName; // hostNetwork pods share the node's UTS namespace and name
        }

        return spec;
    }

    private static List<string> Args(JsonObject container, StandInImage image)
    {
        // Kubernetes: command replaces ENTRYPOINT (and then CMD is dropped); args replaces CMD. No stand-in image has a CMD.
        var command = (container["command"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList();
        var args = (container["args"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];
        return [.. command ?? [.. image.Entrypoint], .. args];
    }

    private static List<string> Env(JsonObject container, StandInImage image, PodContext pod)
    {
        var env = new List<string>(image.Env) { "HOSTNAME=" + (pod.HostNetwork ? pod.NodeName : pod.PodName) };
        foreach (var e in (container["env"] as JsonArray ?? []).Select(n => n!.AsObject()))
        {
            // valueFrom: only the downward API's spec.nodeName and metadata.namespace (PodSpecFields refuses every other source).
            var value = e["valueFrom"]?["fieldRef"]?["fieldPath"]?.GetValue<string>() switch
            {
                "spec.nodeName" => pod.NodeName,
                "metadata.namespace" => pod.Namespace,
                _ => e["value"]?.GetValue<string>() ?? "",
            };
            env.Add($"{e["name"]!.GetValue<string>()}={value}");
        }

        return env;
    }

    /// <summary>The CapEff mask of this process (what containerd's cap.Current reads).</summary>
    private static ulong CurrentEffectiveCapabilities()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        return Convert.ToUInt64(line["CapEff:".Length..].Trim(), 16);
    }

    private static List<string> Capabilities(bool privileged, JsonObject? caps)
    {
        if (privileged)
        {
            // containerd's CRI gives a privileged container every capability the runtime itself holds
            // (pkg/oci/spec_opts.go WithPrivileged composes WithAllCurrentCapabilities, spec_opts_linux.go: pkg/cap Current(),
            // the CapEff of /proc/self/status),
            // not every capability the kernel knows: on a host whose bounding set lacks one, asking for it makes runc
            // fail with "unable to apply caps: operation not permitted".
            return [.. AllCapabilities.Where((_, bit) => (CurrentEffectiveCapabilities() >> bit & 1) == 1)];
        }

        // containerd WithCapabilities: drop ALL empties the set, add ALL fills it; names without CAP_ get it.
        static string Name(JsonNode? n) => "CAP_" + n!.GetValue<string>().ToUpperInvariant().Replace("CAP_", "", StringComparison.Ordinal);
        var drop = (caps?["drop"] as JsonArray ?? []).Select(Name).ToHashSet();
        var add = (caps?["add"] as JsonArray ?? []).Select(Name).ToList();
        var set = drop.Contains("CAP_ALL") ? new List<string>() : DefaultCapabilities.Where(c => !drop.Contains(c)).ToList();
        foreach (var c in add.Contains("CAP_ALL") ? AllCapabilities : [.. add])
        {
            if (!AllCapabilities.Contains(c))
            {
                throw new InvalidOperationException($"unknown capability {c}");
            }

            if (!set.Contains(c))
            {
                set.Add(c);
            }
        }

        return set;
    }

    private static JsonObject Resources(JsonObject? resources)
    {
        var result = new JsonObject { ["devices"] = new JsonArray(new JsonObject { ["allow"] = false, ["access"] = "rwm" }) };
        if (resources?["limits"]?["memory"]?.GetValue<string>() is { } memory)
        {
            result["memory"] = new JsonObject { ["limit"] = Quantity(memory) };
        }

        var cpu = new JsonObject();
        if (resources?["requests"]?["cpu"]?.GetValue<string>() is { } request)
        {
            // kubelet: shares = milliCPU * 1024 / 1000, at least 2.
            cpu["shares"] = Math.Max(2, MilliCpu(request) * 1024 / 1000);
        }

        if (resources?["limits"]?["cpu"]?.GetValue<string>() is { } limit)
        {
            cpu["period"] = 100000;
            cpu["quota"] = Math.Max(1000, MilliCpu(limit) * 100000 / 1000);
        }

        if (cpu.Count > 0)
        {
            result["cpu"] = cpu;
        }

        return result;
    }

    public static long Quantity(string value)
    {
        var units = new (string Suffix, long Factor)[] { ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("k", 1000), ("M", 1000_000), ("G", 1000_000_000) };
        foreach (var (suffix, factor) in units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal))
            {
                return long.Parse(value[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    private static long MilliCpu(string value) => value.EndsWith('m')
        ? long.Parse(value[..^1], CultureInfo.InvariantCulture)
        : (long)(decimal.Parse(value, CultureInfo.InvariantCulture) * 1000);

    private static JsonArray Mounts(JsonObject container, PodContext pod, bool privileged)
    {
        var mounts = new JsonArray(
            Mount("/proc", "proc", "proc", ["nosuid", "noexec", "nodev"]),
            Mount("/dev", "tmpfs", "tmpfs", ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            Mount("/dev/pts", "devpts", "devpts", ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            Mount("/dev/mqueue", "mqueue", "mqueue", ["nosuid", "noexec", "nodev"]),
            Mount("/sys", "sysfs", "sysfs", ["nosuid", "noexec", "nodev", privileged ? "rw" : "ro"]),
            Mount("/sys/fs/cgroup", "cgroup", "cgroup", ["nosuid", "noexec", "nodev", "relatime", privileged ? "rw" : "ro"]),
            Mount("/dev/shm", "tmpfs", "shm", ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]));
        foreach (var (destination, source) in pod.KubeletFiles)
        {
            mounts.Add(Mount(destination, "bind", source, ["rbind", "rprivate", "rw"]));
        }

        foreach (var m in (container["volumeMounts"] as JsonArray ?? []).Select(n => n!.AsObject()))
        {
            var name = m["name"]!.GetValue<string>();
            if (!pod.Volumes.TryGetValue(name, out var volume))
            {
                throw new InvalidOperationException($"pod {pod.PodName}: volumeMount {name} names no volume");
            }

            var source = volume.Source;
            if (m["subPath"]?.GetValue<string>() is { Length: > 0 } sub)
            {
                if (sub.StartsWith('/') || sub.Split('/').Contains(".."))
                {
                    throw new InvalidOperationException($"pod {pod.PodName}: subPath {sub} must be relative without '..' (kubelet refuses it)");
                }

                source = Path.Combine(source, sub);
                if (!File.Exists(source) && !Directory.Exists(source))
                {
                    Directory.CreateDirectory(source); // kubelet creates a missing subPath as a directory
                }
            }

            var readOnly = volume.AlwaysReadOnly || m["readOnly"]?.GetValue<bool>() == true;
            var propagation = (m["mountPropagation"]?.GetValue<string>() ?? "None") switch
            {
                "None" => "rprivate",
                "HostToContainer" => "rslave",
                "Bidirectional" when privileged => "rshared",
                "Bidirectional" => throw new InvalidOperationException($"pod {pod.PodName}: Bidirectional mount propagation needs a privileged container (the API server rejects it)"),
                var other => throw new UnsupportedPodSpecException(pod.PodName, [$"mountPropagation={other}"]),
            };
            mounts.Add(Mount(m["mountPath"]!.GetValue<string>(), "bind", source, ["rbind", propagation, readOnly ? "ro" : "rw"]));
        }

        if (privileged)
        {
            // Privileged containers see the host's devices (containerd WithDevices(host)).
            mounts.Add(Mount("/dev", "bind", "/dev", ["rbind", "rprivate", "rw"]));
        }

        return mounts;
    }

    private static JsonObject Mount(string destination, string type, string source, string[] options) => new()
    {
        ["destination"] = destination,
        ["type"] = type,
        ["source"] = source,
        ["options"] = Strings(options),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
