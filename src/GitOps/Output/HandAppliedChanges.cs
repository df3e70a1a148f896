using GitOps.Diagnostics;

namespace GitOps.Output;

/// <summary>
/// GITOPS217 (a warning): a build that changes a generated file that no GitOps tool delivers, so the change reaches its
/// target only when the user applies or installs the file again:
/// <list type="bullet">
/// <item><c>rancher/</c>: the GitRepos applied once by hand on the Rancher (Fleet manager) cluster (docs/gitops.md, Day 0
/// step 4); nothing syncs the folder. Try-out 9: <c>.ClientSecret(...)</c> changed the fleet-local GitRepo here, the docs
/// said "nothing is applied by hand again", and a repository made private before re-applying it stops syncing, so the
/// commit that carries the Secret's name never arrives.</item>
/// <item><c>flux/</c>: the GitRepository and Kustomizations applied once with <c>kubectl apply -k</c>; Flux applies the
/// bundle folders they name, not this one.</item>
/// <item><c>hosts/</c>: the machines' files (networkd units, K3s config, frr.conf, Hyper-V scripts), installed by hand.</item>
/// </list>
/// One warning per changed file, on the build that changes it.
/// </summary>
internal static class HandAppliedChanges
{
    /// <param name="root">The output folder (full path).</param>
    /// <param name="writes">This update's writes; those replacing an existing file in the folders above are reported.</param>
    public static IReadOnlyList<Diagnostic> Find(string root, IReadOnlyList<PlannedWrite> writes)
    {
        var warnings = new List<Diagnostic>();
        foreach (var write in writes)
        {
            if (write.Exists && Advice(write.RelativePath) is { } advice && !SameButLineEndings(OutputPath.ToFullPath(root, write.RelativePath), write.Content))
            {
                warnings.Add(new Diagnostic(DiagnosticCodes.OutputChangesHandAppliedFile, DiagnosticSeverity.Warning, "output/" + write.RelativePath,
                    $"this build changes a file that neither Fleet nor Flux delivers: {advice}", OutputPath.ToFullPath(root, write.RelativePath)));
            }
        }

        return warnings;
    }

    private static string? Advice(string relativePath) =>
        In(relativePath, DeliveryFolder.Rancher)
            ? $"after committing, apply it again on the Rancher (Fleet manager) cluster (kubectl apply -f {relativePath} in the " +
              "output folder); before making the repository private, apply the change that names its Secret first, or the " +
              "GitRepo can no longer clone the commit that carries it"
        : In(relativePath, DeliveryFolder.Flux)
            ? $"after committing, apply the folder again (kubectl apply -k {DeliveryFolder.Flux.Name}/ in the output folder); Flux " +
              "applies the bundle folders these objects name, not the objects themselves"
        : In(relativePath, DeliveryFolder.Hosts)
            ? $"{HostInstall(relativePath)}; the machine keeps the old file until then (docs/gitops.md \"Host files\")"
        : null;

    /// <summary>How a host file is installed again, by its kind (the host emitters' files).</summary>
    private static string HostInstall(string relativePath) => Path.GetExtension(relativePath) switch
    {
        ".network" or ".netdev" or ".link" => "copy it to /etc/systemd/network/ on its node again and restart systemd-networkd",
        ".ps1" => "run it again on its Hyper-V host (elevated PowerShell)",
        _ when Path.GetFileName(relativePath) == "frr.conf" => "install it as /etc/frr/frr.conf on its router again and restart frr",
        _ => "copy it to its place on its machine again (hosts/<server>/etc and var go to / on the K3s server; K3s applies its manifests folder by itself)",
    };

    /// <summary>Whether the file on disk differs from <paramref name="content"/> only by CRLF line endings (a checkout with
    /// git's <c>core.autocrlf</c>): the writer rewrites it, but nothing changed for the machine or the cluster.</summary>
    private static bool SameButLineEndings(string path, byte[] content)
    {
        try
        {
            var existing = File.ReadAllBytes(path);
            return existing.AsSpan().Contains((byte)'\r') && existing.Where((b, i) => !(b == '\r' && i + 1 < existing.Length && existing[i + 1] == '\n')).SequenceEqual(content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool In(string relativePath, DeliveryFolder folder) =>
        relativePath.StartsWith(folder.Name + "/", StringComparison.Ordinal);
}
