using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>Checking versions as they are read: the Calico release, the Multus image tag and the CNI spec version.</summary>
internal sealed partial class LabAssembler
{
    /// <summary>CNI spec versions the reference plugins and route-fix understand.</summary>
    internal static readonly string[] KnownCniVersions = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>Multus 3.x is built on libcni 0.8 and reads configs up to CNI spec 0.4.0.</summary>
    internal const string MaxCniVersionForMultusV3 = "0.4.0";

    /// <summary>The Calico release: a tag the library's derivations were checked against, and one that has every feature the lab uses.</summary>
    /// <remarks>Reports GITOPS152 (CalicoVersionInvalid), GITOPS155 (CalicoFeatureNeedsNewerVersion).</remarks>
    private CalicoVersion CheckCalicoVersion(CalicoBuilder c)
    {
        if (c.VersionText is not { } text)
        {
            return CalicoVersion.Default;
        }

        if (CalicoVersion.TryParse(text.Value) is not { } version)
        {
            _errors.Add(CalicoVersionInvalid, "lab/calico/version", $"'{text.Value}' is not a Calico release tag; pin one like \"{CalicoVersion.Default}\" (v, major, minor and patch; no \"latest\").", text.Source);
            return CalicoVersion.Default;
        }

        if (version < CalicoVersion.Oldest)
        {
            _errors.Add(CalicoVersionInvalid, "lab/calico/version", $"Calico {version} is older than {CalicoVersion.Oldest}, the oldest release whose node CNI plugins the library knows; use {CalicoVersion.Oldest} or later, e.g. \"{CalicoVersion.Default}\".", text.Source);
        }
        else if (c.Dataplane == Topology.LinuxDataplane.Nftables && version < CalicoVersion.WithNftablesDataplane)
        {
            _errors.Add(CalicoFeatureNeedsNewerVersion, "lab/calico/linuxDataplane", $"linuxDataplane Nftables does not exist in Calico {version} (it arrived in {CalicoVersion.WithNftablesDataplane}, tigera/operator v1.36.0); use Calico {CalicoVersion.WithNftablesDataplane} or later, or LinuxDataplane.Iptables.", text.Source);
        }

        return version;
    }

    /// <summary>
    /// The tag must be a release of the chosen line whose image has the paths the DaemonSet runs
    /// (k8snetworkplumbingwg/multus-cni <c>images/Dockerfile</c>, <c>images/Dockerfile.thick</c> at each tag):
    /// v3 images have <c>/entrypoint.sh</c> only; v4 thin images add <c>/thin_entrypoint</c> and <c>/install_multus</c>;
    /// v4 <c>-thick</c> images have neither at <c>/</c>. Both v4 images carry every binary under
    /// <c>/usr/src/multus-cni/bin</c> (hack/build-go.sh builds all of cmd/), so the thick DaemonSet also runs on a thin tag.
    /// </summary>
    /// <remarks>Reports GITOPS118 (InvalidImage), GITOPS150 (MultusImageTagMismatch), GITOPS151 (MultusKubeconfigNotWritten).</remarks>
    private void CheckMultusTag(Located<string> t, MultusVersion line, MultusPlugin plugin)
    {
        const string Path = "lab/multus/imageTag";
        var value = t.Value;
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace) || value.Contains(':'))
        {
            _errors.Add(InvalidImage, Path, $"'{value}' is not an image tag; give only the tag, e.g. \"v3.9.3\".", t.Source);
            return;
        }

        var example = MultusSettings.DefaultImageTag(line, plugin);
        if (MultusTag.TryParse(value) is not { } release)
        {
            _errors.Add(MultusImageTagMismatch, Path, $"'{value}' is not a Multus release tag, so what the image contains cannot be checked against Multus {LineName(line)}; pin a release, e.g. \"{example}\".", t.Source);
            return;
        }

        var lineMajor = line == MultusVersion.V3 ? 3 : 4;
        if (release.Major != lineMajor)
        {
            var runs = line == MultusVersion.V3 ? "runs /entrypoint.sh, which v4 images do not have" : plugin == MultusPlugin.Thick ? "runs /usr/src/multus-cni/bin/multus-daemon and install_multus, which v3 images do not have" : "runs /thin_entrypoint and /install_multus, but v3 images have only /entrypoint.sh";
            var otherLine = release.Major is 3 or 4 ? $", or .Version(MultusVersion.V{release.Major})" : "";
            _errors.Add(MultusImageTagMismatch, Path, $"image tag {value} is a Multus {release.Major} release, but .Version(MultusVersion.{line}) {runs}; use a {LineName(line)} tag, e.g. \"{example}\"{otherLine}.", t.Source);
            return;
        }

        if (release.Thick && plugin == MultusPlugin.Thin)
        {
            var missing = line == MultusVersion.V3 ? "/entrypoint.sh" : "/thin_entrypoint or /install_multus";
            var thickAlternative = line == MultusVersion.V4 ? $", or the thick plugin with .Version(MultusVersion.V4, \"{value}\", MultusPlugin.Thick)" : "";
            _errors.Add(MultusImageTagMismatch, Path, $"image tag {value} is the thick image, which has no {missing} for the thin plugin; use \"{release.WithoutSuffix}\"{thickAlternative}.", t.Source);
            return;
        }

        if (line == MultusVersion.V4 && plugin == MultusPlugin.Thin && release.Minor == 0)
        {
            _errors.Add(MultusKubeconfigNotWritten, Path, $"Multus {value} thin writes multus.kubeconfig only with --multus-conf-file=auto (fixed in v4.1.0, multus-cni PR #1317), but the library's thin plugin passes its own conf file, which names that kubeconfig; use v4.1.0 or later, e.g. \"{example}\", or the thick plugin.", t.Source);
        }
    }

    private static string LineName(MultusVersion line) => line == MultusVersion.V3 ? "v3" : "v4";

    /// <remarks>Reports GITOPS110 (CniVersionUnsupported).</remarks>
    private void CheckCniVersion(Located<string> version, string path, MultusVersion multus)
    {
        if (!KnownCniVersions.Contains(version.Value))
        {
            _errors.Add(CniVersionUnsupported, path, $"cniVersion '{version.Value}' is not a CNI spec version; use one of {string.Join(", ", KnownCniVersions)}.", version.Source);
        }
        else if (multus == MultusVersion.V3 && string.CompareOrdinal(version.Value, MaxCniVersionForMultusV3) > 0)
        {
            _errors.Add(CniVersionUnsupported, path, $"cniVersion {version.Value} cannot be read by Multus 3.x, which speaks CNI up to {MaxCniVersionForMultusV3}; use \"0.4.0\" or move to Multus v4 with .Version(MultusVersion.V4).", version.Source);
        }
    }
}
