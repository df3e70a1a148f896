using System.Text.Json;
using System.Text.RegularExpressions;
using GitOps.Diagnostics;

namespace GitOps.Validation;

/// <summary>
/// Rules the Installation CRD cannot express. <c>nodeAddressAutodetectionV4/V6.canReach</c> takes "an IP
/// address or domain name" the node can reach (Calico docs, "Autodetection methods"); Calico picks the
/// interface that routes there. An interface name such as <c>eth1</c> is a valid-looking host name that
/// resolves nowhere, so autodetection fails at node start; the method that selects an interface is
/// <c>interface</c> (an unanchored regular expression, hence <c>^eth1$</c>).
/// </summary>
internal static partial class CalicoRules
{
    public static void Check(JsonElement obj, string file, ObjectSubject subject, List<Diagnostic> output)
    {
        if (!obj.IsString("apiVersion", "operator.tigera.io/v1"u8) || !obj.IsString("kind", "Installation"u8))
        {
            return;
        }

        foreach (var family in new[] { "nodeAddressAutodetectionV4", "nodeAddressAutodetectionV6" })
        {
            CheckOneMethod(obj, family, file, subject, output);
        }

        foreach (var family in new[] { "nodeAddressAutodetectionV4", "nodeAddressAutodetectionV6" })
        {
            if (obj.GetString("spec", "calicoNetwork", family, "canReach") is not { } target || IsAddressOrHostName(target))
            {
                continue;
            }

            var fix = LooksLikeInterface(target)
                ? $"'{target}' is an interface name; to select the interface use `interface: ^{Regex.Escape(target)}$` instead of canReach, or give canReach an address on that network (e.g. its gateway)."
                : "give an IP address or host name the node can reach (e.g. the node VLAN's gateway).";
            output.Add(new Diagnostic(
                DiagnosticCodes.CalicoCanReachNotAddress,
                DiagnosticSeverity.Error,
                $"{file}#/spec/calicoNetwork/{family}/canReach",
                $"{subject}: canReach '{target}' is not an IP address or host name. Fix: {fix}"));
        }
    }

    /// <summary>
    /// At most one autodetection method per family, counted as the operator counts them (tigera/operator
    /// pkg/controller/installation/validation.go, validateNodeAddressDetection: a non-empty <c>interface</c>,
    /// <c>skipInterface</c>, <c>canReach</c> or <c>cidrs</c>, <c>firstFound: true</c>, any <c>kubernetes</c>; more
    /// than one is "no more than one node address autodetection method can be specified per-family", and the
    /// operator does not install Calico). The CRD's schema allows them together, so the schema check cannot see it.
    /// </summary>
    private static void CheckOneMethod(JsonElement obj, string family, string file, ObjectSubject subject, List<Diagnostic> output)
    {
        if (obj.Get("spec", "calicoNetwork", family) is not { ValueKind: JsonValueKind.Object } detection)
        {
            return;
        }

        var methods = new List<string>();
        foreach (var name in new[] { "interface", "skipInterface", "canReach" })
        {
            if (detection.GetString(name) is { Length: > 0 })
            {
                methods.Add(name);
            }
        }

        if (detection.Get("firstFound") is { ValueKind: JsonValueKind.True })
        {
            methods.Add("firstFound");
        }

        if (detection.Get("cidrs") is { ValueKind: JsonValueKind.Array } cidrs && cidrs.GetArrayLength() > 0)
        {
            methods.Add("cidrs");
        }

        if (detection.Get("kubernetes") is { ValueKind: not JsonValueKind.Null })
        {
            methods.Add("kubernetes");
        }

        if (methods.Count > 1)
        {
            output.Add(new Diagnostic(
                DiagnosticCodes.CalicoAutodetectionMethodsConflict,
                DiagnosticSeverity.Error,
                $"{file}#/spec/calicoNetwork/{family}",
                $"{subject}: {family} sets {methods.Count} autodetection methods ({string.Join(", ", methods)}); the tigera operator accepts one per family " +
                "(\"no more than one node address autodetection method can be specified per-family\", validateNodeAddressDetection) and does not install Calico. " +
                $"Fix: keep one of {string.Join(", ", methods)}."));
        }
    }

    public static bool IsAddressOrHostName(string value) =>
        SchemaFormats.IsIpAddress(value) || (HostName().IsMatch(value) && value.Length <= 253 && !LooksLikeInterface(value));

    /// <summary>
    /// Linux interface names a user would mean: the kernel's (eth0, lo, bond0, br0, vlan20, veth…, tunl0,
    /// cni0, cali…), systemd predictable names (en/wl/ww + o/s/p/x…, e.g. enp0s3, ens18, eno1, wlp2s0) and
    /// VLAN sub-interfaces (eth1.20). A single label only: anything with a dot and letters is a host name.
    /// </summary>
    public static bool LooksLikeInterface(string value) => InterfaceName().IsMatch(value);

    [GeneratedRegex(@"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^(lo|(eth|em|bond|br|vlan|veth|tun|tunl|tap|wlan|ib|team|cni|vxlan|virbr|docker|cali|flannel|wg)[0-9]+[a-z0-9]*|(en|wl|ww)[opsxPbv][0-9a-f]+[a-z0-9]*)(\.[0-9]+)?$")]
    private static partial Regex InterfaceName();
}
