namespace GitOps.Topology;

/// <summary>A Deployment the lab runs whose pods join secondary networks (Home Assistant on the LAN).</summary>
public sealed record Workload
{
    internal Workload(string Name, string Namespace, string Image, IReadOnlyList<Attachment> Attachments, IReadOnlyList<WorkloadPort> Ports, SourceLocation Source)
    {
        this.Name = Name;
        this.Namespace = Namespace;
        this.Image = Image;
        this.Attachments = Attachments;
        this.Ports = Ports;
        this.Source = Source;
    }

    /// <summary>The Deployment's name, a DNS-1123 label (GITOPS100).</summary>
    public string Name { get; internal init; }

    /// <summary>The Deployment's namespace, a DNS-1123 label (GITOPS100).</summary>
    public string Namespace { get; internal init; }

    /// <summary>The container image reference (GITOPS118 when it is not a valid reference; required, GITOPS113).</summary>
    public string Image { get; internal init; }

    /// <summary>The attachments the pods join, in declaration order (GITOPS111 when one names no attachment of the lab).</summary>
    public IReadOnlyList<Attachment> Attachments { get; internal init; }

    /// <summary>What the pod asks of each attachment it joins (address, MAC), one per <see cref="Attachments"/> entry in its order.</summary>
    public IReadOnlyList<NetworkSelection> Selections { get; internal init; } = [];

    /// <summary>The container ports, in declaration order; empty when none.</summary>
    public IReadOnlyList<WorkloadPort> Ports { get; internal init; }

    /// <summary>Where in the user's C# this was declared (file and line), so errors about it point there.</summary>
    public SourceLocation Source { get; internal init; }
}


/// <summary>A named container port of a <see cref="Workload"/>.</summary>
public sealed record WorkloadPort
{
    internal WorkloadPort(string Name, int Port)
    {
        this.Name = Name;
        this.Port = Port;
    }

    /// <summary>The port's name (the container port's <c>name</c>).</summary>
    public string Name { get; internal init; }

    /// <summary>The TCP port number, 1–65535 (GITOPS121).</summary>
    public int Port { get; internal init; }
}

