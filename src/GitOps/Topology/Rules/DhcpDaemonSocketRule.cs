using GitOps.Diagnostics;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

/// <summary>
/// The node agent runs one dhcp daemon per node, listening on one socket; every DHCP attachment's dhcp IPAM
/// dials its own <c>daemonSocketPath</c> (containernetworking/plugins plugins/ipam/dhcp/main.go, default
/// /run/cni/dhcp.sock). Attachments asking for different paths would find no daemon on all but one, so that is
/// an error naming both attachments. A socket directly in <c>/</c> is refused too: its directory is mounted from the host.
/// </summary>
/// <remarks>Reports GITOPS120 (InvalidPath), GITOPS122 (DhcpDaemonSocketConflict).</remarks>
internal sealed class DhcpDaemonSocketRule : ILabRule
{
    public IEnumerable<Diagnostic> Check(Lab lab, SourceMap sources)
    {
        (string Name, string Socket)? first = null;
        foreach (var a in lab.Attachments)
        {
            if (a.Ipam is not DhcpIpamOptions d)
            {
                continue;
            }

            // The path and its source are looked up only for a report (a string per attachment otherwise, in large labs).
            string Path() => $"lab/attachments/{a.QualifiedName}/ipam/daemonSocketPath";
            var socket = DhcpIpamOptions.SocketPathOf(d);
            if (d.DaemonSocketPath is { } given && given.StartsWith('/') && given.LastIndexOf('/') == 0 && given.Length > 1)
            {
                yield return ModelErrors.Error(InvalidPath, Path(), $"'{given}' is directly in /; the dhcp daemon's socket directory is mounted from the host into its pod, so put the socket in a directory of its own, e.g. \"/run/cni/dhcp.sock\".", sources[Path()]);
            }

            if (first is null)
            {
                first = (a.QualifiedName, socket);
            }
            else if (!string.Equals(first.Value.Socket, socket, StringComparison.Ordinal))
            {
                yield return ModelErrors.Error(DhcpDaemonSocketConflict, Path(),
                    $"attachment '{a.QualifiedName}' dials the dhcp daemon at '{socket}' but attachment '{first.Value.Name}' at '{first.Value.Socket}'; each node runs one dhcp daemon on one socket, so give every DHCP attachment the same DaemonSocketPath (or none, for {DhcpIpamOptions.DefaultDaemonSocketPath}).",
                    sources[Path()]);
            }
        }
    }
}
