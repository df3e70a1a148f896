namespace GitOps.Topology;

/// <summary>
/// A handle to a network of one lab, handed back by
/// <see cref="LabBuilder.Network(string, Action{NetworkBuilder}, out NetworkReference, string, int)"/>
/// (<c>.Network("lan", n =&gt; n.Subnet("192.168.2.0/24").Gateway("192.168.2.1"), out var lan)</c>). Pass it where a
/// network is named — <see cref="NodeBuilder.Interface(string, NetworkReference, Action{InterfaceBuilder}?, string, int)"/>,
/// <see cref="AttachmentBuilder.Network(NetworkReference, string, int)"/>,
/// <see cref="ClusterBuilder.NodeNetwork(NetworkReference, string, int)"/> — instead of its name as a string: the
/// reference is then the declaration itself, so it cannot name a network the lab does not declare (GITOPS111). Those
/// methods keep their string overloads; both styles build the same lab, byte for byte.
/// A handle works only in the <see cref="LabBuilder"/> that handed it out: one from another <c>Lab.Create(...)</c> is
/// refused by <see cref="LabBuilder.Build"/> with GITOPS128 (<see cref="Diagnostics.DiagnosticCodes.ForeignReference"/>),
/// reported at the call that passed it. Compared by reference; there is no public constructor.
/// </summary>
public sealed class NetworkReference
{
    internal NetworkReference(string name, LabBuilder issuer)
    {
        Name = name;
        Issuer = issuer;
    }

    /// <summary>
    /// The network's name as passed to <c>.Network(name, ...)</c>, e.g. <c>"lan"</c> (Build checks it is a DNS-1123
    /// label, GITOPS100, and unique, GITOPS112).
    /// </summary>
    public string Name { get; }

    /// <summary>The lab builder that handed out this handle; the only one that accepts it.</summary>
    internal LabBuilder Issuer { get; }

    /// <summary>The network's name, <see cref="Name"/>.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
