using RouteFix.NamespaceHarness;

namespace GitOps.NodeEmulator;

/// <summary>What the node emulator needs on the machine: root, the CNI plugins it runs, runc, busybox, umoci, mount.</summary>
public static class EmulatorPrerequisites
{
    /// <summary>Every missing piece, with the package that brings it; empty when the emulator can run.</summary>
    public static IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (Prerequisites.Missing("bridge", "dhcp", "host-local") is { } m)
        {
            missing.Add(m);
        }

        foreach (var (tool, package) in new[] { ("runc", "runc"), ("busybox", "busybox-static"), ("umoci", "umoci"), ("mount", "mount") })
        {
            if (Shell.Which(tool) is null)
            {
                missing.Add($"{tool} missing (apt-get install {package})");
            }
        }

        return missing;
    }
}
