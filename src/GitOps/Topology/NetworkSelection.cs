namespace GitOps.Topology;

/// <summary>
/// One element of a pod's Multus network selection (annotation <c>k8s.v1.cni.cncf.io/networks</c>, JSON form
/// <c>[{"name":…,"namespace":…,"ips":[…],"mac":…}]</c>; multus-cni pkg/types/types.go <c>NetworkSelectionElement</c>).
/// </summary>
internal sealed record NetworkSelection
{
    internal NetworkSelection(Attachment Attachment, IReadOnlyList<string> Ips, string? Mac)
    {
        this.Attachment = Attachment;
        this.Ips = Ips;
        this.Mac = Mac;
    }

    /// <summary>The attachment joined.</summary>
    public Attachment Attachment { get; internal init; }

    /// <summary>
    /// Requested addresses, <c>address/prefix</c> as the static IPAM reads them (plugins/ipam/static/main.go); empty for
    /// none. Only on a <see cref="PodAddressIpamOptions"/> attachment (GITOPS184), inside its subnet with its prefix
    /// (GITOPS117), not the gateway (GITOPS134), not another pod's or inside a host-local range (GITOPS137).
    /// </summary>
    public IReadOnlyList<string> Ips { get; internal init; }

    /// <summary>Requested MAC, lower-case <c>xx:xx:xx:xx:xx:xx</c>; null for none. Only with <see cref="Attachment.PodMac"/> (GITOPS185), unicast (GITOPS186), unique (GITOPS187).</summary>
    public string? Mac { get; internal init; }
}
