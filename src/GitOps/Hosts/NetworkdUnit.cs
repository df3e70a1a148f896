namespace GitOps.Hosts;

/// <summary>A systemd-networkd unit file (.network, .netdev): comment lines, then sections of Key=Value entries.</summary>
internal sealed record NetworkdUnit(IReadOnlyList<string> Header, IReadOnlyList<NetworkdSection> Sections) : Output.ITextFileDocument
{
    /// <inheritdoc/>
    public void WriteText(TextWriter writer) => writer.Write(NetworkdRenderer.Render(this));
}

/// <summary>One <c>[Section]</c>, its entries in order.</summary>
internal sealed record NetworkdSection(string Name, IReadOnlyList<NetworkdEntry> Entries);

/// <summary><c>Key=Value</c>, with an optional comment written on its own line above it (networkd has no end-of-line comments).</summary>
internal sealed record NetworkdEntry(string Key, string Value, string? Comment = null);
