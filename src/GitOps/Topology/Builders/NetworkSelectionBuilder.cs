using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>What a workload's pod asks of one attachment: <c>s => s.Ip("192.168.2.50/24").Mac("02:00:00:00:00:32")</c>.</summary>
public sealed class NetworkSelectionBuilder
{
    private readonly List<Located<string>> _ips = [];

    internal NetworkSelectionBuilder()
    {
    }

    internal IReadOnlyList<Located<string>> Ips => _ips;
    internal Located<string>? MacText { get; private set; }

    /// <summary>Adds a requested address, <c>"192.168.2.50/24"</c> (network selection <c>ips</c>); the attachment must use <see cref="AttachmentBuilder.PodAddresses"/>.</summary>
    public NetworkSelectionBuilder Ip(string addressWithPrefix, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _ips.Add(new(addressWithPrefix, new(file, line)));
        return this;
    }

    /// <summary>The requested MAC, <c>"02:00:00:00:00:32"</c> (network selection <c>mac</c>); the attachment must have <see cref="AttachmentBuilder.PodMac"/>.</summary>
    public NetworkSelectionBuilder Mac(string mac, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        MacText = new(mac, new(file, line));
        return this;
    }
}
