namespace GitOps.Topology;

/// <summary>
/// How macvlan children of one master reach each other, the values of the macvlan plugin's <c>mode</c>
/// (containernetworking/plugins plugins/main/macvlan/macvlan.go, <c>modeFromString</c>: "", bridge, private, vepa,
/// passthru; "" is bridge). In every mode the node itself cannot reach its own children through the master: the
/// kernel hands frames from a macvlan child to the wire or to sibling children, never up the master's stack.
/// </summary>
public enum MacvlanMode
{
    /// <summary><c>bridge</c> (the plugin's default): children of one master talk to each other directly.</summary>
    Bridge,

    /// <summary><c>private</c>: children of one master never reach each other, not even through the switch.</summary>
    Private,

    /// <summary><c>vepa</c>: traffic between children goes out to the switch, which must hairpin it back (802.1Qbg).</summary>
    Vepa,

    /// <summary><c>passthru</c>: one child takes over the master (the kernel refuses a second child of it), so one pod per node.</summary>
    Passthru,
}

/// <summary>ipvlan modes, the values of the ipvlan plugin's <c>mode</c> (containernetworking/plugins plugins/main/ipvlan/ipvlan.go, <c>modeFromString</c>: "", l2, l3, l3s; "" is l2).</summary>
public enum IpvlanMode
{
    /// <summary><c>l2</c> (the plugin's default): children switch frames on the master's layer 2 and get broadcast and multicast.</summary>
    L2,

    /// <summary><c>l3</c>: the master routes for its children; they neither receive nor send broadcast or multicast (kernel Documentation/networking/ipvlan.rst, "L3 mode").</summary>
    L3,

    /// <summary><c>l3s</c>: like <see cref="L3"/>, with the traffic passing the master's netfilter (kernel Documentation/networking/ipvlan.rst, "L3S mode").</summary>
    L3S,
}

/// <summary>A macvlan attachment: the pod's interface is a macvlan child of the node's interface on the network.</summary>
internal sealed record MacvlanOptions
{
    internal MacvlanOptions(MacvlanMode Mode, string Master)
    {
        this.Mode = Mode;
        this.Master = Master;
    }

    /// <summary>The macvlan mode (conflist <c>mode</c>). Default <see cref="MacvlanMode.Bridge"/>, the plugin's.</summary>
    public MacvlanMode Mode { get; internal init; }

    /// <summary>
    /// The node interface on the attachment's network (conflist <c>master</c>): the one name every node with a plain
    /// (not bridged) interface on that network gives it (GITOPS181 when the names differ; GITOPS180 when it is a bridge port).
    /// </summary>
    public string Master { get; internal init; }
}

/// <summary>An ipvlan attachment: the pod's interface is an ipvlan child of the node's interface on the network.</summary>
internal sealed record IpvlanOptions
{
    internal IpvlanOptions(IpvlanMode Mode, string Master)
    {
        this.Mode = Mode;
        this.Master = Master;
    }

    /// <summary>The ipvlan mode (conflist <c>mode</c>). Default <see cref="IpvlanMode.L2"/>, the plugin's.</summary>
    public IpvlanMode Mode { get; internal init; }

    /// <summary>The node interface on the attachment's network (conflist <c>master</c>), chosen as for <see cref="MacvlanOptions.Master"/>.</summary>
    public string Master { get; internal init; }
}
