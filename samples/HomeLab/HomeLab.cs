using GitOps.Topology;

/// <summary>The blog's home lab.</summary>
public static class HomeLab
{
    public static Lab Build() => new(); // Replaced by the lab builder once the model lands (issue 2).
}
