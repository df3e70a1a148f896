namespace GitOps.Topology;

/// <summary>
/// A handle to a layer-2 attachment of one lab, handed back by
/// <see cref="LabBuilder.Attachment(string, Action{AttachmentBuilder}, out AttachmentReference, string, int)"/>
/// (<c>.Attachment("default/layer2-bridge", a =&gt; a.Network(lan).Bridge("cni0").Dhcp(), out var lanL2)</c>). Pass it
/// to <see cref="WorkloadBuilder.Attach(AttachmentReference, Action{NetworkSelectionBuilder}?, string, int)"/> instead of
/// the attachment's <c>namespace/name</c> as a string: the reference is then the declaration itself, so it cannot name an
/// attachment the lab does not declare (GITOPS111). <c>Attach</c> keeps its string overload; both styles build the same
/// lab, byte for byte.
/// A handle works only in the <see cref="LabBuilder"/> that handed it out: one from another <c>Lab.Create(...)</c> is
/// refused by <see cref="LabBuilder.Build"/> with GITOPS128 (<see cref="Diagnostics.DiagnosticCodes.ForeignReference"/>),
/// reported at the call that passed it. Compared by reference; there is no public constructor.
/// </summary>
public sealed class AttachmentReference
{
    internal AttachmentReference(string qualifiedName, LabBuilder issuer)
    {
        QualifiedName = qualifiedName;
        Issuer = issuer;
    }

    /// <summary>
    /// The attachment's <c>namespace/name</c> as passed to <c>.Attachment(qualifiedName, ...)</c>, e.g.
    /// <c>"default/layer2-bridge"</c> (Build checks both parts are DNS-1123 labels, GITOPS100).
    /// </summary>
    public string QualifiedName { get; }

    /// <summary>The lab builder that handed out this handle; the only one that accepts it.</summary>
    internal LabBuilder Issuer { get; }

    /// <summary>The attachment's <c>namespace/name</c>, <see cref="QualifiedName"/>.</summary>
    /// <returns><see cref="QualifiedName"/>.</returns>
    public override string ToString() => QualifiedName;
}
