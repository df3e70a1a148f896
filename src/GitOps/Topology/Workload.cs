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

    public string Name { get; internal init; }

    public string Namespace { get; internal init; }

    public string Image { get; internal init; }

    public IReadOnlyList<Attachment> Attachments { get; internal init; }

    public IReadOnlyList<WorkloadPort> Ports { get; internal init; }

    public SourceLocation Source { get; internal init; }
}


public sealed record WorkloadPort
{
    internal WorkloadPort(string Name, int Port)
    {
        this.Name = Name;
        this.Port = Port;
    }

    public string Name { get; internal init; }

    public int Port { get; internal init; }
}

