namespace GitOps.Topology;

/// <summary>A Deployment the lab runs whose pods join secondary networks (Home Assistant on the LAN).</summary>
public sealed record Workload(
    string Name,
    string Namespace,
    string Image,
    IReadOnlyList<Attachment> Attachments,
    IReadOnlyList<WorkloadPort> Ports,
    SourceLocation Source);

public sealed record WorkloadPort(string Name, int Port);
